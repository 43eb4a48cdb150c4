"""Field types shared by schemas and models.

Every name here is PascalCase on purpose: a field may be named like any lowercase type (`date`,
`type`, `int`), and inside a class body such a field would shadow the type for the fields after it.

The input types accept exactly what the OpenAPI schema says (no `"5"` for an integer, no number
for a date) and only what every database can store (32-bit integers, finite floats, text without
NUL or lone surrogates, datetimes in range once converted to UTC): anything else is a 422.
"""

import math
import re
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Annotated, Literal, TypeVar

from pydantic import (
    AfterValidator,
    AllowInfNan,
    BeforeValidator,
    Field,
    HttpUrl,
    JsonValue,
    PlainSerializer,
    Strict,
    WithJsonSchema,
)
from pydantic.json_schema import SkipJsonSchema

# PostgreSQL's INTEGER, the id and int column type: the same limits on SQLite keep both alike.
INT32_MIN, INT32_MAX = -(2**31), 2**31 - 1

# What the database hands back (Read schemas, models): plain types, no per-row validation cost.
Int = int
Float = float
Bool = bool
Str = str
Date = date
DateTime = datetime
JsonObject = dict[str, JsonValue]


def _storable_text(value: str) -> str:
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    if not value.isascii():
        try:
            value.encode()
        except UnicodeEncodeError:
            raise ValueError("must be valid Unicode (no lone surrogates)") from None
    return value


def _storable_json(value: JsonValue) -> JsonValue:
    """Strings as in `_storable_text`, finite numbers only: what JSON (and PostgreSQL) can hold."""
    if isinstance(value, str):
        _storable_text(value)
    elif isinstance(value, float) and not math.isfinite(value):
        raise ValueError("must not contain NaN or Infinity")
    elif isinstance(value, dict):
        for key, item in value.items():
            _storable_text(key)
            _storable_json(item)
    elif isinstance(value, list):
        for item in value:
            _storable_json(item)
    return value


_NUMBER_TEXT = re.compile(r"\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*")


def _iso_text(value: object) -> object:
    """Dates and datetimes come as ISO 8601 text: a number (a Unix time to pydantic) is refused."""
    if isinstance(value, (int, float)) or (
        isinstance(value, str) and _NUMBER_TEXT.fullmatch(value)
    ):
        raise ValueError("must be an ISO 8601 string")
    return value


def _in_utc(value: datetime) -> datetime:
    """Naive datetimes are UTC; an offset that moves the value out of range is refused."""
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    try:
        return value.astimezone(UTC)
    except OverflowError:
        raise ValueError("is out of range once converted to UTC") from None


# Request bodies (parsed JSON). Bounds given here would override a field's own, so an int field
# states its bounds itself (INT32_MIN / INT32_MAX where it has none).
StrictInt = Annotated[int, Strict()]
# Numeric(12, 2), the decimal column: a longer number would not fit (also as a filter).
ExactDecimal = Annotated[Decimal, Field(max_digits=12, decimal_places=2)]
RowId = Annotated[int, Strict(), Field(ge=1, le=INT32_MAX)]
FiniteFloat = Annotated[float, Strict(), AllowInfNan(False)]
StrictBool = Annotated[bool, Strict()]
Text = Annotated[str, AfterValidator(_storable_text)]
IsoDate = Annotated[date, BeforeValidator(_iso_text)]
UtcDateTime = Annotated[datetime, BeforeValidator(_iso_text), AfterValidator(_in_utc)]
# Documented as a plain JSON object: pydantic's recursive JsonValue schema sends schema-driven
# generators (schemathesis on CPython 3.11) into deep recursion for no extra information.
StorableJson = Annotated[
    JsonObject, AfterValidator(_storable_json), WithJsonSchema({"type": "object"})
]
T = TypeVar("T")


def _refuse_null(value: object) -> object:
    if value is None:
        raise ValueError("may not be null")
    return value


# A PATCH field whose column is NOT NULL: left out it is None (never validated); null is refused.
NotNull = Annotated[T | SkipJsonSchema[None], BeforeValidator(_refuse_null)]
# Validated as an http(s) URL, stored and returned as a plain string.
HttpUrlStr = Annotated[HttpUrl, PlainSerializer(str, return_type=str)]


def _integer_text(value: object) -> object:
    if isinstance(value, str) and not re.fullmatch(r"[-+]?\d+", value):
        raise ValueError("must be an integer")
    return value


def _number_text(value: object) -> object:
    if isinstance(value, str) and not _NUMBER_TEXT.fullmatch(value):
        raise ValueError("must be a number")
    return value


def _boolean_text(value: object) -> object:
    if isinstance(value, str):
        if value not in ("true", "false"):
            raise ValueError("must be true or false")
        return value == "true"
    return value


# Query parameters (text): the same rules, parsed as strictly as the schema states them.
QueryInt = Annotated[int, BeforeValidator(_integer_text)]
QueryInt32 = Annotated[int, BeforeValidator(_integer_text), Field(ge=INT32_MIN, le=INT32_MAX)]
QueryRowId = Annotated[int, BeforeValidator(_integer_text), Field(ge=1, le=INT32_MAX)]
QueryFloat = Annotated[float, BeforeValidator(_number_text), AllowInfNan(False)]
QueryBool = Annotated[bool, BeforeValidator(_boolean_text)]
# `?field=null` (parsed to None): the rows where an optional field is empty.
NullFilter = Annotated[Literal["null"], AfterValidator(lambda _null: None)]
