"""What books look like on the way in (Create, Update, Query) and out (Read, Page)."""

from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from app.core.schemas import PageQuery
from app.core.types import (
    INT32_MAX,
    Bool,
    DateTime,
    ExactDecimal,
    Int,
    NotNull,
    NullFilter,
    QueryBool,
    QueryInt32,
    QueryRowId,
    RowId,
    Str,
    StrictBool,
    StrictInt,
    Text,
)

BookGenre = Literal["fiction", "science", "history"]
BookSort = Literal[
    "id",
    "-id",
    "title",
    "-title",
    "isbn",
    "-isbn",
    "price",
    "-price",
    "pages",
    "-pages",
    "published",
    "-published",
    "genre",
    "-genre",
    "author_id",
    "-author_id",
    "created_at",
    "-created_at",
    "updated_at",
    "-updated_at",
]


class BookCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: Text = Field(max_length=200)
    isbn: Text = Field(max_length=13)
    price: ExactDecimal = Field(ge=0)
    pages: StrictInt | None = Field(default=None, ge=1, le=INT32_MAX)
    published: StrictBool = False
    genre: BookGenre
    author_id: RowId


class BookUpdate(BaseModel):
    """Every field may be left out: only the fields sent are changed."""

    model_config = ConfigDict(extra="forbid")

    title: NotNull[Text] = Field(default=None, max_length=200)
    isbn: NotNull[Text] = Field(default=None, max_length=13)
    price: NotNull[ExactDecimal] = Field(default=None, ge=0)
    pages: StrictInt | None = Field(default=None, ge=1, le=INT32_MAX)
    published: NotNull[StrictBool] = None
    genre: NotNull[BookGenre] = None
    author_id: NotNull[RowId] = None


class BookRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: Int
    title: Str
    isbn: Str
    price: Decimal
    pages: Int | None
    published: Bool
    genre: BookGenre
    author_id: Int
    created_at: DateTime
    updated_at: DateTime


class BookPage(BaseModel):
    items: list[BookRead]
    total: Int | None = Field(description="The matching rows, when asked for (`with_total=true`).")
    limit: Int
    offset: Int
    has_more: Bool = Field(description="Whether rows follow this page.")


class BookQuery(PageQuery):
    """List parameters: pagination, sort (`field` or `-field`) and equality filters."""

    sort: BookSort = "id"
    title: Text | None = None
    isbn: Text | None = None
    price: ExactDecimal | None = None
    pages: NullFilter | QueryInt32 | None = None
    published: QueryBool | None = None
    genre: BookGenre | None = None
    author_id: QueryRowId | None = None
