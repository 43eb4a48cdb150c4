"""What product_categories look like on the way in (Create, Update, Query) and out (Read, Page)."""

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

ProductCategorySort = Literal[
    "id",
    "-id",
    "label",
    "-label",
    "parent_id",
    "-parent_id",
    "created_at",
    "-created_at",
    "updated_at",
    "-updated_at",
]


class ProductCategoryCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    label: str = Field(max_length=255)
    parent_id: int | None = None


class ProductCategoryUpdate(BaseModel):
    """Every field optional: only the fields sent are changed."""

    model_config = ConfigDict(extra="forbid")

    label: str | None = Field(default=None, max_length=255)
    parent_id: int | None = None

    @field_validator("label")
    @classmethod
    def reject_null(cls, value: object) -> object:
        if value is None:
            raise ValueError("may not be null")
        return value


class ProductCategoryRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    label: str
    parent_id: int | None
    created_at: datetime
    updated_at: datetime


class ProductCategoryPage(BaseModel):
    items: list[ProductCategoryRead]
    total: int
    limit: int
    offset: int


class ProductCategoryQuery(BaseModel):
    """List parameters: pagination, sort (`field` or `-field`) and equality filters."""

    model_config = ConfigDict(extra="forbid")

    limit: int = Field(default=50, ge=1, le=200)
    offset: int = Field(default=0, ge=0)
    sort: ProductCategorySort = "id"
    label: str | None = None
    parent_id: int | None = None

    def filters(self) -> dict[str, object]:
        return self.model_dump(exclude={"limit", "offset", "sort"}, exclude_none=True)
