"""The product table: columns and relationships only."""

from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING
from uuid import UUID

from pydantic import JsonValue
from sqlalchemy import JSON, Boolean, Float, ForeignKey, Integer, Numeric, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db.base import Entity
from app.db.types import UTCDateTime

if TYPE_CHECKING:
    from app.warehouses import Warehouse


class Product(Entity):
    __tablename__ = "product"

    sku: Mapped[UUID] = mapped_column(Uuid(), unique=True)
    name: Mapped[str] = mapped_column(String(80), index=True)
    description: Mapped[str | None] = mapped_column(Text())
    weight: Mapped[float] = mapped_column(Float())
    price: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    stock: Mapped[int] = mapped_column(Integer())
    active: Mapped[bool] = mapped_column(Boolean())
    attributes: Mapped[dict[str, JsonValue] | None] = mapped_column(JSON())
    support: Mapped[str | None] = mapped_column(String(320))
    homepage: Mapped[str | None] = mapped_column(String(2083))
    size: Mapped[str] = mapped_column(String(6))
    released_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    warehouse_id: Mapped[int] = mapped_column(
        ForeignKey("warehouse.id", ondelete="RESTRICT"), index=True
    )
    warehouse: Mapped["Warehouse"] = relationship(foreign_keys=[warehouse_id], lazy="raise")
