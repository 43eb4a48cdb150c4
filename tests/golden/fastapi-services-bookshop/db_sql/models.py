"""Every SQLAlchemy model of the project, in this one module (Alembic and the tests import it).

Services never hand these rows out: their `db.py` queries the tables and returns the Pydantic
models of their own `models.py`. `layerkit generate resource` appends a class here.
"""

from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from common.types import Bool, Date, DateTime, Int, Str
from db_sql.base import Entity
from db_sql.types import UTCDateTime


class Author(Entity):
    __tablename__ = "author"

    name: Mapped[Str] = mapped_column(sa.String(120), index=True)
    born: Mapped[Date | None] = mapped_column(sa.Date())
    email: Mapped[Str | None] = mapped_column(sa.String(320), unique=True)


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


class Review(Entity):
    __tablename__ = "review"

    book_id: Mapped[Int] = mapped_column(sa.ForeignKey("book.id", ondelete="RESTRICT"), index=True)
    book: Mapped["Book"] = relationship(foreign_keys=[book_id], lazy="raise")
    rating: Mapped[Int] = mapped_column(sa.Integer())
    body: Mapped[Str | None] = mapped_column(sa.Text())
    reviewed_at: Mapped[DateTime] = mapped_column(UTCDateTime())
