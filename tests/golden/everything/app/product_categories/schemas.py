"""What product_categories look like on the way in (Create, Update, Query) and out (Read, Page)."""

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from app.core.schemas import PageQuery
from app.core.types import Bool, DateTime, Int, NotNull, NullFilter, QueryRowId, RowId, Str, Text

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

    label: Text = Field(max_length=255)
    parent_id: RowId | None = None


class ProductCategoryUpdate(BaseModel):
    """Every field may be left out: only the fields sent are changed."""

    model_config = ConfigDict(extra="forbid")

    label: NotNull[Text] = Field(default=None, max_length=255)
    parent_id: RowId | None = None


class ProductCategoryRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: Int
    label: Str
    parent_id: Int | None
    created_at: DateTime
    updated_at: DateTime


class ProductCategoryPage(BaseModel):
    items: list[ProductCategoryRead]
    total: Int | None = Field(description="The matching rows, when asked for (`with_total=true`).")
    limit: Int
    offset: Int
    has_more: Bool = Field(description="Whether rows follow this page.")


class ProductCategoryQuery(PageQuery):
    """List parameters: pagination, sort (`field` or `-field`) and equality filters."""

    sort: ProductCategorySort = "id"
    label: Text | None = None
    parent_id: NullFilter | QueryRowId | None = None
