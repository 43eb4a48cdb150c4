"""What reviews look like on the way in (Create, Update, Query) and out (Read, Page)."""

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

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

    book_id: int
    rating: int = Field(ge=1, le=5)
    body: str | None = None
    reviewed_at: datetime


class ReviewUpdate(BaseModel):
    """Every field optional: only the fields sent are changed."""

    model_config = ConfigDict(extra="forbid")

    book_id: int | None = None
    rating: int | None = Field(default=None, ge=1, le=5)
    body: str | None = None
    reviewed_at: datetime | None = None

    @field_validator("book_id", "rating", "reviewed_at")
    @classmethod
    def reject_null(cls, value: object) -> object:
        if value is None:
            raise ValueError("may not be null")
        return value


class ReviewRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    book_id: int
    rating: int
    body: str | None
    reviewed_at: datetime
    created_at: datetime
    updated_at: datetime


class ReviewPage(BaseModel):
    items: list[ReviewRead]
    total: int
    limit: int
    offset: int


class ReviewQuery(BaseModel):
    """List parameters: pagination, sort (`field` or `-field`) and equality filters."""

    model_config = ConfigDict(extra="forbid")

    limit: int = Field(default=50, ge=1, le=200)
    offset: int = Field(default=0, ge=0)
    sort: ReviewSort = "id"
    book_id: int | None = None
    rating: int | None = None
    body: str | None = None
    reviewed_at: datetime | None = None

    def filters(self) -> dict[str, object]:
        return self.model_dump(exclude={"limit", "offset", "sort"}, exclude_none=True)
