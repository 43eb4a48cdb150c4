"""The product_category table: columns and relationships only."""

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.types import Int, Str
from app.db.base import Entity


class ProductCategory(Entity):
    __tablename__ = "product_category"

    label: Mapped[Str] = mapped_column(sa.String(255), unique=True)
    parent_id: Mapped[Int | None] = mapped_column(
        sa.ForeignKey("product_category.id", ondelete="SET NULL"), index=True
    )
    parent: Mapped["ProductCategory | None"] = relationship(
        foreign_keys=[parent_id], lazy="raise", remote_side="ProductCategory.id"
    )
