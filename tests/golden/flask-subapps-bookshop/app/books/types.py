"""The types of books: the rows its queries return, its choices, its sort keys."""

from decimal import Decimal
from typing import Literal, TypedDict

from app.core.types import Bool, DateTime, Int, Str

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
