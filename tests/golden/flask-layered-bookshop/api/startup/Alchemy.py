"""SQLAlchemy: the declarative base every model inherits from, and the engine for schema work.

`init_db()` imports every model, so that `Base.metadata` knows every table (Alembic's env.py, the
tests and the app call it); layerkit adds each new model's import. Unlike BackAnt's, it creates no
table: the migrations in `api/migrations/` build the schema (`make migrate`). Requests do not use
the engine: they run compiled statements on the driver pool of `helper.DBSession`.
"""

from datetime import UTC, datetime

from sqlalchemy import URL, Engine, MetaData, Table, create_engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.pool import NullPool

from helper.ColumnTypes import UTCDateTime
from helper.Drivers import sync_url


def init_db() -> None:
    """Import every model into `Base.metadata`."""
    from models.Authors_model import Author  # noqa: F401  (registers its table)
    from models.Books_model import Book  # noqa: F401  (registers its table)
    from models.Reviews_model import Review  # noqa: F401  (registers its table)


NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utc_now() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Entity(Base):
    """A table with an integer primary key and creation / update timestamps."""

    __abstract__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now, onupdate=utc_now)


def table_of(model: type[Base]) -> Table:
    """The Core table of a model, for repositories that query without ORM instances."""
    table = model.__table__
    if not isinstance(table, Table):
        raise TypeError(f"{model.__name__} is not mapped to a table")
    return table


class MissingDatabaseError(Exception):
    """The database DATABASE_URL names does not exist, and is not to be created here."""


def build_engine(url: str | URL) -> Engine:
    # Schema work is short and rare: no pool to keep connections open afterwards.
    return create_engine(sync_url(url), poolclass=NullPool)


def ensure_database(url: str, *, create: bool) -> str | None:
    """Make sure the PostgreSQL database of `url` exists; the name of the one created, if any.

    With `create`, a missing database is created from the `postgres` maintenance database (the
    same server and user); without, MissingDatabaseError names it. SQLite creates its file itself.
    """
    target = sync_url(url)
    if target.get_backend_name() != "postgresql" or not target.database:
        return None
    engine = build_engine(target)
    try:
        with engine.connect():
            return None
    except DBAPIError as error:
        if getattr(error.orig, "sqlstate", None) != "3D000":  # invalid_catalog_name
            raise
    finally:
        engine.dispose()
    name, server = target.database, f"{target.host or 'localhost'}:{target.port or 5432}"
    if not create:
        raise MissingDatabaseError(
            f"database {name!r} does not exist on {server}: create it (createdb {name}), or set"
            " ENVIRONMENT=development to have migrations create it"
        )
    admin = build_engine(target.set(database="postgres"))
    try:
        with admin.connect() as connection:
            quoted = connection.dialect.identifier_preparer.quote(name)
            autocommit = connection.execution_options(isolation_level="AUTOCOMMIT")
            autocommit.exec_driver_sql(f"CREATE DATABASE {quoted}")
    except DBAPIError as error:
        if getattr(error.orig, "sqlstate", None) != "42P04":  # created meanwhile by another run
            raise
    finally:
        admin.dispose()
    return name
