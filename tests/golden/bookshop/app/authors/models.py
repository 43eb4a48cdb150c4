"""The author table: columns and relationships only."""

from datetime import date

from sqlalchemy import Date, String
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Entity


class Author(Entity):
    __tablename__ = "author"

    name: Mapped[str] = mapped_column(String(120), index=True)
    born: Mapped[date | None] = mapped_column(Date())
    email: Mapped[str | None] = mapped_column(String(320), unique=True)
