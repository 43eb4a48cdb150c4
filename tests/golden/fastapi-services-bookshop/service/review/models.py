"""What reviews look like on the way in (Create, Update, Query) and out (Read, Page)."""

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from common.schemas import PageQuery
from common.types import (
    Bool,
    DateTime,
    Int,
    NotNull,
    NullFilter,
    QueryInt32,
    QueryRowId,
    RowId,
    Str,
    StrictInt,
    Text,
    UtcDateTime,
)

ReviewSort = Literal[
    "id",
    "-id",
    "book_id",
    "-book_id",
    "rating",
    "-rating",
    "body",
    "-body",
    "reviewed_at",
    "-reviewed_at",
    "created_at",
    "-created_at",
    "updated_at",
    "-updated_at",
]


class ReviewCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    book_id: RowId
    rating: StrictInt = Field(ge=1, le=5)
    body: Text | None = None
    reviewed_at: UtcDateTime


class ReviewUpdate(BaseModel):
    """Every field may be left out: only the fields sent are changed."""

    model_config = ConfigDict(extra="forbid")

    book_id: NotNull[RowId] = None
    rating: NotNull[StrictInt] = Field(default=None, ge=1, le=5)
    body: Text | None = None
    reviewed_at: NotNull[UtcDateTime] = None


class ReviewRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: Int
    book_id: Int
    rating: Int
    body: Str | None
    reviewed_at: DateTime
    created_at: DateTime
    updated_at: DateTime


class ReviewPage(BaseModel):
    items: list[ReviewRead]
    total: Int | None = Field(description="The matching rows, when asked for (`with_total=true`).")
    limit: Int
    offset: Int
    has_more: Bool = Field(description="Whether rows follow this page.")


class ReviewQuery(PageQuery):
    """List parameters: pagination, sort (`field` or `-field`) and equality filters."""

    sort: ReviewSort = "id"
    book_id: QueryRowId | None = None
    rating: QueryInt32 | None = None
    body: NullFilter | Text | None = None
    reviewed_at: UtcDateTime | None = None
