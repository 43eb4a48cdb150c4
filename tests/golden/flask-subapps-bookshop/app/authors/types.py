"""The types of authors: the rows its queries return, its choices, its sort keys."""

from typing import TypedDict

from app.core.types import Bool, Date, DateTime, Int, Str

# `sort=field` or `sort=-field`.
AUTHOR_SORTS = (
    "id",
    "-id",
    "name",
    "-name",
    "born",
    "-born",
    "email",
    "-email",
    "created_at",
    "-created_at",
    "updated_at",
    "-updated_at",
)


class AuthorRow(TypedDict):
    id: Int
    name: Str
    born: Date | None
    email: Str | None
    created_at: DateTime
    updated_at: DateTime


class AuthorRowPage(TypedDict):
    items: list[AuthorRow]
    total: Int | None  # when asked for
    limit: Int
    offset: Int
    has_more: Bool
