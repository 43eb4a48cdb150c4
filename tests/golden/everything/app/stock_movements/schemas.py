"""What stock_movements look like on the way in (Create, Update, Query) and out (Read, Page)."""

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from app.core.schemas import PageQuery
from app.core.types import (
    INT32_MAX,
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
)

StockMovementSort = Literal[
    "id",
    "-id",
    "product_id",
    "-product_id",
    "source_id",
    "-source_id",
    "quantity",
    "-quantity",
    "note",
    "-note",
    "created_at",
    "-created_at",
    "updated_at",
    "-updated_at",
]


class StockMovementCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    product_id: RowId
    source_id: RowId
    quantity: StrictInt = Field(ge=1, le=INT32_MAX)
    note: Text | None = Field(default=None, max_length=255)


class StockMovementUpdate(BaseModel):
    """Every field may be left out: only the fields sent are changed."""

    model_config = ConfigDict(extra="forbid")

    product_id: NotNull[RowId] = None
    source_id: NotNull[RowId] = None
    quantity: NotNull[StrictInt] = Field(default=None, ge=1, le=INT32_MAX)
    note: Text | None = Field(default=None, max_length=255)


class StockMovementRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: Int
    product_id: Int
    source_id: Int
    quantity: Int
    note: Str | None
    created_at: DateTime
    updated_at: DateTime


class StockMovementPage(BaseModel):
    items: list[StockMovementRead]
    total: Int | None = Field(description="The matching rows, when asked for (`with_total=true`).")
    limit: Int
    offset: Int
    has_more: Bool = Field(description="Whether rows follow this page.")


class StockMovementQuery(PageQuery):
    """List parameters: pagination, sort (`field` or `-field`) and equality filters."""

    sort: StockMovementSort = "id"
    product_id: QueryRowId | None = None
    source_id: QueryRowId | None = None
    quantity: QueryInt32 | None = None
    note: NullFilter | Text | None = None
