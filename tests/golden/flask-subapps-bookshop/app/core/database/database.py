"""Runs compiled statements on the driver's fixed connection pool, in units of work.

A unit of work (one per request) takes a connection on its first statement and gives it back at
its end. Reads before its first write run in autocommit mode: one round trip each. Its first
write opens a transaction that commits when the unit of work ends, or rolls back if it raises:
a request's writes are all kept or none. Outside a unit of work (scripts, tests of the utils)
each statement takes a connection of its own and commits by itself. `transaction()` makes a
block atomic inside either; nested blocks become savepoints.

A busy pool, a lost connection or a statement timeout raise `DatabaseUnavailableError` (the API
answers 503).
"""

import logging
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, suppress
from contextvars import ContextVar, Token
from dataclasses import dataclass, replace
from functools import lru_cache
from types import TracebackType
from typing import Any

from sqlalchemy.engine import Dialect

from app.core.config import Settings, get_settings
from app.core.database.drivers import Driver, PoolOptions, dialect_for, driver_for
from app.core.database.statements import (
    CompiledStatement,
    PageRows,
    PageStatements,
    Row,
    Statement,
    page_of,
    page_values,
)

READY_TIMEOUT_SECONDS = 2.0


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


@dataclass(slots=True, eq=False)
class _Connection:
    raw: Any
    depth: int = 0  # open transactions and savepoints


@dataclass(slots=True, eq=False)
class _Work:
    """One unit of work: its connection (once it needs one) and whether it has written."""

    connection: _Connection | None = None
    writing: bool = False


class _UnitOfWork:
    """`Database.unit_of_work()`. A class, not a generator: it wraps every request, and entering
    and leaving it this way costs a third less than with `@contextmanager`."""

    __slots__ = ("_database", "_token", "_work")
    _token: Token[_Work | None]

    def __init__(self, database: "Database") -> None:
        self._database = database
        self._work = _Work()

    def __enter__(self) -> None:
        self._token = self._database._work.set(self._work)

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        try:
            self._database._finish(self._work, commit=kind is None)
        finally:
            self._database._work.reset(self._token)


class Database:
    def __init__(
        self, url: str, *, pool_size: int, pool_timeout: float, command_timeout: float = 30.0
    ) -> None:
        options = PoolOptions(size=pool_size, timeout=pool_timeout, command_timeout=command_timeout)
        self._driver: Driver[Any] = driver_for(url, options)
        self.dialect: Dialect = dialect_for(url)
        self._work: ContextVar[_Work | None] = ContextVar("work", default=None)
        self._pinned: _Connection | None = None
        # Sees the SQL of every statement: tests count them, `db_echo` logs them.
        self.listener: Callable[[str], None] | None = None

    # --- statements ------------------------------------------------------------------------
    # The statement is positional-only: the values are named after columns (a `statement` too).
    def fetch_one(self, statement: Statement, /, **values: object) -> Row | None:
        compiled, rows = self._run(statement, values)
        return compiled.row(rows[0]) if rows else None

    def fetch_all(self, statement: Statement, /, **values: object) -> list[Row]:
        compiled, rows = self._run(statement, values)
        return compiled.rows(rows)

    def fetch_value(self, statement: Statement, /, **values: object) -> Any:
        _compiled, rows = self._run(statement, values)
        return rows[0][0] if rows else None

    def fetch_page(
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
        statement = statements.counted if with_total else statements.rows
        compiled, found = self._run(statement, page_values(limit, offset, filters))
        page = page_of(compiled.rows(found), limit, counted=with_total)
        if not with_total or page.total is not None:
            return page
        if offset == 0:
            return replace(page, total=0)  # nothing matches
        _compiled, count = self._run(statements.count, filters)  # past the end
        return replace(page, total=count[0][0])

    def write(self, statement: Statement, /, **values: object) -> Row | None:
        """One write; inside a unit of work it joins the work's transaction, and a failed write
        does not spoil the writes before it."""
        work = self._work.get()
        if work is None and self._pinned is None:
            return self.fetch_one(statement, **values)  # autocommit: atomic by itself
        with self._writing(work):
            return self.fetch_one(statement, **values)

    # --- units of work and transactions ----------------------------------------------------
    def unit_of_work(self) -> AbstractContextManager[None]:
        return _UnitOfWork(self)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All of the block's writes or none; outside a unit of work it is one of its own."""
        work = self._work.get()
        if work is None and self._pinned is None:
            with self.unit_of_work(), self.transaction():
                yield
            return
        with self._writing(work):
            yield

    @contextmanager
    def _writing(self, work: _Work | None) -> Iterator[None]:
        """The work's first write begins its transaction (kept open until the work ends); later
        ones are savepoints, so that a failed one leaves the writes before it."""
        connection = self._connection(work)
        self._begin(connection)
        if work is not None and not work.writing:
            work.writing = True
            try:
                yield
            except BaseException:  # nothing else written yet: back to autocommit, cleanly
                self._end(connection, commit=False)
                work.writing = False
                raise
            return
        try:
            yield
        except BaseException:
            self._end(connection, commit=False)
            raise
        self._end(connection, commit=True)

    @contextmanager
    def rolled_back(self) -> Iterator[None]:
        """Run everything inside on one connection, in a transaction that is rolled back (tests):
        units of work and transactions inside become savepoints."""
        connection = _Connection(self._acquire())
        self._pinned = connection
        try:
            self._begin(connection)
            yield
        finally:
            self._pinned = None
            with suppress(Exception):
                self._end(connection, commit=False)
            self._driver.release(connection.raw)

    def is_ready(self) -> bool:
        """Whether a connection of its own answers in time: a busy pool is not an outage."""
        try:
            self._driver.probe(READY_TIMEOUT_SECONDS)
        except Exception:  # whatever the driver raises, the database is not serving
            return False
        return True

    def close(self) -> None:
        self._driver.close()

    # --- internals -------------------------------------------------------------------------
    def _connection(self, work: _Work | None) -> _Connection:
        if self._pinned is not None:
            return self._pinned
        assert work is not None
        if work.connection is None:
            work.connection = _Connection(self._acquire())
        return work.connection

    def _finish(self, work: _Work, *, commit: bool) -> None:
        connection = self._pinned or work.connection
        if connection is None:
            return  # the work ran no statement
        try:
            if work.writing:
                self._end(connection, commit=commit)
        finally:
            if work.connection is not None:
                self._driver.release(work.connection.raw)

    def _begin(self, connection: _Connection) -> None:
        sql = (
            self._driver.begin_sql if connection.depth == 0 else f"SAVEPOINT sp_{connection.depth}"
        )
        self._execute(connection, sql)
        connection.depth += 1

    def _end(self, connection: _Connection, *, commit: bool) -> None:
        connection.depth -= 1
        depth = connection.depth
        if commit:
            self._execute(connection, "COMMIT" if depth == 0 else f"RELEASE SAVEPOINT sp_{depth}")
            return
        with suppress(Exception):  # the error that led here matters more
            self._execute(
                connection, "ROLLBACK" if depth == 0 else f"ROLLBACK TO SAVEPOINT sp_{depth}"
            )

    def _run(
        self, statement: Statement, values: dict[str, object]
    ) -> tuple[CompiledStatement, Any]:
        compiled = statement.compiled(self.dialect)
        arguments = compiled.arguments(values)
        if self.listener is not None:
            self.listener(compiled.sql)
        work = self._work.get()
        if work is not None or self._pinned is not None:
            connection = self._connection(work)
            return compiled, self._translate(
                self._driver.fetch, connection.raw, compiled.sql, arguments
            )
        raw = self._acquire()
        try:
            return compiled, self._translate(self._driver.fetch, raw, compiled.sql, arguments)
        finally:
            self._driver.release(raw)

    def _execute(self, connection: _Connection, sql: str) -> None:
        if self.listener is not None:
            self.listener(sql)
        self._translate(self._driver.execute, connection.raw, sql)

    def _translate(self, call: Callable[..., Any], *arguments: Any) -> Any:
        try:
            return call(*arguments)
        except Exception as error:
            constraint = self._driver.violated_constraint(error)
            if constraint is not None:
                columns = self._driver.constraint_columns(error) if constraint == "unique" else ()
                raise IntegrityError(constraint, str(error), columns) from error
            if self._driver.is_unavailable(error):
                raise DatabaseUnavailableError(
                    f"the database is unavailable ({error!r})"
                ) from error
            raise

    def _acquire(self) -> Any:
        try:
            return self._driver.acquire()
        except TimeoutError as error:
            raise DatabaseUnavailableError("no database connection became free in time") from error
        except Exception as error:
            if self._driver.is_unavailable(error):
                raise DatabaseUnavailableError(
                    f"cannot connect to the database ({error!r})"
                ) from error
            raise


def database_from(settings: Settings) -> Database:
    database = Database(
        settings.database_url,
        pool_size=settings.db_pool_size,
        pool_timeout=settings.db_pool_timeout,
        command_timeout=settings.db_command_timeout,
    )
    if settings.db_echo:
        database.listener = logging.getLogger("app.sql").info
    return database


@lru_cache
def get_database() -> Database:
    """The database of scripts and shells, configured from settings on first use (the app has
    its own: `current_database()`)."""
    return database_from(get_settings())
