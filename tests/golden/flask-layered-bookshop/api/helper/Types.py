"""Field types shared by schemas and models.

The type names models and row types use are PascalCase on purpose: a field may be named like any
lowercase type (`date`, `type`, `int`), and inside a class body it would shadow the type for the
fields after it.

The request fields accept exactly what the OpenAPI schema says (no `"5"` for an integer, no
number for a date, no `1` for a boolean) and only what every database can store (32-bit
integers, finite numbers, text without NUL or lone surrogates, datetimes in range once converted
to UTC): anything else is a 422.
"""

import math
import re
from collections.abc import Mapping
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from marshmallow import ValidationError, fields
from marshmallow.validate import OneOf, Range

# PostgreSQL's INTEGER, the id and int column type: the same limits on SQLite keep both alike.
INT32_MIN, INT32_MAX = -(2**31), 2**31 - 1
# Numeric(12, 2), the decimal column: a longer number would not fit (also as a filter).
DECIMAL_DIGITS, DECIMAL_PLACES = 12, 2
# The integers of a JSON field that JSON parsers (and orjson, which writes responses) agree on.
JSON_INT_MIN, JSON_INT_MAX = -(2**63), 2**63 - 1

# What the database hands back (row types, models): plain types.
Int = int
Float = float
Bool = bool
Str = str
Date = date
DateTime = datetime
JsonValue = str | int | float | bool | None | list["JsonValue"] | dict[str, "JsonValue"]
JsonObject = dict[str, JsonValue]

_NUMBER_TEXT = re.compile(r"[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?")
_INTEGER_TEXT = re.compile(r"[-+]?\d+")
_DECIMAL_TEXT = re.compile(r"^[-+]?(\d+\.?\d*|\.\d+)$")
Data = Mapping[str, Any] | None


def _storable(text: str) -> str:
    if "\x00" in text:
        raise ValidationError("Must not contain NUL characters.")
    if not text.isascii():
        try:
            text.encode()
        except UnicodeEncodeError:
            raise ValidationError("Must be valid Unicode (no lone surrogates).") from None
    return text


# --- request bodies (parsed JSON) ---------------------------------------------------------------
class Text(fields.String):
    """Text every database can store."""

    def _deserialize(self, value: Any, attr: str | None, data: Data, **kwargs: Any) -> str:
        return _storable(super()._deserialize(value, attr, data, **kwargs))


class EmailText(fields.Email):
    def _deserialize(self, value: Any, attr: str | None, data: Data, **kwargs: Any) -> str:
        return _storable(super()._deserialize(value, attr, data, **kwargs))


class HttpUrlText(fields.Url):
    """An http(s) URL, stored and returned as text."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(schemes={"http", "https"}, **kwargs)

    def _deserialize(self, value: Any, attr: str | None, data: Data, **kwargs: Any) -> str:
        return _storable(super()._deserialize(value, attr, data, **kwargs))


class StrictInt(fields.Integer):
    """A JSON integer (never `"7"` or `7.0`); a field states its bounds (INT32_MIN / INT32_MAX)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(strict=True, **kwargs)


class RowId(StrictInt):
    """A reference: the id of a row."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(validate=Range(min=1, max=INT32_MAX), **kwargs)


class FiniteFloat(fields.Float):
    """A JSON number (never text), finite."""

    def _deserialize(self, value: Any, attr: str | None, data: Data, **kwargs: Any) -> float:
        if not isinstance(value, int | float) or isinstance(value, bool):
            raise self.make_error("invalid", input=value)
        return super()._deserialize(value, attr, data, **kwargs)


class StrictBool(fields.Boolean):
    """`true` or `false`, nothing else."""

    def _deserialize(self, value: Any, attr: str | None, data: Data, **kwargs: Any) -> bool:
        if value is True or value is False:
            return value
        raise self.make_error("invalid", input=value)


class ExactDecimal(fields.Decimal):
    """A decimal as text ("12.50": a JSON number could not be exact), finite, that fits the
    decimal column."""

    def __init__(
        self, *, minimum: str | None = None, maximum: str | None = None, **kwargs: Any
    ) -> None:
        # Bounds are checked here, not by a Range validator: JSON Schema bounds only numbers.
        self.minimum = None if minimum is None else Decimal(minimum)
        self.maximum = None if maximum is None else Decimal(maximum)
        documented = {"type": "string", "format": "decimal", "pattern": _DECIMAL_TEXT.pattern}
        super().__init__(metadata=documented, **kwargs)

    def _deserialize(self, value: Any, attr: str | None, data: Data, **kwargs: Any) -> Decimal:
        if not isinstance(value, str) or not _DECIMAL_TEXT.fullmatch(value):
            raise self.make_error("invalid", input=value)
        number = super()._deserialize(value, attr, data, **kwargs)
        _sign, digits, exponent = number.as_tuple()
        assert isinstance(exponent, int)  # the pattern admits finite numbers only
        places = max(-exponent, 0)
        whole = len(digits) + max(exponent, 0) - places
        if places > DECIMAL_PLACES or whole > DECIMAL_DIGITS - DECIMAL_PLACES:
            raise ValidationError(
                f"Must have at most {DECIMAL_DIGITS} digits, {DECIMAL_PLACES} after the point."
            )
        if self.minimum is not None and number < self.minimum:
            raise ValidationError(f"Must be greater than or equal to {self.minimum}.")
        if self.maximum is not None and number > self.maximum:
            raise ValidationError(f"Must be less than or equal to {self.maximum}.")
        return number


class IsoDate(fields.Date):
    """An ISO 8601 date as text."""


class UtcDateTime(fields.DateTime):
    """An ISO 8601 datetime as text; naive ones are UTC, others are converted to UTC."""

    def _deserialize(self, value: Any, attr: str | None, data: Data, **kwargs: Any) -> datetime:
        if not isinstance(value, str):
            raise self.make_error("invalid", input=value, obj_type="datetime")
        moment = super()._deserialize(value, attr, data, **kwargs)
        if moment.tzinfo is None:
            return moment.replace(tzinfo=UTC)
        try:
            return moment.astimezone(UTC)
        except OverflowError:
            raise ValidationError("Is out of range once converted to UTC.") from None


def _storable_json(value: object) -> None:  # raises ValidationError
    """Text as in `Text`, finite numbers, integers JSON parsers agree on: what JSON can hold."""
    if isinstance(value, str):
        _storable(value)
    elif isinstance(value, bool) or value is None:
        return
    elif isinstance(value, int):
        if not JSON_INT_MIN <= value <= JSON_INT_MAX:
            raise ValidationError("Must not contain integers beyond 64 bits.")
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise ValidationError("Must not contain NaN or Infinity.")
    elif isinstance(value, dict):
        for key, item in value.items():
            _storable(key)
            _storable_json(item)
    elif isinstance(value, list):
        for item in value:
            _storable_json(item)


class StorableJson(fields.Dict):
    """A JSON object, stored as it is."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(keys=fields.String(), validate=_storable_json, **kwargs)


# --- responses (documented; rows are written as the database returns them) ----------------------
class DecimalText(fields.Decimal):
    """A decimal, written as text ("12.50")."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(as_string=True, metadata={"type": "string", "format": "decimal"}, **kwargs)


class JsonObjectField(fields.Dict):
    """A JSON object."""


# --- query parameters (text): the same rules, parsed as strictly as the schema states them ------
class QueryInt(fields.Integer):
    def _deserialize(self, value: Any, attr: str | None, data: Data, **kwargs: Any) -> int:
        if not isinstance(value, str) or not _INTEGER_TEXT.fullmatch(value):
            raise self.make_error("invalid", input=value)
        return super()._deserialize(value, attr, data, **kwargs)


class QueryRowId(QueryInt):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(validate=Range(min=1, max=INT32_MAX), **kwargs)


class QueryFloat(fields.Float):
    def _deserialize(self, value: Any, attr: str | None, data: Data, **kwargs: Any) -> float:
        if not isinstance(value, str) or not _NUMBER_TEXT.fullmatch(value):
            raise self.make_error("invalid", input=value)
        return super()._deserialize(value, attr, data, **kwargs)


class QueryBool(fields.Boolean):
    def _deserialize(self, value: Any, attr: str | None, data: Data, **kwargs: Any) -> bool:
        if value == "true":
            return True
        if value == "false":
            return False
        raise self.make_error("invalid", input=value)


class NullOr(fields.Field[Any]):
    """A filter of an optional field: `null` asks for the rows where it is empty (loaded as None),
    anything else is the inner field's value."""

    def __init__(self, inner: fields.Field[Any], **kwargs: Any) -> None:
        documented = {"anyOf": [{"type": "string", "enum": ["null"]}, _documented(inner)]}
        super().__init__(metadata=documented, **kwargs)
        self.inner = inner

    def _deserialize(self, value: Any, attr: str | None, data: Data, **kwargs: Any) -> Any:
        if value == "null":
            return None
        return self.inner.deserialize(value, attr, data, **kwargs)


_JSON_TYPES: dict[type[fields.Field[Any]], tuple[str, str | None]] = {
    fields.Integer: ("integer", None),
    fields.Float: ("number", None),
    fields.Boolean: ("boolean", None),
    fields.Date: ("string", "date"),
    fields.DateTime: ("string", "date-time"),
    fields.UUID: ("string", "uuid"),
}


def _documented(field: fields.Field[Any]) -> dict[str, Any]:
    """A filter field's JSON schema: its type and format, choices and bounds (apispec documents
    one type per field, so a NullOr spells out its inner field's)."""
    kind, fmt = next(
        (_JSON_TYPES[cls] for cls in type(field).__mro__ if cls in _JSON_TYPES), ("string", None)
    )
    found: dict[str, Any] = {"type": kind} | ({"format": fmt} if fmt else {})
    for validator in field.validators:
        if isinstance(validator, OneOf):
            found["enum"] = list(validator.choices)
        elif isinstance(validator, Range):
            found |= {"minimum": validator.min} if validator.min is not None else {}
            found |= {"maximum": validator.max} if validator.max is not None else {}
    return found | dict(field.metadata)
