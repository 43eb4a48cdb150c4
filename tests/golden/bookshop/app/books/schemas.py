"""What books look like on the way in (Create, Update, Query) and out (Read, Page)."""

from datetime import datetime
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

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

    title: str = Field(max_length=200)
    isbn: str = Field(max_length=13)
    price: Decimal = Field(ge=0, max_digits=12, decimal_places=2)
    pages: int | None = Field(default=None, ge=1)
    published: bool = False
    genre: BookGenre
    author_id: int


class BookUpdate(BaseModel):
    """Every field optional: only the fields sent are changed."""

    model_config = ConfigDict(extra="forbid")

    title: str | None = Field(default=None, max_length=200)
    isbn: str | None = Field(default=None, max_length=13)
    price: Decimal | None = Field(default=None, ge=0, max_digits=12, decimal_places=2)
    pages: int | None = Field(default=None, ge=1)
    published: bool | None = None
    genre: BookGenre | None = None
    author_id: int | None = None

    @field_validator("title", "isbn", "price", "published", "genre", "author_id")
    @classmethod
    def reject_null(cls, value: object) -> object:
        if value is None:
            raise ValueError("may not be null")
        return value


class BookRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    title: str
    isbn: str
    price: Decimal
    pages: int | None
    published: bool
    genre: BookGenre
    author_id: int
    created_at: datetime
    updated_at: datetime


class BookPage(BaseModel):
    items: list[BookRead]
    total: int
    limit: int
    offset: int


class BookQuery(BaseModel):
    """List parameters: pagination, sort (`field` or `-field`) and equality filters."""

    model_config = ConfigDict(extra="forbid")

    limit: int = Field(default=50, ge=1, le=200)
    offset: int = Field(default=0, ge=0)
    sort: BookSort = "id"
    title: str | None = None
    isbn: str | None = None
    price: Decimal | None = None
    pages: int | None = None
    published: bool | None = None
    genre: BookGenre | None = None
    author_id: int | None = None

    def filters(self) -> dict[str, object]:
        return self.model_dump(exclude={"limit", "offset", "sort"}, exclude_none=True)
