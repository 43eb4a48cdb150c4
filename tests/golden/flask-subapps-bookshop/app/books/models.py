"""The book table: columns and relationships only."""

from decimal import Decimal
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.database.base import Entity
from app.core.types import Bool, Int, Str

if TYPE_CHECKING:
    from app.authors import Author


class Book(Entity):
    __tablename__ = "book"

    title: Mapped[Str] = mapped_column(sa.String(200), index=True)
    isbn: Mapped[Str] = mapped_column(sa.String(13), unique=True)
    price: Mapped[Decimal] = mapped_column(sa.Numeric(12, 2))
    pages: Mapped[Int | None] = mapped_column(sa.Integer())
    published: Mapped[Bool] = mapped_column(sa.Boolean())
    genre: Mapped[Str] = mapped_column(sa.String(7))
    author_id: Mapped[Int] = mapped_column(
        sa.ForeignKey("author.id", ondelete="RESTRICT"), index=True
    )
    author: Mapped["Author"] = relationship(foreign_keys=[author_id], lazy="raise")
