"""The database layer on its own pool: autocommit, transactions, savepoints, constraints, limits."""

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import pytest
from sqlalchemy import Column, Integer, MetaData, String, Table, func, select

from app.core.config import Settings
from app.db.database import Database, IntegrityError, database_from
from app.db.engine import build_engine
from app.db.statements import Statement, insert_statement

_PROBE = Table(
    "layerkit_probe",
    MetaData(),
    Column("id", Integer, primary_key=True),
    Column("name", String(40), unique=True),
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


@asynccontextmanager
async def all_connections_busy(database: Database, count: int) -> AsyncIterator[None]:
    """Other tasks hold `count` connections in open transactions until the block ends."""
    release = asyncio.Event()
    holding = asyncio.Semaphore(0)

    async def hold_a_connection() -> None:
        async with database.transaction():
            holding.release()
            await release.wait()

    holders = [asyncio.create_task(hold_a_connection()) for _ in range(count)]
    for _ in holders:
        await holding.acquire()
    try:
        yield
    finally:
        release.set()
        await asyncio.gather(*holders)


async def test_the_pool_never_opens_more_than_its_size(database: Database) -> None:
    async with all_connections_busy(database, 2):
        with pytest.raises(TimeoutError):
            await database.fetch_value(_COUNT)  # both connections are busy past the timeout
    assert await database.fetch_value(_COUNT) == 0


async def test_the_pool_is_sized_from_settings(probe_url: str) -> None:
    settings = Settings(database_url=probe_url, db_pool_size=1, db_pool_timeout=0.2)
    database = database_from(settings)
    try:
        async with all_connections_busy(database, 1):
            with pytest.raises(TimeoutError):
                await database.fetch_value(_COUNT)
    finally:
        await database.close()


def test_an_unsupported_database_url_is_refused() -> None:
    with pytest.raises(ValueError, match="sqlite:// or postgresql://"):
        Database("mysql://localhost/app", pool_size=1, pool_timeout=1)
