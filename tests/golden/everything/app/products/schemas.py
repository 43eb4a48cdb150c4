"""What products look like on the way in (Create, Update, Query) and out (Read, Page)."""

from datetime import datetime
from decimal import Decimal
from typing import Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, EmailStr, Field, JsonValue, field_validator

from app.core.types import HttpUrlStr

ProductSize = Literal["small", "medium", "large"]
ProductSort = Literal[
    "id",
    "-id",
    "sku",
    "-sku",
    "name",
    "-name",
    "description",
    "-description",
    "weight",
    "-weight",
    "price",
    "-price",
    "stock",
    "-stock",
    "active",
    "-active",
    "support",
    "-support",
    "homepage",
    "-homepage",
    "size",
    "-size",
    "released_at",
    "-released_at",
    "warehouse_id",
    "-warehouse_id",
    "created_at",
    "-created_at",
    "updated_at",
    "-updated_at",
]


class ProductCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    sku: UUID
    name: str = Field(min_length=2, max_length=80)
    description: str | None = Field(default=None, max_length=2000)
    weight: float = Field(ge=0, le=1000)
    price: Decimal = Field(ge=0.01, max_digits=12, decimal_places=2)
    stock: int = Field(default=0, ge=0)
    active: bool = True
    attributes: dict[str, JsonValue] | None = None
    support: EmailStr | None = None
    homepage: HttpUrlStr | None = None
    size: ProductSize = "medium"
    released_at: datetime | None = None
    warehouse_id: int


class ProductUpdate(BaseModel):
    """Every field optional: only the fields sent are changed."""

    model_config = ConfigDict(extra="forbid")

    sku: UUID | None = None
    name: str | None = Field(default=None, min_length=2, max_length=80)
    description: str | None = Field(default=None, max_length=2000)
    weight: float | None = Field(default=None, ge=0, le=1000)
    price: Decimal | None = Field(default=None, ge=0.01, max_digits=12, decimal_places=2)
    stock: int | None = Field(default=None, ge=0)
    active: bool | None = None
    attributes: dict[str, JsonValue] | None = None
    support: EmailStr | None = None
    homepage: HttpUrlStr | None = None
    size: ProductSize | None = None
    released_at: datetime | None = None
    warehouse_id: int | None = None

    @field_validator("sku", "name", "weight", "price", "stock", "active", "size", "warehouse_id")
    @classmethod
    def reject_null(cls, value: object) -> object:
        if value is None:
            raise ValueError("may not be null")
        return value


class ProductRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    sku: UUID
    name: str
    description: str | None
    weight: float
    price: Decimal
    stock: int
    active: bool
    attributes: dict[str, JsonValue] | None
    support: str | None
    homepage: str | None
    size: ProductSize
    released_at: datetime | None
    warehouse_id: int
    created_at: datetime
    updated_at: datetime


class ProductPage(BaseModel):
    items: list[ProductRead]
    total: int
    limit: int
    offset: int


class ProductQuery(BaseModel):
    """List parameters: pagination, sort (`field` or `-field`) and equality filters."""

    model_config = ConfigDict(extra="forbid")

    limit: int = Field(default=50, ge=1, le=200)
    offset: int = Field(default=0, ge=0)
    sort: ProductSort = "id"
    sku: UUID | None = None
    name: str | None = None
    description: str | None = None
    weight: float | None = None
    price: Decimal | None = None
    stock: int | None = None
    active: bool | None = None
    support: str | None = None
    homepage: str | None = None
    size: ProductSize | None = None
    released_at: datetime | None = None
    warehouse_id: int | None = None

    def filters(self) -> dict[str, object]:
        return self.model_dump(exclude={"limit", "offset", "sort"}, exclude_none=True)
