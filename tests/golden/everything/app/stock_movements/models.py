"""The stock_movement table: columns and relationships only."""

from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db.base import Entity

if TYPE_CHECKING:
    from app.products import Product
    from app.warehouses import Warehouse


class StockMovement(Entity):
    __tablename__ = "stock_movement"

    product_id: Mapped[int] = mapped_column(
        ForeignKey("product.id", ondelete="RESTRICT"), index=True
    )
    product: Mapped["Product"] = relationship(foreign_keys=[product_id], lazy="raise")
    source_id: Mapped[int] = mapped_column(
        ForeignKey("warehouse.id", ondelete="RESTRICT"), index=True
    )
    source: Mapped["Warehouse"] = relationship(foreign_keys=[source_id], lazy="raise")
    quantity: Mapped[int] = mapped_column(Integer())
    note: Mapped[str | None] = mapped_column(String(255))
