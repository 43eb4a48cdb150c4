"""The types of reviews: the rows its queries return, its choices, its sort keys."""

from typing import TypedDict

from app.core.types import Bool, DateTime, Int, Str

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
