"""What stock_movements look like on the way in (Create, Update, Query) and out (Read, Page)."""

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from app.core.schemas import PageQuery
from app.core.types import (
    DateTime,
    Int,
    Int32,
    NullFilter,
    QueryInt32,
    QueryRowId,
    RowId,
    Str,
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
    quantity: Int32 = Field(ge=1)
    note: Text | None = Field(default=None, max_length=255)


class StockMovementUpdate(BaseModel):
    """Every field optional: only the fields sent are changed; null only where a field is optional."""

    model_config = ConfigDict(extra="forbid")

    product_id: RowId = Field(default=None)
    source_id: RowId = Field(default=None)
    quantity: Int32 = Field(default=None, ge=1)
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
    total: Int
    limit: Int
    offset: Int


class StockMovementQuery(PageQuery):
    """List parameters: pagination, sort (`field` or `-field`) and equality filters."""

    sort: StockMovementSort = "id"
    product_id: QueryRowId | None = None
    source_id: QueryRowId | None = None
    quantity: QueryInt32 | None = None
    note: NullFilter | Text | None = None
