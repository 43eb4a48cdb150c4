"""The field grammar: `NAME:TYPE[?][:MODIFIER]...` and its shell-safe spellings.

Examples: `title:str:max=200:index`, `pages:int?:min=1`, `genre:enum=fiction,science`,
`genre:enum(fiction|science)`, `author:ref`, `writer:ref=author`, `notes:text:optional`.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from layerkit.errors import FieldSyntaxError
from layerkit.spec.names import check_identifier, to_snake


class FieldType(StrEnum):
    STR = "str"
    TEXT = "text"
    INT = "int"
    FLOAT = "float"
    DECIMAL = "decimal"
    BOOL = "bool"
    DATE = "date"
    DATETIME = "datetime"
    UUID = "uuid"
    JSON = "json"
    EMAIL = "email"
    URL = "url"
    ENUM = "enum"
    REF = "ref"


NUMERIC = frozenset({FieldType.INT, FieldType.FLOAT, FieldType.DECIMAL})
STRINGS = frozenset({FieldType.STR, FieldType.TEXT, FieldType.EMAIL, FieldType.URL})
# min/max mean a length for strings and a value for numbers; other types have no bounds.
BOUNDED = NUMERIC | {FieldType.STR, FieldType.TEXT}
DEFAULTABLE = NUMERIC | STRINGS | {FieldType.BOOL, FieldType.ENUM, FieldType.DATE}
MODIFIERS = ("unique", "index", "optional", "default=", "min=", "max=")

# What users of Rails, Django, Prisma, SQL or JSON Schema type for our types; types are read
# case-insensitively (Prisma's `String`, `DateTime`). Only unambiguous spellings: `bigint` is not an
# alias of the 32-bit `int` on PostgreSQL, so it gets a suggestion instead.
TYPE_ALIASES = {
    "string": FieldType.STR,
    "integer": FieldType.INT,
    "boolean": FieldType.BOOL,
    "timestamp": FieldType.DATETIME,
    "double": FieldType.FLOAT,
    "number": FieldType.FLOAT,
    "numeric": FieldType.DECIMAL,
}

# Names the generated code already uses: the primary key, timestamps, the list query's parameters
# and method, attributes of pydantic / SQLAlchemy base classes, and the names a model's class body
# calls (`sa.String(...)`). Any other name works: the generated class bodies spell every type in PascalCase.
RESERVED_FIELD_NAMES = frozenset(
    {"id", "created_at", "updated_at", "limit", "offset", "with_total", "sort", "filters", "metadata"}
    | {"registry"}
    | {"mapped_column", "relationship", "sa"}
    | {"model_config", "model_fields", "dict", "json", "copy", "schema", "schema_json", "validate"}
    | {"construct", "parse_obj", "parse_raw", "parse_file", "from_orm", "update_forward_refs"}
)

Default = str | int | Decimal | bool | date


@dataclass(frozen=True)
class Field:
    name: str
    type: FieldType
    optional: bool = False
    unique: bool = False
    index: bool = False
    default: Default | None = None
    min: Decimal | None = None
    max: Decimal | None = None
    choices: tuple[str, ...] = ()
    target: str | None = None  # the referenced resource of a ref field

    @property
    def column(self) -> str:
        """Database column / schema attribute: refs store `<name>_id`."""
        return f"{self.name}_id" if self.type is FieldType.REF else self.name

    def to_text(self) -> str:
        """Canonical spelling in the grammar (what the manifest records)."""
        if self.type is FieldType.ENUM:
            kind = "enum=" + ",".join(self.choices)
        elif self.type is FieldType.REF:
            kind = "ref" if self.target == self.name else f"ref={self.target}"
        else:
            kind = self.type.value
        parts = [self.name, kind]
        parts += [flag for flag in ("optional", "unique", "index") if getattr(self, flag)]
        if self.default is not None:
            parts.append(f"default={_default_text(self.default)}")
        parts += [
            f"{bound}={getattr(self, bound)}" for bound in ("min", "max") if getattr(self, bound) is not None
        ]
        return ":".join(parts)


def _default_text(value: Default) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


_ENUM_PAREN = re.compile(r"^enum\((?P<choices>[^()]*)\)$")
_REF_PAREN = re.compile(r"^ref\((?P<target>[^()]*)\)$")
_CHOICE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


def parse_field(text: str) -> Field:
    """Parse one field definition; raise FieldSyntaxError naming the problem and the fix."""
    name, _, rest = text.strip().partition(":")
    if not rest:
        raise FieldSyntaxError(f"invalid field {text!r}: expected NAME:TYPE, e.g. 'title:str:max=200'")
    check_field_name(name)
    type_token, *modifiers = _split(rest)
    field = _parse_type(name, type_token, text)
    for modifier in modifiers:
        field = _apply_modifier(field, modifier, text)
    return validate_field(field, text)


def with_default(field: Field, value: str) -> Field:
    """Add a default given apart from the grammar (a spec's long form, where it may hold ':')."""
    text = f"{field.to_text()}:default={value}"
    return validate_field(replace(field, default=_parse_default(field, value, text)), text)


def check_field_name(name: str) -> None:
    check_identifier(name, what="field")
    if name in RESERVED_FIELD_NAMES or name.startswith("model_"):
        raise FieldSyntaxError(
            f"invalid field name {name!r}: it is reserved by the generated code; choose another"
            f" (e.g. '{name}_value')"
        )


def _split(rest: str) -> list[str]:
    """Split on ':' outside parentheses, so 'enum(a|b)' stays one token."""
    tokens, depth, current = [], 0, ""
    for char in rest:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == ":" and depth == 0:
            tokens.append(current)
            current = ""
        else:
            current += char
    return [*tokens, current]


def _parse_type(name: str, token: str, text: str) -> Field:
    optional = token.endswith("?")
    token = token.removesuffix("?").strip()
    kind, _, argument = token.partition("=")
    kind = kind.lower()
    if match := _ENUM_PAREN.match(token):
        kind, argument = "enum", match["choices"].replace("|", ",")
    elif match := _REF_PAREN.match(token):
        kind, argument = "ref", match["target"]
    if kind == "enum":
        choices = tuple(choice.strip() for choice in argument.split(",") if choice.strip())
        return Field(name, FieldType.ENUM, optional=optional, choices=choices)
    if kind == "ref":
        target = to_snake(argument) if argument else name
        return Field(name, FieldType.REF, optional=optional, target=target)
    if not argument and (canonical := _TYPES.get(kind)):
        return Field(name, canonical, optional=optional)
    known = ", ".join(t.value for t in FieldType if t not in (FieldType.ENUM, FieldType.REF))
    raise FieldSyntaxError(
        f"invalid field {text!r}: unknown type {token!r};{_did_you_mean(kind, _TYPES)}"
        f" use one of {known}, enum=a,b,c or ref=resource"
    )


_TYPES: dict[str, FieldType] = {t.value: t for t in FieldType} | TYPE_ALIASES


def _did_you_mean(word: str, spellings: dict[str, FieldType] | dict[str, str]) -> str:
    """' did you mean 'str'?' for a near miss of a known spelling (aliases map to what they mean)."""
    close = difflib.get_close_matches(word, list(spellings), n=1, cutoff=0.6)
    return f" did you mean {str(spellings[close[0]])!r}?" if close else ""


def _apply_modifier(field: Field, modifier: str, text: str) -> Field:
    key, sep, value = modifier.strip().partition("=")
    if not sep and key == "unique":
        return replace(field, unique=True)
    if not sep and key == "index":
        return replace(field, index=True)
    if not sep and key == "optional":
        return replace(field, optional=True)
    if sep and key == "default":
        return replace(field, default=_parse_default(field, value, text))
    if sep and key == "min":
        return replace(field, min=_parse_number(value, "min=", text))
    if sep and key == "max":
        return replace(field, max=_parse_number(value, "max=", text))
    spellings = {m.rstrip("="): m for m in MODIFIERS}
    raise FieldSyntaxError(
        f"invalid field {text!r}: unknown modifier {modifier!r};{_did_you_mean(key, spellings)}"
        f" use {', '.join(MODIFIERS)}"
    )


def _parse_number(value: str, what: str, text: str) -> Decimal:
    try:
        number = Decimal(value)
    except InvalidOperation:
        number = Decimal("NaN")
    if not number.is_finite():
        raise FieldSyntaxError(f"invalid field {text!r}: {what}{value!r} is not a number")
    return number


def _parse_default(field: Field, value: str, text: str) -> Default:
    kind = field.type
    if kind is FieldType.BOOL:
        if value.lower() not in ("true", "false"):
            raise FieldSyntaxError(
                f"invalid field {text!r}: a bool default is 'true' or 'false', not {value!r}"
            )
        return value.lower() == "true"
    if kind in NUMERIC:
        number = _parse_number(value, "default=", text)
        if kind is FieldType.INT:
            if number != number.to_integral_value():
                raise FieldSyntaxError(f"invalid field {text!r}: an int default must be a whole number")
            return int(number)
        return number
    if kind is FieldType.DATE:
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise FieldSyntaxError(
                f"invalid field {text!r}: a date default is YYYY-MM-DD, not {value!r}"
            ) from None
    if kind in STRINGS or kind is FieldType.ENUM:
        return value
    raise FieldSyntaxError(
        f"invalid field {text!r}: a {kind.value} field cannot have a default; remove 'default='"
    )


def validate_field(field: Field, text: str) -> Field:
    """Check combinations the parser alone cannot: bounds, choices, defaults."""
    kind = field.type
    problem = None
    if kind is FieldType.ENUM:
        if not field.choices:
            problem = "an enum needs choices, e.g. 'genre:enum=fiction,science'"
        elif bad := [c for c in field.choices if not _CHOICE.match(c)]:
            problem = f"enum choice {bad[0]!r} must be letters, digits, '_', '-' or '.'"
        elif len(set(field.choices)) != len(field.choices):
            problem = "enum choices must be different from each other"
    if kind is FieldType.REF and field.target:
        check_identifier(field.target, what="referenced resource")
    if (field.min is not None or field.max is not None) and kind not in BOUNDED:
        problem = f"min=/max= apply to str, text, int, float and decimal fields, not {kind.value}"
    elif kind in (FieldType.STR, FieldType.TEXT):
        for bound in (field.min, field.max):
            if bound is not None and (bound < 0 or bound != bound.to_integral_value()):
                problem = "min=/max= of a string are lengths: whole numbers of 0 or more"
    if field.min is not None and field.max is not None and field.min > field.max:
        problem = f"min={field.min} is greater than max={field.max}"
    if (field.unique or field.index) and kind is FieldType.JSON:
        problem = "a json field cannot be unique or indexed"
    if field.default is not None and problem is None:
        problem = _default_problem(field)
    if problem:
        raise FieldSyntaxError(f"invalid field {text!r}: {problem}")
    if field.unique and field.index:
        return replace(field, index=False)  # a unique constraint is already indexed
    return field


def _default_problem(field: Field) -> str | None:
    value = field.default
    if field.type is FieldType.ENUM and value not in field.choices:
        return f"default {value!r} is not one of the choices {', '.join(field.choices)}"
    if isinstance(value, str):
        measured, unit = Decimal(len(value)), "length"
    elif isinstance(value, (int, Decimal)) and not isinstance(value, bool):
        measured, unit = Decimal(value), "value"
    else:
        return None
    if field.min is not None and measured < field.min:
        return f"default {value!r} has {unit} {measured}, below min={field.min}"
    if field.max is not None and measured > field.max:
        return f"default {value!r} has {unit} {measured}, above max={field.max}"
    return None
