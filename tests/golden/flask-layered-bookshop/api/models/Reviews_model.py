"""The review table (columns and relationships), and the rows its queries return."""

from typing import TYPE_CHECKING, TypedDict

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from helper.ColumnTypes import UTCDateTime
from helper.Types import Bool, DateTime, Int, Str
from startup.Alchemy import Entity

if TYPE_CHECKING:
    from models.Books_model import Book


class Review(Entity):
    __tablename__ = "review"

    book_id: Mapped[Int] = mapped_column(sa.ForeignKey("book.id", ondelete="RESTRICT"), index=True)
    book: Mapped["Book"] = relationship(foreign_keys=[book_id], lazy="raise")
    rating: Mapped[Int] = mapped_column(sa.Integer())
    body: Mapped[Str | None] = mapped_column(sa.Text())
    reviewed_at: Mapped[DateTime] = mapped_column(UTCDateTime())


# `sort=field` or `sort=-field`.
REVIEW_SORTS = (
    "id",
    "-id",
    "book_id",
    "-book_id",
    "rating",
    "-rating",
    "body",
    "-body",
    "reviewed_at",
    "-reviewed_at",
    "created_at",
    "-created_at",
    "updated_at",
    "-updated_at",
)


class ReviewRow(TypedDict):
    id: Int
    book_id: Int
    rating: Int
    body: Str | None
    reviewed_at: DateTime
    created_at: DateTime
    updated_at: DateTime


class ReviewRowPage(TypedDict):
    items: list[ReviewRow]
    total: Int | None  # when asked for
    limit: Int
    offset: Int
    has_more: Bool
