"""The SQLAlchemy engine: for schema work only (Alembic migrations, creating test tables).

Requests never use it; they run on `app.core.database.database`'s driver pool.
"""

from sqlalchemy import URL, Engine, create_engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool

from app.core.database.drivers import sync_url


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
