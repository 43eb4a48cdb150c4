"""Runs compiled statements on the driver's fixed connection pool, with transactions.

Reads and single writes run in autocommit mode: one round trip each. `transaction()` binds one
connection to the current task, so every statement inside it (from any repository) joins in;
nested transactions become savepoints.

Under faults: a connection goes back to the pool only once its statement has ended, rolled back
if a transaction was left open; a transaction's connection serves one statement at a time and
refuses a concurrent one at once; once a transaction's work is done it commits even if the task
is cancelled meanwhile; and a busy pool, a lost connection or a statement timeout raise
`DatabaseUnavailableError` (the API answers 503).
"""

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from sqlalchemy.engine import Dialect

from app.core.config import Settings, get_settings
from app.database.drivers import Driver, PoolOptions, Rows, dialect_for, driver_for, finish
from app.database.statements import (
    CompiledStatement,
    PageRows,
    PageStatements,
    Row,
    Statement,
    page_of,
    page_values,
)

READY_TIMEOUT_SECONDS = 2.0
# On SQLite a page deeper than this (or sorted or filtered without an index, see
# `PageStatements.slow`) is read in a worker thread: it may scan many rows.
SLOW_OFFSET = 1_000


class IntegrityError(Exception):
    """A write broke a constraint; `constraint` is "unique", "foreign_key" or "other";
    `columns` names a broken unique constraint's columns (empty where the driver cannot tell)."""

    def __init__(self, constraint: str, message: str, columns: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.constraint = constraint
        self.columns = columns


class DatabaseUnavailableError(Exception):
    """No connection became free in time, the connection was lost, or a statement timed out:
    the request may succeed if retried later."""


_CONCURRENT_USE = (
    "a transaction's connection runs one statement at a time, and another task is using it: "
    "inside database.transaction(), await statements one by one instead of asyncio.gather()"
)


@dataclass(slots=True, eq=False)
class _Connection:
    """A connection bound to a transaction."""

    raw: Any
    depth: int = 0  # open transactions and savepoints
    user: asyncio.Task[Any] | None = None  # the task running a statement or savepoint on it
    free: asyncio.Event = field(default_factory=asyncio.Event)  # set while `user` is None
    ended: bool = False  # back in the pool: a task still holding it must not use it

    def __post_init__(self) -> None:
        self.free.set()


class Database:
    def __init__(
        self,
        url: str,
        *,
        pool_size: int,
        pool_timeout: float,
        min_size: int = 1,
        command_timeout: float = 30.0,
        max_idle: float = 300.0,
    ) -> None:
        options = PoolOptions(
            size=pool_size,
            timeout=pool_timeout,
            min_size=min(min_size, pool_size),
            command_timeout=command_timeout,
            max_idle=max_idle,
        )
        self._driver: Driver[Any] = driver_for(url, options)
        self.dialect: Dialect = dialect_for(url)
        self._current: ContextVar[_Connection | None] = ContextVar("connection", default=None)
        self._pinned: _Connection | None = None
        # Sees the SQL of every statement: tests count them, `db_echo` logs them.
        self.listener: Callable[[str], None] | None = None

    # The statement is positional-only: the values are named after columns (a `statement` too).
    async def fetch_one(self, statement: Statement, /, **values: object) -> Row | None:
        compiled, rows = await self._run(statement, values)
        return compiled.row(rows[0]) if rows else None

    async def fetch_all(self, statement: Statement, /, **values: object) -> list[Row]:
        compiled, rows = await self._run(statement, values)
        return compiled.rows(rows)

    async def fetch_value(self, statement: Statement, /, **values: object) -> Any:
        _compiled, rows = await self._run(statement, values)
        return rows[0][0] if rows else None

    async def fetch_page(
        self,
        statements: PageStatements,
        /,
        *,
        limit: int,
        offset: int,
        with_total: bool = False,
        **filters: object,
    ) -> PageRows:
        """A page of rows, whether more follow, and (when asked for) the number of rows that match
        the filters."""
        slow = statements.slow or offset > SLOW_OFFSET
        statement = statements.counted if with_total else statements.rows
        compiled, found = await self._run(statement, page_values(limit, offset, filters), slow=slow)
        page = page_of(compiled.rows(found), limit, counted=with_total)
        if not with_total or page.total is not None:
            return page
        if offset == 0:
            return replace(page, total=0)  # nothing matches
        _compiled, count = await self._run(statements.count, filters, slow=slow)  # past the end
        return replace(page, total=count[0][0])

    async def write(self, statement: Statement, /, **values: object) -> Row | None:
        """One atomic write; inside a transaction a failed write does not spoil the rest."""
        if self._bound() is None:
            return await self.fetch_one(statement, **values)  # autocommit: atomic by itself
        async with self.transaction():
            return await self.fetch_one(statement, **values)

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[None]:
        connection = self._bound()
        if connection is not None:
            async with self._savepoint(connection):
                yield
            return
        connection = _Connection(await self._acquire())
        token = self._current.set(connection)
        try:
            with self._using(connection):
                await self._execute(connection, self._driver.begin_sql)
            connection.depth = 1
            try:
                yield
            except BaseException:
                await self._end(connection, "ROLLBACK")
                raise
            await self._end(connection, "COMMIT")
        finally:
            self._current.reset(token)
            await self._release(connection)  # rolls back if BEGIN or the end was cut off

    @asynccontextmanager
    async def rolled_back(self) -> AsyncIterator[None]:
        """Run everything inside on one connection, in a transaction that is rolled back (tests)."""
        connection = _Connection(await self._acquire())
        self._pinned = connection
        try:
            await self._execute(connection, "BEGIN")
            connection.depth = 1
            yield
        finally:
            self._pinned = None
            await self._end(connection, "ROLLBACK")
            await self._release(connection)

    async def is_ready(self) -> bool:
        """Whether a connection of its own answers in time: a busy pool is not an outage."""
        try:
            await self._driver.probe(READY_TIMEOUT_SECONDS)
        except Exception:  # whatever the driver raises, the database is not serving
            return False
        return True

    async def close(self) -> None:
        await self._driver.close()

    def _bound(self) -> _Connection | None:
        return self._pinned or self._current.get()

    async def _run(
        self, statement: Statement, values: dict[str, object], *, slow: bool = False
    ) -> tuple[CompiledStatement, Rows]:
        compiled = statement.compiled(self.dialect)
        arguments = compiled.arguments(values)
        if self.listener is not None:
            self.listener(compiled.sql)
        connection = self._bound()
        if connection is not None:
            with self._using(connection):
                return compiled, await self._fetch(connection.raw, compiled.sql, arguments, slow)
        raw = await self._acquire()
        try:
            return compiled, await self._fetch(raw, compiled.sql, arguments, slow)
        finally:
            await self._driver.release(raw)

    async def _fetch(self, raw: Any, sql: str, arguments: list[object], slow: bool) -> Rows:
        try:
            return await self._driver.fetch(raw, sql, arguments, slow=slow)
        except Exception as error:
            translated = self._translated(error)
            if translated is None:
                raise
            raise translated from error

    async def _execute(self, connection: _Connection, sql: str) -> None:
        if self.listener is not None:
            self.listener(sql)
        try:
            await self._driver.execute(connection.raw, sql)
        except Exception as error:
            translated = self._translated(error)
            if translated is None:
                raise
            raise translated from error

    def _translated(self, error: Exception) -> Exception | None:
        constraint = self._driver.violated_constraint(error)
        if constraint is not None:
            columns = self._driver.constraint_columns(error) if constraint == "unique" else ()
            return IntegrityError(constraint, str(error), columns)
        if self._driver.is_unavailable(error):
            return DatabaseUnavailableError(f"the database is unavailable ({error!r})")
        return None

    @contextlib.contextmanager
    def _using(self, connection: _Connection) -> Iterator[None]:
        """Marks the connection used by the current task; refuses any other task at once (two
        statements at a time break asyncpg, and interleaved savepoints undo each other)."""
        if connection.ended:
            raise RuntimeError("the transaction this statement was meant for has ended")
        task = asyncio.current_task()
        outer = connection.user
        if outer is not None and outer is not task:
            raise RuntimeError(_CONCURRENT_USE)
        connection.user = task
        connection.free.clear()
        try:
            yield
        finally:
            connection.user = outer
            if outer is None:
                connection.free.set()

    @asynccontextmanager
    async def _savepoint(self, connection: _Connection) -> AsyncIterator[None]:
        with self._using(connection):  # the whole savepoint belongs to this task
            name = f"sp_{connection.depth}"
            await self._execute(connection, f"SAVEPOINT {name}")
            connection.depth += 1
            try:
                yield
            except BaseException:
                await finish(self._execute(connection, f"ROLLBACK TO SAVEPOINT {name}"))
                raise
            finally:
                connection.depth -= 1
            await finish(self._execute(connection, f"RELEASE SAVEPOINT {name}"))

    async def _end(self, connection: _Connection, sql: str) -> None:
        """COMMIT or ROLLBACK, once no other task runs a statement on the connection, to the end
        even if the task is cancelled meanwhile (a cancelled ROLLBACK is retried by release)."""
        if not connection.free.is_set():
            await finish(connection.free.wait())
        with self._using(connection):
            if sql == "COMMIT":
                await finish(self._execute(connection, sql))
            else:
                with contextlib.suppress(Exception):  # the error that led here matters more
                    await self._execute(connection, sql)
        connection.depth = 0

    async def _acquire(self) -> Any:
        try:
            return await self._driver.acquire()
        except Exception as error:
            if isinstance(error, TimeoutError):
                raise DatabaseUnavailableError(
                    "no database connection became free in time"
                ) from error
            if self._driver.is_unavailable(error):
                raise DatabaseUnavailableError(
                    f"cannot connect to the database ({error!r})"
                ) from error
            raise

    async def _release(self, connection: _Connection) -> None:
        connection.ended = True
        await self._driver.release(connection.raw)


def database_from(settings: Settings) -> Database:
    database = Database(
        settings.database_url,
        pool_size=settings.db_pool_size,
        pool_timeout=settings.db_pool_timeout,
        min_size=settings.db_pool_min_size,
        command_timeout=settings.db_command_timeout,
        max_idle=settings.db_max_idle_time,
    )
    if settings.db_echo:
        database.listener = logging.getLogger("app.sql").info
    return database


@lru_cache
def get_database() -> Database:
    """The app's database, configured from settings on first use."""
    return database_from(get_settings())


async def close_database() -> None:
    if get_database.cache_info().currsize:
        await get_database().close()
