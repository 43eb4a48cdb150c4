"""The review table: columns and relationships only."""

from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.database.base import Entity
from app.core.database.types import UTCDateTime
from app.core.types import DateTime, Int, Str

if TYPE_CHECKING:
    from app.books import Book


class Review(Entity):
    __tablename__ = "review"

    book_id: Mapped[Int] = mapped_column(sa.ForeignKey("book.id", ondelete="RESTRICT"), index=True)
    book: Mapped["Book"] = relationship(foreign_keys=[book_id], lazy="raise")
    rating: Mapped[Int] = mapped_column(sa.Integer())
    body: Mapped[Str | None] = mapped_column(sa.Text())
    reviewed_at: Mapped[DateTime] = mapped_column(UTCDateTime())
