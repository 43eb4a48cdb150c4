"""The two database drivers the app runs on: sqlite3 (development) and asyncpg (production).

Each one opens a connection, runs SQL with positional parameters in one round trip and says which
constraint a failed write broke; everything else is shared in `app.db.database`.
"""

import asyncio
import json
import sqlite3
from collections.abc import Sequence
from typing import Any, Protocol, TypeVar

import asyncpg
from sqlalchemy import URL, make_url
from sqlalchemy.engine import Dialect

Rows = Sequence[Any]  # tuples (sqlite3) or records (asyncpg): indexable rows
ConnectionT = TypeVar("ConnectionT")


class Driver(Protocol[ConnectionT]):
    """What the connection pool needs from a database driver."""

    async def connect(self) -> ConnectionT: ...

    async def fetch(
        self, connection: ConnectionT, sql: str, arguments: Sequence[object]
    ) -> Rows: ...

    async def execute(self, connection: ConnectionT, sql: str) -> None: ...

    async def close(self, connection: ConnectionT) -> None: ...

    def is_closed(self, connection: ConnectionT) -> bool: ...

    @property
    def in_memory(self) -> bool: ...

    def violated_constraint(self, error: Exception) -> str | None:
        """The broken constraint of an integrity error ("unique", "foreign_key" or "other");
        None for any other error."""
        ...


class SqliteDriver:
    """SQLite runs inside the process. A read is a function call of a few microseconds and, in
    WAL mode, never waits for a lock, so it runs right here: handing it to a thread (as aiosqlite
    does) costs more than the read. Everything that may wait for the write lock or the disk
    (writes, BEGIN / COMMIT, opening) runs in a worker thread and leaves the event loop free.
    """

    def __init__(self, path: str) -> None:
        self.path = path
        self.in_memory = path == ":memory:"  # one database per connection: the pool keeps one

    async def connect(self) -> sqlite3.Connection:
        return await asyncio.to_thread(self._open)

    def _open(self) -> sqlite3.Connection:
        # Autocommit mode: the pool issues BEGIN / SAVEPOINT itself. The connection is used by
        # one task at a time, from the loop or a worker thread.
        connection = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        connection.execute("PRAGMA foreign_keys = ON")
        if not self.in_memory:
            # Readers never wait for the writer, and commits do not wait for the disk twice.
            connection.execute("PRAGMA journal_mode = WAL")
            connection.execute("PRAGMA synchronous = NORMAL")
        return connection

    async def fetch(
        self, connection: sqlite3.Connection, sql: str, arguments: Sequence[object]
    ) -> Rows:
        if sql.startswith("SELECT"):
            return connection.execute(sql, arguments).fetchall()
        return await asyncio.to_thread(_fetch_all, connection, sql, arguments)

    async def execute(self, connection: sqlite3.Connection, sql: str) -> None:
        await asyncio.to_thread(connection.execute, sql)

    async def close(self, connection: sqlite3.Connection) -> None:
        await asyncio.to_thread(connection.close)

    def is_closed(self, connection: sqlite3.Connection) -> bool:
        return False  # a file cannot drop the connection

    def violated_constraint(self, error: Exception) -> str | None:
        if not isinstance(error, sqlite3.IntegrityError):
            return None
        message = str(error)
        if message.startswith("UNIQUE"):
            return "unique"
        if message.startswith("FOREIGN KEY"):
            return "foreign_key"
        return "other"


def _fetch_all(connection: sqlite3.Connection, sql: str, arguments: Sequence[object]) -> list[Any]:
    return connection.execute(sql, arguments).fetchall()


_POSTGRES_CONSTRAINTS = {"23505": "unique", "23503": "foreign_key"}


class PostgresDriver:
    in_memory = False

    def __init__(self, url: URL) -> None:
        self.dsn = url.set(drivername="postgresql").render_as_string(hide_password=False)

    async def connect(self) -> asyncpg.Connection:
        # asyncpg prepares each statement once per connection and caches it.
        connection = await asyncpg.connect(self.dsn)
        for json_type in ("json", "jsonb"):
            # SQLAlchemy's JSON type sends JSON text and expects the driver to decode it.
            await connection.set_type_codec(
                json_type, encoder=str, decoder=json.loads, schema="pg_catalog", format="text"
            )
        return connection

    async def fetch(
        self, connection: asyncpg.Connection, sql: str, arguments: Sequence[object]
    ) -> Rows:
        return await connection.fetch(sql, *arguments)

    async def execute(self, connection: asyncpg.Connection, sql: str) -> None:
        await connection.execute(sql)  # the simple protocol: no statement to prepare

    async def close(self, connection: asyncpg.Connection) -> None:
        await connection.close()

    def is_closed(self, connection: asyncpg.Connection) -> bool:
        return connection.is_closed()

    def violated_constraint(self, error: Exception) -> str | None:
        if not isinstance(error, asyncpg.IntegrityConstraintViolationError):
            return None
        return _POSTGRES_CONSTRAINTS.get(error.sqlstate, "other")


_ASYNC_DRIVERS = {"sqlite": "sqlite+aiosqlite", "postgresql": "postgresql+asyncpg"}


def async_url(url: str | URL) -> URL:
    """The URL with the driver this app runs on (`postgresql://...` -> `postgresql+asyncpg://...`)."""
    parsed = make_url(url)
    backend = parsed.get_backend_name()
    if backend not in _ASYNC_DRIVERS:
        raise ValueError(f"unsupported database {backend!r}: use a sqlite:// or postgresql:// URL")
    return parsed.set(drivername=_ASYNC_DRIVERS[backend])


def driver_for(url: str | URL) -> SqliteDriver | PostgresDriver:
    parsed = async_url(url)
    if parsed.get_backend_name() == "sqlite":
        return SqliteDriver(parsed.database or ":memory:")
    return PostgresDriver(parsed)


def dialect_for(url: str | URL) -> Dialect:
    """The SQLAlchemy dialect that compiles statements for the driver: placeholders and types."""
    return async_url(url).get_dialect()()
