"""The product_category table: columns and relationships only."""

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db.base import Entity


class ProductCategory(Entity):
    __tablename__ = "product_category"

    label: Mapped[str] = mapped_column(String(255), unique=True)
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("product_category.id", ondelete="SET NULL"), index=True
    )
    parent: Mapped["ProductCategory | None"] = relationship(
        foreign_keys=[parent_id], lazy="raise", remote_side="ProductCategory.id"
    )
