"""The product table: columns and relationships only."""

from decimal import Decimal
from typing import TYPE_CHECKING
from uuid import UUID

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.types import Bool, DateTime, Float, Int, JsonObject, Str
from app.db.base import Entity
from app.db.types import UTCDateTime

if TYPE_CHECKING:
    from app.warehouses import Warehouse


class Product(Entity):
    __tablename__ = "product"

    sku: Mapped[UUID] = mapped_column(sa.Uuid(), unique=True)
    name: Mapped[Str] = mapped_column(sa.String(80), index=True)
    description: Mapped[Str | None] = mapped_column(sa.Text())
    weight: Mapped[Float] = mapped_column(sa.Float())
    price: Mapped[Decimal] = mapped_column(sa.Numeric(12, 2))
    stock: Mapped[Int] = mapped_column(sa.Integer())
    active: Mapped[Bool] = mapped_column(sa.Boolean())
    attributes: Mapped[JsonObject | None] = mapped_column(sa.JSON())
    support: Mapped[Str | None] = mapped_column(sa.String(320))
    homepage: Mapped[Str | None] = mapped_column(sa.String(2083))
    size: Mapped[Str] = mapped_column(sa.String(6))
    released_at: Mapped[DateTime | None] = mapped_column(UTCDateTime())
    warehouse_id: Mapped[Int] = mapped_column(
        sa.ForeignKey("warehouse.id", ondelete="RESTRICT"), index=True
    )
    warehouse: Mapped["Warehouse"] = relationship(foreign_keys=[warehouse_id], lazy="raise")
