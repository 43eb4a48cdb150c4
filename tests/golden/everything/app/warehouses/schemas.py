"""What warehouses look like on the way in (Create, Update, Query) and out (Read, Page)."""

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from app.core.schemas import PageQuery
from app.core.types import Bool, Date, DateTime, Int, IsoDate, NotNull, NullFilter, Str, Text

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

    code: Text = Field(max_length=8)
    city: Text = Field(max_length=255)
    opened: IsoDate | None = None


class WarehouseUpdate(BaseModel):
    """Every field may be left out: only the fields sent are changed."""

    model_config = ConfigDict(extra="forbid")

    code: NotNull[Text] = Field(default=None, max_length=8)
    city: NotNull[Text] = Field(default=None, max_length=255)
    opened: IsoDate | None = None


class WarehouseRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: Int
    code: Str
    city: Str
    opened: Date | None
    created_at: DateTime
    updated_at: DateTime


class WarehousePage(BaseModel):
    items: list[WarehouseRead]
    total: Int | None = Field(description="The matching rows, when asked for (`with_total=true`).")
    limit: Int
    offset: Int
    has_more: Bool = Field(description="Whether rows follow this page.")


class WarehouseQuery(PageQuery):
    """List parameters: pagination, sort (`field` or `-field`) and equality filters."""

    sort: WarehouseSort = "id"
    code: Text | None = None
    city: Text | None = None
    opened: NullFilter | IsoDate | None = None
