"""What warehouses look like on the way in (Create, Update, Query) and out (Read, Page)."""

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

WarehouseSort = Literal[
    "id",
    "-id",
    "code",
    "-code",
    "city",
    "-city",
    "opened",
    "-opened",
    "created_at",
    "-created_at",
    "updated_at",
    "-updated_at",
]


class WarehouseCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    code: str = Field(max_length=8)
    city: str = Field(max_length=255)
    opened: date | None = None


class WarehouseUpdate(BaseModel):
    """Every field optional: only the fields sent are changed."""

    model_config = ConfigDict(extra="forbid")

    code: str | None = Field(default=None, max_length=8)
    city: str | None = Field(default=None, max_length=255)
    opened: date | None = None

    @field_validator("code", "city")
    @classmethod
    def reject_null(cls, value: object) -> object:
        if value is None:
            raise ValueError("may not be null")
        return value


class WarehouseRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    code: str
    city: str
    opened: date | None
    created_at: datetime
    updated_at: datetime


class WarehousePage(BaseModel):
    items: list[WarehouseRead]
    total: int
    limit: int
    offset: int


class WarehouseQuery(BaseModel):
    """List parameters: pagination, sort (`field` or `-field`) and equality filters."""

    model_config = ConfigDict(extra="forbid")

    limit: int = Field(default=50, ge=1, le=200)
    offset: int = Field(default=0, ge=0)
    sort: WarehouseSort = "id"
    code: str | None = None
    city: str | None = None
    opened: date | None = None

    def filters(self) -> dict[str, object]:
        return self.model_dump(exclude={"limit", "offset", "sort"}, exclude_none=True)
