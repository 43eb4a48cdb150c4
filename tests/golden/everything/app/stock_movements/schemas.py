"""What stock_movements look like on the way in (Create, Update, Query) and out (Read, Page)."""

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

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

    product_id: int
    source_id: int
    quantity: int = Field(ge=1)
    note: str | None = Field(default=None, max_length=255)


class StockMovementUpdate(BaseModel):
    """Every field optional: only the fields sent are changed."""

    model_config = ConfigDict(extra="forbid")

    product_id: int | None = None
    source_id: int | None = None
    quantity: int | None = Field(default=None, ge=1)
    note: str | None = Field(default=None, max_length=255)

    @field_validator("product_id", "source_id", "quantity")
    @classmethod
    def reject_null(cls, value: object) -> object:
        if value is None:
            raise ValueError("may not be null")
        return value


class StockMovementRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    product_id: int
    source_id: int
    quantity: int
    note: str | None
    created_at: datetime
    updated_at: datetime


class StockMovementPage(BaseModel):
    items: list[StockMovementRead]
    total: int
    limit: int
    offset: int


class StockMovementQuery(BaseModel):
    """List parameters: pagination, sort (`field` or `-field`) and equality filters."""

    model_config = ConfigDict(extra="forbid")

    limit: int = Field(default=50, ge=1, le=200)
    offset: int = Field(default=0, ge=0)
    sort: StockMovementSort = "id"
    product_id: int | None = None
    source_id: int | None = None
    quantity: int | None = None
    note: str | None = None

    def filters(self) -> dict[str, object]:
        return self.model_dump(exclude={"limit", "offset", "sort"}, exclude_none=True)
