"""A fixed pool of driver connections that runs compiled statements, with transactions.

Reads and single writes run in autocommit mode: one round trip each. `transaction()` binds one
connection to the current task, so every statement inside it (from any repository) joins in;
nested transactions become savepoints.
"""

import asyncio
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sqlalchemy import literal_column, select
from sqlalchemy.engine import Dialect

from app.core.config import Settings, get_settings
from app.db.drivers import Driver, Rows, dialect_for, driver_for
from app.db.statements import PAGE_TOTAL, CompiledStatement, PageStatements, Row, Statement

_PING = Statement(select(literal_column("1")))
READY_TIMEOUT_SECONDS = 2.0


class IntegrityError(Exception):
    """A write broke a constraint; `constraint` is "unique", "foreign_key" or "other"."""

    def __init__(self, constraint: str, message: str) -> None:
        super().__init__(message)
        self.constraint = constraint


@dataclass(slots=True, eq=False)
class _Connection:
    raw: Any
    depth: int = 0  # open transactions and savepoints
    dirty: bool = False  # a transaction could not be closed: never reuse


class Database:
    def __init__(self, url: str, *, pool_size: int, pool_timeout: float) -> None:
        self._driver: Driver[Any] = driver_for(url)
        self.dialect: Dialect = dialect_for(url)
        # A fixed number of connections, opened on demand, never more: no overflow churn.
        self._slots = asyncio.Semaphore(1 if self._driver.in_memory else pool_size)
        self._pool_timeout = pool_timeout
        self._idle: list[_Connection] = []  # most recently used last: reuse warm connections
        self._current: ContextVar[_Connection | None] = ContextVar("connection", default=None)
        self._pinned: _Connection | None = None
        # Sees the SQL of every statement: tests count them, `db_echo` logs them.
        self.listener: Callable[[str], None] | None = None

    async def fetch_one(self, statement: Statement, **values: object) -> Row | None:
        compiled, rows = await self._run(statement, values)
        return compiled.rows(rows[:1])[0] if rows else None

    async def fetch_all(self, statement: Statement, **values: object) -> list[Row]:
        compiled, rows = await self._run(statement, values)
        return compiled.rows(rows)

    async def fetch_value(self, statement: Statement, **values: object) -> Any:
        _compiled, rows = await self._run(statement, values)
        return rows[0][0] if rows else None

    async def fetch_page(
        self, statements: PageStatements, *, limit: int, offset: int, **filters: object
    ) -> tuple[list[Row], int]:
        """A page of rows and the total number of rows that match the filters."""
        rows = await self.fetch_all(statements.rows, limit=limit, offset=offset, **filters)
        if rows:
            return rows, rows[0][PAGE_TOTAL]
        if offset == 0:
            return rows, 0
        return rows, await self.fetch_value(statements.count, **filters)  # past the end

    async def write(self, statement: Statement, **values: object) -> Row | None:
        """One atomic write; inside a transaction a failed write does not spoil the rest."""
        if self._bound() is None:
            return await self.fetch_one(statement, **values)  # autocommit: atomic by itself
        async with self.transaction():
            return await self.fetch_one(statement, **values)

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[None]:
        connection = self._bound()
        if connection is not None:
            async with self._transaction_on(connection):
                yield
            return
        connection = await self._acquire()
        token = self._current.set(connection)
        try:
            async with self._transaction_on(connection):
                yield
        finally:
            self._current.reset(token)
            await self._release(connection)

    @asynccontextmanager
    async def rolled_back(self) -> AsyncIterator[None]:
        """Run everything inside on one connection, in a transaction that is rolled back (tests)."""
        connection = await self._acquire()
        self._pinned = connection
        try:
            await self._execute(connection, "BEGIN")
            connection.depth = 1
            yield
        finally:
            self._pinned = None
            connection.depth = 0
            await self._execute(connection, "ROLLBACK")
            await self._release(connection)

    async def is_ready(self) -> bool:
        try:
            async with asyncio.timeout(READY_TIMEOUT_SECONDS):
                await self.fetch_value(_PING)
        except Exception:  # whatever the driver raises, the database is not serving
            return False
        return True

    async def close(self) -> None:
        while self._idle:
            await self._driver.close(self._idle.pop().raw)

    def _bound(self) -> _Connection | None:
        return self._pinned or self._current.get()

    async def _run(
        self, statement: Statement, values: dict[str, object]
    ) -> tuple[CompiledStatement, Rows]:
        compiled = statement.compiled(self.dialect)
        arguments = compiled.arguments(values)
        if self.listener is not None:
            self.listener(compiled.sql)
        connection = self._bound()
        if connection is not None:
            return compiled, await self._fetch(connection, compiled.sql, arguments)
        connection = await self._acquire()
        try:
            return compiled, await self._fetch(connection, compiled.sql, arguments)
        finally:
            await self._release(connection)

    async def _fetch(self, connection: _Connection, sql: str, arguments: list[object]) -> Rows:
        try:
            return await self._driver.fetch(connection.raw, sql, arguments)
        except Exception as error:
            constraint = self._driver.violated_constraint(error)
            if constraint is None:
                raise
            raise IntegrityError(constraint, str(error)) from error

    async def _execute(self, connection: _Connection, sql: str) -> None:
        if self.listener is not None:
            self.listener(sql)
        await self._driver.execute(connection.raw, sql)

    @asynccontextmanager
    async def _transaction_on(self, connection: _Connection) -> AsyncIterator[None]:
        savepoint = f"sp_{connection.depth}" if connection.depth else None
        await self._execute(connection, f"SAVEPOINT {savepoint}" if savepoint else "BEGIN")
        connection.depth += 1
        try:
            yield
        except BaseException:
            connection.depth -= 1
            try:
                await self._execute(
                    connection, f"ROLLBACK TO SAVEPOINT {savepoint}" if savepoint else "ROLLBACK"
                )
            except BaseException:
                connection.dirty = True
                raise
            raise
        connection.depth -= 1
        await self._execute(connection, f"RELEASE SAVEPOINT {savepoint}" if savepoint else "COMMIT")

    async def _acquire(self) -> _Connection:
        if self._slots.locked():
            async with asyncio.timeout(self._pool_timeout):
                await self._slots.acquire()
        else:
            await self._slots.acquire()
        try:
            return self._idle.pop() if self._idle else _Connection(await self._driver.connect())
        except BaseException:
            self._slots.release()
            raise

    async def _release(self, connection: _Connection) -> None:
        try:
            if connection.depth or connection.dirty or self._driver.is_closed(connection.raw):
                await self._driver.close(connection.raw)
            else:
                self._idle.append(connection)
        finally:
            self._slots.release()


def database_from(settings: Settings) -> Database:
    database = Database(
        settings.database_url,
        pool_size=settings.db_pool_size,
        pool_timeout=settings.db_pool_timeout,
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
