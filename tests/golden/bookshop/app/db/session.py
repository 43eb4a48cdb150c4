"""The async engine and sessions, configured from settings."""

import asyncio
from collections.abc import AsyncIterator
from functools import lru_cache

from sqlalchemy import event, make_url, text
from sqlalchemy.engine import Connection
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.pool import ConnectionPoolEntry

from app.core.config import Settings, get_settings


def build_engine(url: str, settings: Settings | None = None) -> AsyncEngine:
    settings = settings or get_settings()
    parsed = make_url(url)
    is_sqlite = parsed.get_backend_name() == "sqlite"
    options: dict[str, object] = {"echo": settings.db_echo}
    if not (is_sqlite and parsed.database in (None, "", ":memory:")):
        options.update(
            pool_size=settings.db_pool_size,
            max_overflow=settings.db_max_overflow,
            pool_timeout=settings.db_pool_timeout,
        )
    if is_sqlite:
        # Let SQLAlchemy, not the sqlite3 module, decide when transactions begin, so that
        # SAVEPOINTs (used by the tests' per-test rollback) work.
        options["connect_args"] = {"isolation_level": None}
    engine = create_async_engine(parsed, **options)
    if is_sqlite:
        _configure_sqlite(engine)
    return engine


def _configure_sqlite(engine: AsyncEngine) -> None:
    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: DBAPIConnection, _record: ConnectionPoolEntry) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN")


@lru_cache
def get_engine() -> AsyncEngine:
    return build_engine(get_settings().database_url)


@lru_cache
def get_sessionmaker() -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(get_engine(), expire_on_commit=False)


async def get_session() -> AsyncIterator[AsyncSession]:
    async with get_sessionmaker()() as session:
        yield session


READY_TIMEOUT_SECONDS = 2.0


async def database_is_ready() -> bool:
    try:
        async with asyncio.timeout(READY_TIMEOUT_SECONDS), get_engine().connect() as connection:
            await connection.execute(text("SELECT 1"))
    except (SQLAlchemyError, OSError):
        return False
    return True


async def dispose_engine() -> None:
    if get_engine.cache_info().currsize:
        await get_engine().dispose()
