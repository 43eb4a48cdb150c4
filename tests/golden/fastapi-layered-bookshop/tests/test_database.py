"""The database layer on its own pool: autocommit, transactions, savepoints, constraints, limits,
and what happens under faults (cancellation, concurrent use, locks, a busy pool)."""

import asyncio
import sqlite3
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager

import pytest
from sqlalchemy import Column, Integer, MetaData, String, Table, func, make_url, select

from app.core.config import Settings
from app.database.engine import build_engine
from app.database.postgres import (
    SLOW_OFFSET,
    Database,
    DatabaseUnavailableError,
    IntegrityError,
    database_from,
)
from app.database.statements import Statement, insert_statement, page_statements

_PROBE = Table(
    "layerkit_probe",
    MetaData(),
    Column("id", Integer, primary_key=True),
    Column("name", String(40), unique=True),
    Column("note", String(40)),  # no index
)
_INSERT = insert_statement(_PROBE, ("name",))
_COUNT = Statement(select(func.count()).select_from(_PROBE))


class _AbortError(Exception):
    pass


@pytest.fixture
async def probe_url(database_url: str) -> AsyncIterator[str]:
    """The test database with a table of its own, outside the per-test transaction."""
    engine = build_engine(database_url)
    async with engine.begin() as connection:
        await connection.run_sync(_PROBE.metadata.create_all)
    yield database_url
    async with engine.begin() as connection:
        await connection.run_sync(_PROBE.metadata.drop_all)
    await engine.dispose()


@pytest.fixture
async def database(probe_url: str) -> AsyncIterator[Database]:
    database = Database(probe_url, pool_size=2, pool_timeout=0.2)
    yield database
    await database.close()


@pytest.fixture
async def one_connection(probe_url: str) -> AsyncIterator[Database]:
    """A pool of one: whatever a test leaves on its connection, the next statement meets."""
    database = Database(probe_url, pool_size=1, pool_timeout=1)
    yield database
    await database.close()


def sqlite_path(url: str) -> str | None:
    parsed = make_url(url)
    return parsed.database if parsed.get_backend_name() == "sqlite" else None


async def count_elsewhere(url: str) -> int:
    """The row count as another connection sees it (so only committed rows)."""
    other = Database(url, pool_size=1, pool_timeout=1)
    try:
        count: int = await other.fetch_value(_COUNT)
    finally:
        await other.close()
    return count


async def test_a_single_write_is_committed_at_once(database: Database, probe_url: str) -> None:
    row = await database.write(_INSERT, name="a")
    assert row is not None and row["name"] == "a"
    assert await count_elsewhere(probe_url) == 1


async def test_a_transaction_keeps_all_writes_or_none(database: Database, probe_url: str) -> None:
    with pytest.raises(_AbortError):
        async with database.transaction():
            await database.write(_INSERT, name="a")
            raise _AbortError
    assert await count_elsewhere(probe_url) == 0
    async with database.transaction():
        await database.write(_INSERT, name="a")
        await database.write(_INSERT, name="b")
        assert await count_elsewhere(probe_url) == 0  # not committed yet
    assert await count_elsewhere(probe_url) == 2


async def test_a_failed_write_does_not_spoil_its_transaction(
    database: Database, probe_url: str
) -> None:
    async with database.transaction():
        await database.write(_INSERT, name="a")
        with pytest.raises(IntegrityError) as caught:
            await database.write(_INSERT, name="a")
        assert caught.value.constraint == "unique"
        await database.write(_INSERT, name="b")
    assert await count_elsewhere(probe_url) == 2


@pytest.mark.parametrize(
    ("cancelled_at", "committed"),
    [("BEGIN", 0), ("SAVEPOINT", 0), ("INSERT", 0), ("RELEASE", 0), ("COMMIT", 1)],
)
async def test_a_cancelled_transaction_leaves_its_connection_clean(
    one_connection: Database, probe_url: str, cancelled_at: str, committed: int
) -> None:
    """Cancelled while a statement runs (as by asyncio.timeout): the connection goes back rolled
    back, so later autocommit writes are really committed; and once the transaction's work is
    done (its write returned), it commits whatever is cancelled around it."""
    database = one_connection

    async def work() -> None:
        async with database.transaction():
            await database.write(_INSERT, name="in-transaction")

    task = asyncio.create_task(work())

    def cancel_at(sql: str) -> None:
        if sql.startswith(cancelled_at):
            task.cancel()  # arrives while the statement is in flight

    database.listener = cancel_at
    with pytest.raises(asyncio.CancelledError):
        await task
    database.listener = None
    assert await count_elsewhere(probe_url) == committed

    for name in ("after-1", "after-2"):
        assert await database.write(_INSERT, name=name) is not None
    assert await count_elsewhere(probe_url) == committed + 2  # not in a forgotten transaction
    async with database.transaction():  # no "transaction within a transaction"
        await database.write(_INSERT, name="after-3")
    assert await count_elsewhere(probe_url) == committed + 3


async def test_concurrent_statements_in_one_transaction_are_refused_not_lost(
    database: Database, probe_url: str
) -> None:
    async with database.transaction():
        results = await asyncio.gather(
            database.write(_INSERT, name="a"),
            database.write(_INSERT, name="a"),
            return_exceptions=True,
        )
    rows = [result for result in results if isinstance(result, dict)]
    errors = [result for result in results if isinstance(result, BaseException)]
    assert len(rows) == 1, results
    assert len(errors) == 1 and isinstance(errors[0], RuntimeError), results
    assert "another task" in str(errors[0])
    assert await count_elsewhere(probe_url) == 1  # the row that was returned is there


@asynccontextmanager
async def all_connections_busy(database: Database, count: int) -> AsyncIterator[None]:
    """`count` connections taken from the pool until the block ends (straight from the driver:
    on SQLite only one of them could be in a write transaction)."""
    held = [await database._driver.acquire() for _ in range(count)]
    try:
        yield
    finally:
        for connection in held:
            await database._driver.release(connection)


async def test_an_exhausted_pool_is_unavailable_not_an_error(database: Database) -> None:
    async with all_connections_busy(database, 2):
        with pytest.raises(DatabaseUnavailableError):
            await database.fetch_value(_COUNT)  # both connections are busy past the timeout
    assert await database.fetch_value(_COUNT) == 0


async def test_the_pool_is_sized_from_settings(probe_url: str) -> None:
    settings = Settings(database_url=probe_url, db_pool_size=1, db_pool_timeout=0.2)
    database = database_from(settings)
    try:
        async with all_connections_busy(database, 1):
            with pytest.raises(DatabaseUnavailableError):
                await database.fetch_value(_COUNT)
    finally:
        await database.close()


async def test_ready_does_not_queue_behind_a_busy_pool(database: Database) -> None:
    async with all_connections_busy(database, 2):
        assert await database.is_ready()


async def test_a_statement_stuck_behind_a_lock_times_out_as_unavailable(probe_url: str) -> None:
    holder = Database(probe_url, pool_size=1, pool_timeout=1)
    impatient = Database(probe_url, pool_size=1, pool_timeout=1, command_timeout=0.2)
    try:
        async with holder.transaction():
            await holder.write(_INSERT, name="a")  # holds the row (PostgreSQL) or the file lock
            with pytest.raises(DatabaseUnavailableError):
                await impatient.write(_INSERT, name="a")
    finally:
        await holder.close()
        await impatient.close()


@contextmanager
def loop_stalls() -> Iterator[list[float]]:
    """The longest time the event loop could not run a task, in seconds, appended at the end."""
    gaps: list[float] = [0.0]

    async def tick() -> None:
        loop = asyncio.get_running_loop()
        while True:
            start = loop.time()
            await asyncio.sleep(0.005)
            gaps.append(loop.time() - start)

    ticker = asyncio.get_running_loop().create_task(tick())
    try:
        yield gaps
    finally:
        ticker.cancel()


async def test_a_cancelled_sqlite_write_ends_before_its_connection_is_reused(
    one_connection: Database, probe_url: str
) -> None:
    path = sqlite_path(probe_url)
    if path is None:
        pytest.skip("SQLite's writes run in threads")
    blocker = sqlite3.connect(path, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")  # the write lock, for 0.3 s
    asyncio.get_running_loop().call_later(0.3, blocker.rollback)
    try:
        with loop_stalls() as gaps:
            with pytest.raises(TimeoutError):
                async with asyncio.timeout(0.05):
                    await one_connection.write(_INSERT, name="a")  # waits for the lock
            assert await one_connection.fetch_value(_COUNT) == 1  # it did commit, then returned
        assert max(gaps) < 0.2  # the loop never froze on the busy connection
    finally:
        blocker.close()


def test_pages_that_may_scan_the_table_are_marked_slow() -> None:
    assert not page_statements(_PROBE, (), "id").slow
    assert not page_statements(_PROBE, ("name",), "-name").slow  # unique: indexed
    assert page_statements(_PROBE, (), "-note").slow
    assert page_statements(_PROBE, ("note",), "id").slow


@pytest.mark.parametrize(
    ("sort", "offset", "off_the_loop"),
    [("id", 0, False), ("-note", 0, True), ("id", SLOW_OFFSET + 1, True)],
)
async def test_slow_sqlite_pages_are_read_off_the_event_loop(
    database: Database, probe_url: str, sort: str, offset: int, off_the_loop: bool
) -> None:
    if sqlite_path(probe_url) is None:
        pytest.skip("PostgreSQL reads always leave the loop free")
    await database.fetch_value(_COUNT)  # the connection is open (opening yields)
    others_ran = asyncio.Event()
    asyncio.get_running_loop().call_soon(others_ran.set)
    await database.fetch_page(page_statements(_PROBE, (), sort), limit=10, offset=offset)
    # A read inline never yields to the loop; one in a worker thread lets others run meanwhile.
    assert others_ran.is_set() == off_the_loop


def test_an_unsupported_database_url_is_refused() -> None:
    with pytest.raises(ValueError, match="sqlite:// or postgresql://"):
        Database("mysql://localhost/app", pool_size=1, pool_timeout=1)
