"""How one field is spelled in the Flask family's marshmallow schemas and row types.

The model, migration and test spellings are the FastAPI family's (the same SQLAlchemy models and
the same HTTP contract), so the Flask view extends that one with what marshmallow needs.
"""

from __future__ import annotations

from layerkit.render.fastapi_fields import FieldView, _number
from layerkit.spec.fields import FieldType

# Names marshmallow's Schema (through APIFlask's) holds itself: its methods, options and the
# instance attributes `__init__` sets. A field of that name is declared under another attribute
# (`fields_`) with `data_key` (its JSON name) and `attribute` (its loaded key) keeping the name.
SCHEMA_ATTRIBUTES = frozenset(
    {
        "Meta",
        "OPTIONS_CLASS",
        "TYPE_MAPPING",
        "context",
        "declared_fields",
        "dict_class",
        "dump",
        "dump_fields",
        "dump_only",
        "dumps",
        "error_messages",
        "exclude",
        "fields",
        "from_dict",
        "get_attribute",
        "handle_error",
        "load",
        "load_fields",
        "load_only",
        "loads",
        "many",
        "on_bind_field",
        "only",
        "opts",
        "ordered",
        "partial",
        "set_class",
        "unknown",
        "validate",
    }
)

# type -> (request body field, query filter field): app.core.types' classes, or marshmallow's.
_MARSHMALLOW: dict[FieldType, tuple[str, str]] = {
    FieldType.STR: ("Text", "Text"),
    FieldType.TEXT: ("Text", "Text"),
    FieldType.INT: ("StrictInt", "QueryInt"),
    FieldType.FLOAT: ("FiniteFloat", "QueryFloat"),
    FieldType.DECIMAL: ("ExactDecimal", "ExactDecimal"),
    FieldType.BOOL: ("StrictBool", "QueryBool"),
    FieldType.DATE: ("IsoDate", "IsoDate"),
    FieldType.DATETIME: ("UtcDateTime", "UtcDateTime"),
    FieldType.UUID: ("fields.UUID", "fields.UUID"),
    FieldType.JSON: ("StorableJson", ""),
    FieldType.EMAIL: ("EmailText", "Text"),
    FieldType.URL: ("HttpUrlText", "Text"),
    FieldType.ENUM: ("Text", "Text"),
    FieldType.REF: ("RowId", "QueryRowId"),
}

# type -> the response's documented field (rows are serialized as the database returns them).
_READ: dict[FieldType, str] = {
    FieldType.STR: "fields.String",
    FieldType.TEXT: "fields.String",
    FieldType.INT: "fields.Integer",
    FieldType.FLOAT: "fields.Float",
    FieldType.DECIMAL: "DecimalText",
    FieldType.BOOL: "fields.Boolean",
    FieldType.DATE: "fields.Date",
    FieldType.DATETIME: "fields.DateTime",
    FieldType.UUID: "fields.UUID",
    FieldType.JSON: "JsonObjectField",
    FieldType.EMAIL: "fields.String",
    FieldType.URL: "fields.String",
    FieldType.ENUM: "fields.String",
    FieldType.REF: "fields.Integer",
}


class FlaskFieldView(FieldView):
    @property
    def attribute(self) -> str:
        """The field's attribute in a schema's class body: its column, unless the Schema has that name."""
        return f"{self.column}_" if self.column in SCHEMA_ATTRIBUTES else self.column

    def _named(self, field: str) -> str:
        """`field` (a constructor call) keeping the column's name where the attribute differs."""
        if self.attribute == self.column:
            return field
        keys = f'data_key="{self.column}", attribute="{self.column}"'
        return f"{field[:-1]}{keys})" if field.endswith("()") else f"{field[:-1]}, {keys})"

    # --- schemas ---------------------------------------------------------------------------
    def _validators(self) -> list[str]:
        spec, kind = self.spec, self.spec.type
        out = []
        if kind in (FieldType.STR, FieldType.TEXT):
            low = _number(spec.min) if spec.min is not None and spec.min > 0 else None
            if low is not None or self.max_length is not None:
                bounds = [f"min={low}"] if low is not None else []
                bounds += [f"max={self.max_length}"] if self.max_length is not None else []
                out.append(f"Length({', '.join(bounds)})")
        elif kind is FieldType.INT:
            # Always bounded: an INTEGER column holds 32 bits.
            low = _number(spec.min) if spec.min is not None else "INT32_MIN"
            high = _number(spec.max) if spec.max is not None else "INT32_MAX"
            out.append(f"Range(min={low}, max={high})")
        elif kind is FieldType.FLOAT and (spec.min is not None or spec.max is not None):
            bounds = [
                f"{key}={_number(value)}"
                for key, value in (("min", spec.min), ("max", spec.max))
                if value is not None
            ]
            out.append(f"Range({', '.join(bounds)})")
        elif kind is FieldType.ENUM:
            out.append(f"OneOf({self.choices_name})")
        return out

    @property
    def choices_name(self) -> str:
        """The tuple of an enum's choices, in the resource's types module."""
        return f"{self.owner.singular.upper()}_{self.spec.name.upper()}_CHOICES"

    def _field(self, cls: str, arguments: list[str]) -> str:
        if self.spec.type is FieldType.DECIMAL:  # ExactDecimal checks its own bounds
            bounds = (("minimum", self.spec.min), ("maximum", self.spec.max))
            arguments += [f'{key}="{_number(value)}"' for key, value in bounds if value is not None]
        validators = self._validators()
        if len(validators) == 1:
            arguments.append(f"validate={validators[0]}")
        elif validators:
            arguments.append(f"validate=[{', '.join(validators)}]")
        return self._named(f"{cls}({', '.join(arguments)})")

    @property
    def create_field(self) -> str:
        cls = _MARSHMALLOW[self.spec.type][0]
        default = self._default_literal()
        arguments = ["required=True"] if default is None else [f"load_default={default}"]
        if self.optional:
            arguments.append("allow_none=True")
        return self._field(cls, arguments)

    @property
    def update_field(self) -> str:
        """Left out means unchanged; null only where the column allows it."""
        return self._field(_MARSHMALLOW[self.spec.type][0], ["allow_none=True"] if self.optional else [])

    @property
    def read_field(self) -> str:
        arguments = ["required=True"] + (["allow_none=True"] if self.optional else [])
        if self.spec.type is FieldType.ENUM:
            arguments.append(f"validate=OneOf({self.choices_name})")  # documented as an enum
        return self._named(f"{_READ[self.spec.type]}({', '.join(arguments)})")

    @property
    def query_field(self) -> str | None:
        """The list's equality filter; `?field=null` asks for the rows where an optional field is empty.

        A filter compares with any value the column holds, so it keeps only the column's limits."""
        kind = self.spec.type
        if kind is FieldType.JSON:
            return None
        if kind is FieldType.INT:
            inner = "QueryInt(validate=Range(min=INT32_MIN, max=INT32_MAX))"
        elif kind is FieldType.ENUM:
            inner = f"Text(validate=OneOf({self.choices_name}))"
        else:
            inner = f"{_MARSHMALLOW[kind][1]}()"
        return self._named(f"NullOr({inner})" if self.optional else inner)

    # --- row types ---------------------------------------------------------------------------
    @property
    def row_type(self) -> str:
        return self.read_type if self.spec.type is not FieldType.ENUM else self._nullable(self.enum_alias)
