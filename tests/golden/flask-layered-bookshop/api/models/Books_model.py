"""The book table (columns and relationships), and the rows its queries return."""

from decimal import Decimal
from typing import TYPE_CHECKING, Literal, TypedDict

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from helper.Types import Bool, DateTime, Int, Str
from startup.Alchemy import Entity

if TYPE_CHECKING:
    from models.Authors_model import Author


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


BookGenre = Literal["fiction", "science", "history"]
BOOK_GENRE_CHOICES: tuple[BookGenre, ...] = (
    "fiction",
    "science",
    "history",
)
# `sort=field` or `sort=-field`.
BOOK_SORTS = (
    "id",
    "-id",
    "title",
    "-title",
    "isbn",
    "-isbn",
    "price",
    "-price",
    "pages",
    "-pages",
    "published",
    "-published",
    "genre",
    "-genre",
    "author_id",
    "-author_id",
    "created_at",
    "-created_at",
    "updated_at",
    "-updated_at",
)


class BookRow(TypedDict):
    id: Int
    title: Str
    isbn: Str
    price: Decimal
    pages: Int | None
    published: Bool
    genre: BookGenre
    author_id: Int
    created_at: DateTime
    updated_at: DateTime


class BookRowPage(TypedDict):
    items: list[BookRow]
    total: Int | None  # when asked for
    limit: Int
    offset: Int
    has_more: Bool
