"""The book table: columns and relationships only."""

from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import Boolean, ForeignKey, Integer, Numeric, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db.base import Entity

if TYPE_CHECKING:
    from app.authors import Author


class Book(Entity):
    __tablename__ = "book"

    title: Mapped[str] = mapped_column(String(200), index=True)
    isbn: Mapped[str] = mapped_column(String(13), unique=True)
    price: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    pages: Mapped[int | None] = mapped_column(Integer())
    published: Mapped[bool] = mapped_column(Boolean())
    genre: Mapped[str] = mapped_column(String(7))
    author_id: Mapped[int] = mapped_column(ForeignKey("author.id", ondelete="RESTRICT"), index=True)
    author: Mapped["Author"] = relationship(foreign_keys=[author_id], lazy="raise")
