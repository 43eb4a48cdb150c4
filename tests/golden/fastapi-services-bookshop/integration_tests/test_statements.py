"""How compiled statements turn driver rows into rows, as every page runs them (no database
needed): datetimes come back in UTC whatever text SQLite holds, and a page is cut at its limit."""

from datetime import UTC, datetime, timedelta, timezone

from sqlalchemy import Column, Integer, MetaData, Table, select

from db_sql.drivers import dialect_for
from db_sql.statements import PAGE_TOTAL, Statement, page_of
from db_sql.types import UTCDateTime

_TABLE = Table(
    "probe", MetaData(), Column("id", Integer, primary_key=True), Column("at", UTCDateTime())
)
_SELECT = Statement(select(_TABLE))
# The dialects the app's drivers compile for (no connection is made).
SQLITE = dialect_for("sqlite:///probe.db")
POSTGRESQL = dialect_for("postgresql://postgres@127.0.0.1/probe")
NEW_YEAR = datetime(2025, 1, 1, tzinfo=UTC)


def test_sqlite_text_is_read_as_utc_a_whole_column_at_once() -> None:
    rows = _SELECT.compiled(SQLITE).rows(
        [(1, "2025-01-01 00:00:00.000000"), (2, "2025-01-01 00:00:01")]
    )
    assert rows == [{"id": 1, "at": NEW_YEAR}, {"id": 2, "at": NEW_YEAR + timedelta(seconds=1)}]
    assert all(row["at"].tzinfo is UTC for row in rows)


def test_sqlite_nulls_and_text_with_an_offset_are_read_value_by_value() -> None:
    rows = _SELECT.compiled(SQLITE).rows(
        [(1, "2025-01-01 00:00:00"), (2, None), (3, "2025-01-01T05:00:00+05:00")]
    )
    assert [row["at"] for row in rows] == [NEW_YEAR, None, NEW_YEAR]
    assert rows[2]["at"].tzinfo is UTC


def test_one_row_is_read_as_its_page_would_read_it() -> None:
    compiled = _SELECT.compiled(SQLITE)
    for row in [(1, "2025-01-01 00:00:00.000000"), (2, None), (3, "2025-01-01T05:00:00+05:00")]:
        assert compiled.row(row) == compiled.rows([row])[0]
    assert compiled.row((1, "2025-01-01 00:00:00"))["at"].tzinfo is UTC
    assert _SELECT.compiled(POSTGRESQL).row((1, NEW_YEAR))["at"] == NEW_YEAR


def test_postgresql_datetimes_are_read_in_utc() -> None:
    east = NEW_YEAR.astimezone(timezone(timedelta(hours=5)))
    rows = _SELECT.compiled(POSTGRESQL).rows([(1, east), (2, None)])
    assert [row["at"] for row in rows] == [NEW_YEAR, None]
    assert rows[0]["at"].tzinfo is UTC


def test_a_page_is_cut_at_its_limit_and_says_whether_more_follow() -> None:
    rows = [{"id": number, PAGE_TOTAL: 3} for number in (1, 2, 3)]
    page = page_of(rows[:], 2, counted=True)
    assert (page.rows, page.has_more, page.total) == ([{"id": 1}, {"id": 2}], True, 3)
    full = page_of([{"id": 1}, {"id": 2}], 2, counted=False)  # exactly its limit: the last page
    assert (full.rows, full.has_more, full.total) == ([{"id": 1}, {"id": 2}], False, None)
