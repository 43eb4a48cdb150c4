"""The author table: columns and relationships only."""

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from app.core.database.base import Entity
from app.core.types import Date, Str


class Author(Entity):
    __tablename__ = "author"

    name: Mapped[Str] = mapped_column(sa.String(120), index=True)
    born: Mapped[Date | None] = mapped_column(sa.Date())
    email: Mapped[Str | None] = mapped_column(sa.String(320), unique=True)
