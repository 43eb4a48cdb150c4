"""The author table (columns and relationships), and the rows its queries return."""

from typing import TypedDict

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from helper.Types import Bool, Date, DateTime, Int, Str
from startup.Alchemy import Entity


class Author(Entity):
    __tablename__ = "author"

    name: Mapped[Str] = mapped_column(sa.String(120), index=True)
    born: Mapped[Date | None] = mapped_column(sa.Date())
    email: Mapped[Str | None] = mapped_column(sa.String(320), unique=True)


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
