"""The database layer on its own pool: autocommit, units of work, savepoints, constraints, and
what happens under faults (a busy pool, a lock held too long)."""

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import Column, Integer, MetaData, String, Table, func, select

from helper.DBSession import (
    Database,
    DatabaseUnavailableError,
    IntegrityError,
    database_from,
)
from helper.Statements import Statement, insert_statement
from startup.Alchemy import build_engine
from startup.Environment import Settings

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
def probe_url(database_url: str) -> Iterator[str]:
    """The test database with a table of its own, outside the per-test transaction."""
    engine = build_engine(database_url)
    with engine.begin() as connection:
        _PROBE.metadata.create_all(connection)
    yield database_url
    with engine.begin() as connection:
        _PROBE.metadata.drop_all(connection)
    engine.dispose()


@pytest.fixture
def database(probe_url: str) -> Iterator[Database]:
    database = Database(probe_url, pool_size=2, pool_timeout=0.2)
    yield database
    database.close()


def count_elsewhere(url: str) -> int:
    """The row count as another connection sees it (so only committed rows)."""
    other = Database(url, pool_size=1, pool_timeout=1)
    try:
        count: int = other.fetch_value(_COUNT)
    finally:
        other.close()
    return count


def test_a_single_write_is_committed_at_once(database: Database, probe_url: str) -> None:
    row = database.write(_INSERT, name="a")
    assert row is not None and row["name"] == "a"
    assert count_elsewhere(probe_url) == 1


def test_a_unit_of_work_keeps_all_writes_or_none(database: Database, probe_url: str) -> None:
    with pytest.raises(_AbortError), database.unit_of_work():
        database.write(_INSERT, name="a")
        database.write(_INSERT, name="b")
        raise _AbortError
    assert count_elsewhere(probe_url) == 0
    with database.unit_of_work():
        database.write(_INSERT, name="a")
        database.write(_INSERT, name="b")
        assert count_elsewhere(probe_url) == 0  # not committed yet
    assert count_elsewhere(probe_url) == 2


def test_a_unit_of_work_that_only_reads_takes_one_statement_each(database: Database) -> None:
    seen: list[str] = []
    database.listener = seen.append
    with database.unit_of_work():
        database.fetch_value(_COUNT)
        database.fetch_value(_COUNT)
    assert len(seen) == 2  # no BEGIN, no COMMIT


@pytest.mark.parametrize("writes_before", [0, 1])
def test_a_failed_write_does_not_spoil_its_unit_of_work(
    database: Database, probe_url: str, writes_before: int
) -> None:
    database.write(_INSERT, name="taken")
    with database.unit_of_work():
        for index in range(writes_before):
            database.write(_INSERT, name=f"before-{index}")
        with pytest.raises(IntegrityError) as caught:
            database.write(_INSERT, name="taken")
        assert caught.value.constraint == "unique"
        assert caught.value.columns == ("name",)
        database.write(_INSERT, name="after")
    assert count_elsewhere(probe_url) == 2 + writes_before


def test_a_transaction_block_is_atomic_inside_a_unit_of_work(
    database: Database, probe_url: str
) -> None:
    with database.unit_of_work():
        database.write(_INSERT, name="kept")
        with pytest.raises(_AbortError), database.transaction():
            database.write(_INSERT, name="undone")
            raise _AbortError
    assert count_elsewhere(probe_url) == 1


def test_a_transaction_outside_a_unit_of_work_commits_at_its_end(
    database: Database, probe_url: str
) -> None:
    with database.transaction():
        database.write(_INSERT, name="a")
        database.write(_INSERT, name="b")
        assert count_elsewhere(probe_url) == 0
    assert count_elsewhere(probe_url) == 2


@contextmanager
def all_connections_busy(database: Database, count: int) -> Iterator[None]:
    """`count` connections taken from the pool until the block ends."""
    held = [database._driver.acquire() for _ in range(count)]
    try:
        yield
    finally:
        for connection in held:
            database._driver.release(connection)


def test_an_exhausted_pool_is_unavailable_not_an_error(database: Database) -> None:
    with all_connections_busy(database, 2), pytest.raises(DatabaseUnavailableError):
        database.fetch_value(_COUNT)
    assert database.fetch_value(_COUNT) == 0


def test_the_pool_is_sized_from_settings(probe_url: str) -> None:
    settings = Settings(database_url=probe_url, db_pool_size=1, db_pool_timeout=0.2)
    database = database_from(settings)
    try:
        with all_connections_busy(database, 1), pytest.raises(DatabaseUnavailableError):
            database.fetch_value(_COUNT)
    finally:
        database.close()


def test_ready_does_not_queue_behind_a_busy_pool(database: Database) -> None:
    with all_connections_busy(database, 2):
        assert database.is_ready()


def test_a_statement_stuck_behind_a_lock_times_out_as_unavailable(probe_url: str) -> None:
    holder = Database(probe_url, pool_size=1, pool_timeout=1)
    impatient = Database(probe_url, pool_size=1, pool_timeout=1, command_timeout=0.2)
    try:
        with holder.unit_of_work():
            holder.write(_INSERT, name="a")  # holds the row (PostgreSQL) or the file lock
            with pytest.raises(DatabaseUnavailableError):
                impatient.write(_INSERT, name="a")
    finally:
        holder.close()
        impatient.close()


def test_an_unsupported_database_url_is_refused() -> None:
    with pytest.raises(ValueError, match="sqlite:// or postgresql://"):
        Database("mysql://localhost/app", pool_size=1, pool_timeout=1)
