"""The review table: columns and relationships only."""

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Integer, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db.base import Entity
from app.db.types import UTCDateTime

if TYPE_CHECKING:
    from app.books import Book


class Review(Entity):
    __tablename__ = "review"

    book_id: Mapped[int] = mapped_column(ForeignKey("book.id", ondelete="RESTRICT"), index=True)
    book: Mapped["Book"] = relationship(foreign_keys=[book_id], lazy="raise")
    rating: Mapped[int] = mapped_column(Integer())
    body: Mapped[str | None] = mapped_column(Text())
    reviewed_at: Mapped[datetime] = mapped_column(UTCDateTime())
