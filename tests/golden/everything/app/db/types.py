"""Column types that behave the same on SQLite and PostgreSQL."""

from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import DateTime
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware datetimes, stored in UTC and always read back as UTC.

    SQLite keeps no offset, so values are stored as naive UTC there and the offset is restored on
    the way out; naive input is taken to be UTC.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        value = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else _as_utc(value)

    def result_processor(
        self, dialect: Dialect, coltype: object
    ) -> Callable[[object], datetime | None]:
        # Every row of every list passes through here: one C-level parse per value on SQLite.
        return _parse_sqlite if dialect.name == "sqlite" else _read_aware


def _as_utc(value: datetime) -> datetime:
    if value.tzinfo is UTC:
        return value
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _parse_sqlite(value: object) -> datetime | None:
    if not isinstance(value, str):
        return _read_aware(value)
    try:
        return datetime.fromisoformat(value + "+00:00")  # written as naive UTC text
    except ValueError:  # text written elsewhere, with an offset of its own
        return _as_utc(datetime.fromisoformat(value))


def _read_aware(value: object) -> datetime | None:
    return _as_utc(value) if isinstance(value, datetime) else None
