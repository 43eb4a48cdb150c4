"""Deterministic, unique sample values for factories (n is a per-run sequence number)."""

from datetime import UTC, date, datetime, timedelta
from itertools import count
from math import ceil, floor

_sequence = count(1)


def next_number() -> int:
    return next(_sequence)


def text_value(n: int, *, prefix: str, min_length: int = 0, max_length: int = 255) -> str:
    value = f"{prefix}-{n}" if len(f"{prefix}-{n}") <= max_length else str(n)[-max_length:]
    return value.ljust(min_length, "x")


def number_value(n: int, *, minimum: float | None = None, maximum: float | None = None) -> int:
    low = ceil(minimum) if minimum is not None else 0
    if maximum is None:
        return low + n
    return low + n % (floor(maximum) - low + 1)


def date_value(n: int) -> str:
    return (date(2024, 1, 1) + timedelta(days=n)).isoformat()


def datetime_value(n: int) -> str:
    moment = datetime(2024, 1, 1, tzinfo=UTC) + timedelta(seconds=n)
    return moment.isoformat().replace("+00:00", "Z")
