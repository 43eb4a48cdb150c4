"""What products look like on the way in (Create, Update, Query) and out (Read, Page)."""

from decimal import Decimal
from typing import Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, EmailStr, Field

from app.core.schemas import PageQuery
from app.core.types import (
    INT32_MAX,
    Bool,
    DateTime,
    ExactDecimal,
    FiniteFloat,
    Float,
    HttpUrlStr,
    Int,
    JsonObject,
    NotNull,
    NullFilter,
    QueryBool,
    QueryFloat,
    QueryInt32,
    QueryRowId,
    RowId,
    StorableJson,
    Str,
    StrictBool,
    StrictInt,
    Text,
    UtcDateTime,
)

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
    name: Text = Field(min_length=2, max_length=80)
    description: Text | None = Field(default=None, max_length=2000)
    weight: FiniteFloat = Field(ge=0, le=1000)
    price: ExactDecimal = Field(ge=0.01)
    stock: StrictInt = Field(default=0, ge=0, le=INT32_MAX)
    active: StrictBool = True
    attributes: StorableJson | None = None
    support: EmailStr | None = None
    homepage: HttpUrlStr | None = None
    size: ProductSize = "medium"
    released_at: UtcDateTime | None = None
    warehouse_id: RowId


class ProductUpdate(BaseModel):
    """Every field may be left out: only the fields sent are changed."""

    model_config = ConfigDict(extra="forbid")

    sku: NotNull[UUID] = None
    name: NotNull[Text] = Field(default=None, min_length=2, max_length=80)
    description: Text | None = Field(default=None, max_length=2000)
    weight: NotNull[FiniteFloat] = Field(default=None, ge=0, le=1000)
    price: NotNull[ExactDecimal] = Field(default=None, ge=0.01)
    stock: NotNull[StrictInt] = Field(default=None, ge=0, le=INT32_MAX)
    active: NotNull[StrictBool] = None
    attributes: StorableJson | None = None
    support: EmailStr | None = None
    homepage: HttpUrlStr | None = None
    size: NotNull[ProductSize] = None
    released_at: UtcDateTime | None = None
    warehouse_id: NotNull[RowId] = None


class ProductRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: Int
    sku: UUID
    name: Str
    description: Str | None
    weight: Float
    price: Decimal
    stock: Int
    active: Bool
    attributes: JsonObject | None
    support: Str | None
    homepage: Str | None
    size: ProductSize
    released_at: DateTime | None
    warehouse_id: Int
    created_at: DateTime
    updated_at: DateTime


class ProductPage(BaseModel):
    items: list[ProductRead]
    total: Int | None = Field(description="The matching rows, when asked for (`with_total=true`).")
    limit: Int
    offset: Int
    has_more: Bool = Field(description="Whether rows follow this page.")


class ProductQuery(PageQuery):
    """List parameters: pagination, sort (`field` or `-field`) and equality filters."""

    sort: ProductSort = "id"
    sku: UUID | None = None
    name: Text | None = None
    description: NullFilter | Text | None = None
    weight: QueryFloat | None = None
    price: ExactDecimal | None = None
    stock: QueryInt32 | None = None
    active: QueryBool | None = None
    support: NullFilter | Text | None = None
    homepage: NullFilter | Text | None = None
    size: ProductSize | None = None
    released_at: NullFilter | UtcDateTime | None = None
    warehouse_id: QueryRowId | None = None
