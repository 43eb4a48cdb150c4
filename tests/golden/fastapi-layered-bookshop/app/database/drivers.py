"""The two database drivers the app runs on, each with its connection pool: sqlite3 (development)
and asyncpg (production).

Each one hands out and takes back connections, runs SQL with positional parameters in one round
trip and says which constraint a failed write broke and which errors mean the database is
unavailable; transactions and error translation are shared in `app.database.postgres`.
"""

import asyncio
import contextlib
import json
import re
import sqlite3
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

import asyncpg
from asyncpg.pool import PoolConnectionProxy
from sqlalchemy import URL, make_url
from sqlalchemy.engine import Dialect

Rows = Sequence[Any]  # tuples (sqlite3) or records (asyncpg): indexable rows
ConnectionT = TypeVar("ConnectionT")
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class PoolOptions:
    size: int  # connections, never more
    timeout: float  # seconds to wait for a free connection (and to open one)
    min_size: int = 1  # opened at start (PostgreSQL)
    command_timeout: float = 30.0  # seconds per statement (PostgreSQL) or for SQLite's write lock
    max_idle: float = 300.0  # seconds before an idle connection is closed (PostgreSQL; 0: never)


class Driver(Protocol[ConnectionT]):
    """What `Database` needs from a database driver and its pool."""

    begin_sql: str  # the statement that opens a transaction

    async def acquire(self) -> ConnectionT:
        """A connection of the pool; TimeoutError when none becomes free in time."""
        ...

    async def release(self, connection: ConnectionT) -> None:
        """Back to the pool, rolled back if a transaction was left open (even when cancelled)."""
        ...

    async def fetch(
        self, connection: ConnectionT, sql: str, arguments: Sequence[object], *, slow: bool
    ) -> Rows: ...

    async def execute(self, connection: ConnectionT, sql: str) -> None: ...

    async def probe(self, within: float) -> None:
        """Raises unless a connection of its own (not one of the pool's) answers in time."""
        ...

    async def close(self) -> None: ...

    def violated_constraint(self, error: Exception) -> str | None:
        """The broken constraint of an integrity error ("unique", "foreign_key" or "other");
        None for any other error."""
        ...

    def constraint_columns(self, error: Exception) -> tuple[str, ...]:
        """The columns of the broken unique constraint, as the database names them."""
        ...

    def is_unavailable(self, error: Exception) -> bool:
        """The error says the database cannot serve now (lost connection, timeout, lock)."""
        ...


async def finish(awaitable: Awaitable[T]) -> T:
    """Await to the end even if the caller is cancelled meanwhile, then let the cancellation
    through. For what must not be cut off half-way: a statement in a thread that cannot be
    stopped (its connection must not be reused while it runs), or the end of a transaction (the
    connection's state would be unknown, and work that returned its rows would be lost)."""
    task = asyncio.ensure_future(awaitable)
    try:
        return await asyncio.shield(task)
    except asyncio.CancelledError:
        while not task.done():
            with contextlib.suppress(asyncio.CancelledError):
                await asyncio.wait((task,))
        if not task.cancelled():
            task.exception()  # retrieved: the cancellation is what the caller sees
        raise


class _Slots:
    """At most `size` connections out at once, handed out first come, first served: asyncio's
    Semaphore is fair, while a pool queue lets a newcomer overtake a woken waiter (measured with
    asyncpg's own queue alone: 5x the p99 latency under load)."""

    def __init__(self, size: int, timeout: float) -> None:
        self._semaphore = asyncio.Semaphore(size)
        self._timeout = timeout

    async def take(self) -> None:
        if self._semaphore.locked():
            async with asyncio.timeout(self._timeout):
                await self._semaphore.acquire()
        else:
            await self._semaphore.acquire()  # free: no timer to arm

    def give_back(self) -> None:
        self._semaphore.release()


class SqliteDriver:
    """SQLite runs inside the process. A read is a function call of a few microseconds and, in
    WAL mode, never waits for a lock, so it runs right here: handing it to a thread (as aiosqlite
    does) costs more than the read. What may wait for the write lock or the disk (writes, BEGIN,
    COMMIT, opening) and reads that may scan a table (`slow`) run in a worker thread and leave the
    event loop free. A connection serves one task at a time and goes back to the pool only when
    its thread is done.
    """

    # Takes the write lock up front: two transactions that read and then write would otherwise
    # deadlock on the upgrade, and one of them fail with "database is locked".
    begin_sql = "BEGIN IMMEDIATE"

    def __init__(self, path: str, options: PoolOptions) -> None:
        self.path = path
        self._options = options
        in_memory = path == ":memory:"  # one database per connection: the pool keeps one
        self._slots = _Slots(1 if in_memory else options.size, options.timeout)
        self._idle: list[sqlite3.Connection] = []  # most recently used last: warm connections

    async def acquire(self) -> sqlite3.Connection:
        await self._slots.take()
        try:
            return self._idle.pop() if self._idle else await _in_thread(self._open)
        except BaseException:
            self._slots.give_back()
            raise

    def _open(self) -> sqlite3.Connection:
        # Autocommit mode: `Database` issues BEGIN / SAVEPOINT itself. `timeout` is how long a
        # write waits for the lock. Used by one task at a time, from the loop or a worker thread.
        connection = sqlite3.connect(
            self.path,
            isolation_level=None,
            check_same_thread=False,
            timeout=self._options.command_timeout,
        )
        connection.execute("PRAGMA foreign_keys = ON")
        if self.path != ":memory:":
            # Readers never wait for the writer, and commits do not wait for the disk twice.
            connection.execute("PRAGMA journal_mode = WAL")
            connection.execute("PRAGMA synchronous = NORMAL")
        return connection

    async def release(self, connection: sqlite3.Connection) -> None:
        try:
            if connection.in_transaction:  # left open by a cancelled or failed transaction
                await _in_thread(_roll_back, connection)
        finally:
            if _reusable(connection):
                self._idle.append(connection)
            self._slots.give_back()

    async def fetch(
        self, connection: sqlite3.Connection, sql: str, arguments: Sequence[object], *, slow: bool
    ) -> Rows:
        if not slow and sql.startswith("SELECT"):
            return connection.execute(sql, arguments).fetchall()
        return await _in_thread(_fetch_all, connection, sql, arguments)

    async def execute(self, connection: sqlite3.Connection, sql: str) -> None:
        await _in_thread(connection.execute, sql)

    async def probe(self, within: float) -> None:
        async with asyncio.timeout(within):
            await asyncio.to_thread(_probe, self.path, within)

    async def close(self) -> None:
        while self._idle:
            await _in_thread(self._idle.pop().close)

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
        _, found, columns = str(error).partition("constraint failed: ")
        if not found:
            return ()
        return tuple(column.rpartition(".")[2] for column in columns.split(", "))

    def is_unavailable(self, error: Exception) -> bool:
        return isinstance(error, sqlite3.OperationalError) and (
            error.sqlite_errorcode & 0xFF in _SQLITE_UNAVAILABLE  # the primary result code
        )


# Locked or busy past the timeout, the file cannot be opened, read or written.
_SQLITE_UNAVAILABLE = frozenset(
    (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_IOERR)
)


async def _in_thread(function: Callable[..., T], *arguments: object) -> T:
    """A worker thread cannot be stopped: a cancelled caller waits for it (see `finish`)."""
    return await finish(asyncio.get_running_loop().run_in_executor(None, function, *arguments))


def _fetch_all(connection: sqlite3.Connection, sql: str, arguments: Sequence[object]) -> list[Any]:
    return connection.execute(sql, arguments).fetchall()


def _roll_back(connection: sqlite3.Connection) -> None:
    try:
        connection.rollback()
    except sqlite3.Error:
        connection.close()  # in an unknown state: never reuse it


def _reusable(connection: sqlite3.Connection) -> bool:
    try:
        return not connection.in_transaction
    except sqlite3.ProgrammingError:  # closed
        return False


def _probe(path: str, timeout: float) -> None:
    with contextlib.closing(sqlite3.connect(path, timeout=timeout)) as connection:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchall()  # reads the file


_POSTGRES_CONSTRAINTS = {"23505": "unique", "23503": "foreign_key"}
_POSTGRES_KEY = re.compile(r"Key \((.+?)\)=")
# Lost or refused connections, server shutdown or cancelled statements, too many connections.
_POSTGRES_UNAVAILABLE = (
    OSError,
    TimeoutError,
    asyncpg.PostgresConnectionError,
    asyncpg.exceptions.OperatorInterventionError,
    asyncpg.exceptions.InsufficientResourcesError,
)


class PostgresDriver:
    """asyncpg's own pool, with a cheap reset: connections are checked on checkout (a closed one
    is reopened), closed after `max_idle` seconds unused, and every statement has a timeout."""

    begin_sql = "BEGIN"

    def __init__(self, url: URL, options: PoolOptions) -> None:
        self.dsn = url.set(drivername="postgresql").render_as_string(hide_password=False)
        self._options = options
        self._pool: asyncpg.Pool | None = None
        self._starting = asyncio.Lock()
        self._slots = _Slots(options.size, options.timeout)

    async def acquire(self) -> PoolConnectionProxy:
        await self._slots.take()
        try:
            pool = self._pool or await self._start()
            return await pool.acquire(timeout=self._options.timeout)  # a slot: one is free
        except BaseException:
            self._slots.give_back()
            raise

    async def _start(self) -> asyncpg.Pool:
        # On first use rather than at construction: a pool belongs to the running event loop.
        async with self._starting:
            if self._pool is None:
                self._pool = await asyncpg.create_pool(
                    self.dsn,
                    min_size=self._options.min_size,
                    max_size=self._options.size,
                    max_inactive_connection_lifetime=self._options.max_idle,
                    command_timeout=self._options.command_timeout,
                    timeout=self._options.timeout,  # to open a connection
                    init=_init_connection,
                    reset=_reset_connection,
                )
        return self._pool

    async def release(self, connection: PoolConnectionProxy) -> None:
        assert self._pool is not None
        try:
            await self._pool.release(connection)  # shielded by asyncpg: completes when cancelled
        finally:
            self._slots.give_back()

    async def fetch(
        self, connection: PoolConnectionProxy, sql: str, arguments: Sequence[object], *, slow: bool
    ) -> Rows:
        return await connection.fetch(sql, *arguments)

    async def execute(self, connection: PoolConnectionProxy, sql: str) -> None:
        await connection.execute(sql)  # the simple protocol: no statement to prepare

    async def probe(self, within: float) -> None:
        async with asyncio.timeout(within):
            connection = await asyncpg.connect(self.dsn, timeout=within)
            try:
                await connection.fetchval("SELECT 1")
            finally:
                await connection.close()

    async def close(self) -> None:
        if self._pool is None:
            return
        try:
            async with asyncio.timeout(self._options.timeout):
                await self._pool.close()  # waits for the connections in use
        except TimeoutError:
            self._pool.terminate()

    def violated_constraint(self, error: Exception) -> str | None:
        if not isinstance(error, asyncpg.IntegrityConstraintViolationError):
            return None
        return _POSTGRES_CONSTRAINTS.get(error.sqlstate, "other")

    def constraint_columns(self, error: Exception) -> tuple[str, ...]:
        # detail: 'Key (isbn, title)=(1, x) already exists.'
        found = _POSTGRES_KEY.match(str(getattr(error, "detail", "") or ""))
        if found is None:
            return ()
        return tuple(column.strip('" ') for column in found.group(1).split(","))

    def is_unavailable(self, error: Exception) -> bool:
        return isinstance(error, _POSTGRES_UNAVAILABLE)


async def _init_connection(connection: asyncpg.Connection) -> None:
    for json_type in ("json", "jsonb"):
        # SQLAlchemy's JSON type sends JSON text and expects the driver to decode it.
        await connection.set_type_codec(
            json_type, encoder=str, decoder=json.loads, schema="pg_catalog", format="text"
        )


async def _reset_connection(connection: asyncpg.Connection) -> None:
    # Instead of asyncpg's default reset (advisory unlock, CLOSE ALL, UNLISTEN, RESET ALL: a
    # round trip on every release): the app keeps no session state, so only a transaction left
    # open by a cancelled task is rolled back. Session settings belong in `SET LOCAL`.
    if connection.is_in_transaction():
        await connection.execute("ROLLBACK")


_ASYNC_DRIVERS = {"sqlite": "sqlite+aiosqlite", "postgresql": "postgresql+asyncpg"}


def async_url(url: str | URL) -> URL:
    """The URL with the driver this app runs on (`postgresql://...` -> `postgresql+asyncpg://...`)."""
    parsed = make_url(url)
    backend = parsed.get_backend_name()
    if backend not in _ASYNC_DRIVERS:
        raise ValueError(f"unsupported database {backend!r}: use a sqlite:// or postgresql:// URL")
    return parsed.set(drivername=_ASYNC_DRIVERS[backend])


def driver_for(url: str | URL, options: PoolOptions) -> SqliteDriver | PostgresDriver:
    parsed = async_url(url)
    if parsed.get_backend_name() == "sqlite":
        return SqliteDriver(parsed.database or ":memory:", options)
    return PostgresDriver(parsed, options)


def dialect_for(url: str | URL) -> Dialect:
    """The SQLAlchemy dialect that compiles statements for the driver: placeholders and types."""
    return async_url(url).get_dialect()()
