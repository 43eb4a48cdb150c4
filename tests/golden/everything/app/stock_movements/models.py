"""The stock_movement table: columns and relationships only."""

from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.types import Int, Str
from app.db.base import Entity

if TYPE_CHECKING:
    from app.products import Product
    from app.warehouses import Warehouse


class StockMovement(Entity):
    __tablename__ = "stock_movement"

    product_id: Mapped[Int] = mapped_column(
        sa.ForeignKey("product.id", ondelete="RESTRICT"), index=True
    )
    product: Mapped["Product"] = relationship(foreign_keys=[product_id], lazy="raise")
    source_id: Mapped[Int] = mapped_column(
        sa.ForeignKey("warehouse.id", ondelete="RESTRICT"), index=True
    )
    source: Mapped["Warehouse"] = relationship(foreign_keys=[source_id], lazy="raise")
    quantity: Mapped[Int] = mapped_column(sa.Integer())
    note: Mapped[Str | None] = mapped_column(sa.String(255))
