"""The two database drivers the app runs on, each with its connection pool: sqlite3
(development) and psycopg 3 (production).

Each one hands out and takes back connections, runs SQL with positional parameters in one round
trip and says which constraint a failed write broke and which errors mean the database is
unavailable; units of work, transactions and error translation are shared in
`app.core.database.database`.
"""

import contextlib
import queue
import re
import sqlite3
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

import psycopg
import psycopg.errors
from psycopg.pq import ExecStatus
from psycopg_pool import ConnectionPool, PoolTimeout
from sqlalchemy import URL, create_engine, make_url
from sqlalchemy.engine import Dialect
from sqlalchemy.pool import NullPool

Rows = Sequence[Sequence[Any]]  # tuples, from either driver
ConnectionT = TypeVar("ConnectionT")


@dataclass(frozen=True, slots=True)
class PoolOptions:
    size: int  # connections per process, opened as needed and kept
    timeout: float  # seconds to wait for a free connection (and to open one)
    command_timeout: float = 30.0  # seconds per statement (PostgreSQL) or for SQLite's write lock


class Driver(Protocol[ConnectionT]):
    begin_sql: str  # opens a transaction: SQLite takes its write lock at once

    def acquire(self) -> ConnectionT:
        """A connection from the pool; TimeoutError when none became free in time."""
        ...

    def release(self, connection: ConnectionT) -> None:
        """Back to the pool, rolled back if a transaction was left open."""
        ...

    def fetch(self, connection: ConnectionT, sql: str, arguments: Sequence[object]) -> Rows: ...

    def execute(self, connection: ConnectionT, sql: str) -> None: ...

    def probe(self, within: float) -> None:
        """Raise unless a connection of its own answers within `within` seconds."""
        ...

    def close(self) -> None: ...

    def violated_constraint(self, error: Exception) -> str | None:
        """The broken constraint of an integrity error ("unique", "foreign_key" or "other");
        None when the error is not one."""
        ...

    def constraint_columns(self, error: Exception) -> tuple[str, ...]:
        """The columns of the broken unique constraint, as the database names them."""
        ...

    def is_unavailable(self, error: Exception) -> bool:
        """The error says the database cannot serve now (lost connection, timeout, lock)."""
        ...


class SqliteDriver:
    """A fixed pool of sqlite3 connections in autocommit mode (`Database` issues BEGIN and
    SAVEPOINT itself), opened as needed and shared by the threads of the process."""

    begin_sql = "BEGIN IMMEDIATE"  # the write lock now, not at the first write (no deadlocks)

    def __init__(self, path: str, options: PoolOptions) -> None:
        self.path = path
        self._options = options
        in_memory = path == ":memory:" or path.startswith("file::memory:")
        self._size = 1 if in_memory else options.size  # one in-memory database per connection
        # C-level queue: taking and giving back an idle connection costs no Python-level lock.
        self._idle: queue.SimpleQueue[sqlite3.Connection] = queue.SimpleQueue()
        self._opened = 0
        self._lock = threading.Lock()  # guards `_opened`

    def acquire(self) -> sqlite3.Connection:
        try:
            return self._idle.get_nowait()
        except queue.Empty:
            pass
        with self._lock:
            opening = self._opened < self._size
            if opening:
                self._opened += 1
        if opening:
            try:
                return self._open()
            except BaseException:
                with self._lock:
                    self._opened -= 1
                raise
        try:
            return self._idle.get(timeout=self._options.timeout)
        except queue.Empty:
            raise TimeoutError("no SQLite connection became free in time") from None

    def _open(self) -> sqlite3.Connection:
        # `timeout` is how long a statement waits for the write lock.
        connection = sqlite3.connect(
            self.path,
            timeout=self._options.command_timeout,
            isolation_level=None,
            check_same_thread=False,  # a connection serves one thread at a time, from the pool
        )
        connection.execute("PRAGMA foreign_keys = ON")
        if self._size > 1:
            # Readers do not wait for a writer, and a commit is not a full disk sync.
            connection.execute("PRAGMA journal_mode = WAL")
            connection.execute("PRAGMA synchronous = NORMAL")
        return connection

    def release(self, connection: sqlite3.Connection) -> None:
        if connection.in_transaction:
            try:
                connection.rollback()
            except sqlite3.Error:
                connection.close()  # in an unknown state: never reuse it
                with self._lock:
                    self._opened -= 1
                return
        self._idle.put(connection)

    def fetch(self, connection: sqlite3.Connection, sql: str, arguments: Sequence[object]) -> Rows:
        return connection.execute(sql, arguments).fetchall()

    def execute(self, connection: sqlite3.Connection, sql: str) -> None:
        connection.execute(sql)

    def probe(self, within: float) -> None:
        with contextlib.closing(sqlite3.connect(self.path, timeout=within)) as connection:
            connection.execute("SELECT count(*) FROM sqlite_master").fetchall()  # reads the file

    def close(self) -> None:
        while not self._idle.empty():
            self._idle.get_nowait().close()

    def violated_constraint(self, error: Exception) -> str | None:
        if not isinstance(error, sqlite3.IntegrityError):
            return None
        message = str(error)
        if message.startswith("UNIQUE"):
            return "unique"
        if message.startswith("FOREIGN KEY"):
            return "foreign_key"
        return "other"

    def constraint_columns(self, error: Exception) -> tuple[str, ...]:
        # "UNIQUE constraint failed: book.isbn, book.title"
        _, _, columns = str(error).partition(":")
        return tuple(
            column.strip().rpartition(".")[2] for column in columns.split(",") if column.strip()
        )

    def is_unavailable(self, error: Exception) -> bool:
        return isinstance(error, sqlite3.OperationalError) and (
            error.sqlite_errorcode & 0xFF in _SQLITE_UNAVAILABLE  # the primary result code
        )


# Locked or busy past the timeout, the file cannot be opened, read or written.
_SQLITE_UNAVAILABLE = frozenset(
    (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_IOERR)
)
_TUPLES_OK = ExecStatus.TUPLES_OK  # a statement that returned rows
_POSTGRES_CONSTRAINTS = {"23505": "unique", "23503": "foreign_key"}
_POSTGRES_KEY = re.compile(r"Key \((.+?)\)=")
# Lost or refused connections, a cancelled (timed out) statement, a server shutting down.
_POSTGRES_UNAVAILABLE = (
    psycopg.OperationalError,
    psycopg.errors.QueryCanceled,
    psycopg.errors.AdminShutdown,
    PoolTimeout,
)


class PostgresDriver:
    """psycopg_pool's fixed pool of autocommit connections (`Database` issues BEGIN itself);
    a broken connection is replaced when it comes back, every statement has a timeout, and
    statements run often are prepared on the server."""

    begin_sql = "BEGIN"

    def __init__(self, url: URL, options: PoolOptions) -> None:
        self.dsn = url.set(drivername="postgresql").render_as_string(hide_password=False)
        self._options = options
        timeout_ms = int(options.command_timeout * 1000)
        self._pool = ConnectionPool(
            self.dsn,
            min_size=options.size,
            max_size=options.size,
            timeout=options.timeout,
            kwargs={
                "autocommit": True,
                "options": f"-c statement_timeout={timeout_ms} -c TimeZone=UTC",
            },
            name="bookshop",
            open=True,
        )

    def acquire(self) -> psycopg.Connection[Any]:
        try:
            return self._pool.getconn()
        except PoolTimeout:
            raise TimeoutError("no PostgreSQL connection became free in time") from None

    def release(self, connection: psycopg.Connection[Any]) -> None:
        self._pool.putconn(connection)  # rolls back an open transaction, replaces a broken one

    def fetch(
        self, connection: psycopg.Connection[Any], sql: str, arguments: Sequence[object]
    ) -> Rows:
        cursor = connection.execute(sql, arguments)
        # Whether rows came back, from the result's status: `cursor.description` would build a
        # column object per column first (a tenth of a lookup by id's time in psycopg).
        result = cursor.pgresult
        return cursor.fetchall() if result is not None and result.status == _TUPLES_OK else []

    def execute(self, connection: psycopg.Connection[Any], sql: str) -> None:
        connection.execute(sql, prepare=False)

    def probe(self, within: float) -> None:
        with psycopg.connect(self.dsn, connect_timeout=max(1, round(within))) as connection:
            connection.execute("SELECT 1")

    def close(self) -> None:
        self._pool.close(timeout=self._options.timeout)

    def violated_constraint(self, error: Exception) -> str | None:
        if not isinstance(error, psycopg.errors.IntegrityError):
            return None
        return _POSTGRES_CONSTRAINTS.get(error.sqlstate or "", "other")

    def constraint_columns(self, error: Exception) -> tuple[str, ...]:
        # 'Key (isbn)=(978...) already exists.'
        detail = error.diag.message_detail if isinstance(error, psycopg.Error) else None
        match = _POSTGRES_KEY.match(detail or "")
        return tuple(column.strip().strip('"') for column in match[1].split(",")) if match else ()

    def is_unavailable(self, error: Exception) -> bool:
        return isinstance(error, _POSTGRES_UNAVAILABLE)


_SYNC_DRIVERS = {"sqlite": "sqlite", "postgresql": "postgresql+psycopg"}


def sync_url(url: str | URL) -> URL:
    """The URL with the driver this app runs on: `postgresql://`, `postgresql+asyncpg://` ->
    `postgresql+psycopg://`; `sqlite+aiosqlite://` -> `sqlite://` (one URL works for any app)."""
    parsed = make_url(url)
    backend = parsed.get_backend_name()
    if backend not in _SYNC_DRIVERS:
        raise ValueError(f"unsupported database {backend!r}: use a sqlite:// or postgresql:// URL")
    return parsed.set(drivername=_SYNC_DRIVERS[backend])


def driver_for(url: str | URL, options: PoolOptions) -> SqliteDriver | PostgresDriver:
    parsed = sync_url(url)
    if parsed.get_backend_name() == "sqlite":
        return SqliteDriver(parsed.database or ":memory:", options)
    return PostgresDriver(parsed, options)


def dialect_for(url: str | URL) -> Dialect:
    """The SQLAlchemy dialect that compiles statements for the driver: positional placeholders
    (`?`, `%s`) and the column types' conversions."""
    parsed = sync_url(url)
    style = "format" if parsed.get_backend_name() == "postgresql" else "qmark"
    # An engine that never connects (NullPool): the typed way to configure a dialect.
    return create_engine(parsed, paramstyle=style, poolclass=NullPool).dialect
