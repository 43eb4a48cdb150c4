"""The warehouse table: columns and relationships only."""

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from app.core.types import Date, Str
from app.db.base import Entity


class Warehouse(Entity):
    __tablename__ = "warehouse"

    code: Mapped[Str] = mapped_column(sa.String(8), unique=True)
    city: Mapped[Str] = mapped_column(sa.String(255))
    opened: Mapped[Date | None] = mapped_column(sa.Date())
