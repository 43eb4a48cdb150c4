"""The warehouse table: columns and relationships only."""

from datetime import date

from sqlalchemy import Date, String
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Entity


class Warehouse(Entity):
    __tablename__ = "warehouse"

    code: Mapped[str] = mapped_column(String(8), unique=True)
    city: Mapped[str] = mapped_column(String(255))
    opened: Mapped[date | None] = mapped_column(Date())
