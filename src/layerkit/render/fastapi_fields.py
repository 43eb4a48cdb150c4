"""How one field is spelled in each generated FastAPI artifact (model, schemas, migration, tests)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from layerkit.spec.fields import Field, FieldType
from layerkit.spec.names import ResourceNames

DEFAULT_STR_LENGTH = 255
DECIMAL_PRECISION, DECIMAL_SCALE = 12, 2

# type -> (Python type, SQLAlchemy column type (models spell it `sa.X`, or the app's own
# UTCDateTime), Alembic migration type); str and enum sizes are computed.
# Python types are app.core.types' PascalCase names: no field name can shadow them.
_SQL: dict[FieldType, tuple[str, str, str]] = {
    FieldType.TEXT: ("Str", "Text()", "sa.Text()"),
    FieldType.INT: ("Int", "Integer()", "sa.Integer()"),
    FieldType.FLOAT: ("Float", "Float()", "sa.Float()"),
    FieldType.DECIMAL: (
        "Decimal",
        f"Numeric({DECIMAL_PRECISION}, {DECIMAL_SCALE})",
        f"sa.Numeric(precision={DECIMAL_PRECISION}, scale={DECIMAL_SCALE})",
    ),
    FieldType.BOOL: ("Bool", "Boolean()", "sa.Boolean()"),
    FieldType.DATE: ("Date", "Date()", "sa.Date()"),
    FieldType.DATETIME: ("DateTime", "UTCDateTime()", "sa.DateTime(timezone=True)"),
    FieldType.UUID: ("UUID", "Uuid()", "sa.Uuid()"),
    FieldType.JSON: ("JsonObject", "JSON()", "sa.JSON()"),
    FieldType.EMAIL: ("Str", "String(320)", "sa.String(length=320)"),
    FieldType.URL: ("Str", "String(2083)", "sa.String(length=2083)"),
    FieldType.REF: ("Int", "", "sa.Integer()"),
}

# What a request body accepts, and a query parameter (text) filters by: app.core.types.
_INPUT: dict[FieldType, tuple[str, str]] = {
    FieldType.STR: ("Text", "Text"),
    FieldType.TEXT: ("Text", "Text"),
    FieldType.INT: ("StrictInt", "QueryInt32"),
    FieldType.FLOAT: ("FiniteFloat", "QueryFloat"),
    FieldType.DECIMAL: ("ExactDecimal", "ExactDecimal"),
    FieldType.BOOL: ("StrictBool", "QueryBool"),
    FieldType.DATE: ("IsoDate", "IsoDate"),
    FieldType.DATETIME: ("UtcDateTime", "UtcDateTime"),
    FieldType.UUID: ("UUID", "UUID"),
    FieldType.EMAIL: ("EmailStr", "Text"),
    FieldType.URL: ("HttpUrlStr", "Text"),
    FieldType.REF: ("RowId", "QueryRowId"),
}

# Values no database can store or the schema forbids, found by fuzzing: each must be a 422, never a
# 500 or a committed row that poisons every later read (Python expressions; the test sends them as
# JSON with json.dumps, which writes NaN and lone surrogates as they are).
_HOSTILE: dict[FieldType, tuple[tuple[str, str], ...]] = {
    FieldType.STR: (("nul", '"a\\x00b"'), ("surrogate", '"\\ud800"')),
    FieldType.TEXT: (("nul", '"a\\x00b"'), ("surrogate", '"\\ud800"')),
    FieldType.INT: (("beyond-int32", "2**31"), ("beyond-int64", "2**70"), ("numeric-text", '"7"')),
    FieldType.REF: (("beyond-int32", "2**31"), ("zero", "0")),
    FieldType.FLOAT: (("nan", 'float("nan")'), ("infinite", 'float("inf")'), ("numeric-text", '"7"')),
    FieldType.DECIMAL: (("huge", '"1e999999"'), ("nan", '"NaN"')),
    FieldType.BOOL: (("number", "1"), ("text", '"true"')),
    FieldType.DATE: (("number", "0"),),
    FieldType.DATETIME: (("number", "0.5"), ("utc-overflow", '"0001-01-01T00:00+14:00"')),
    FieldType.JSON: (("nan", '{"x": float("nan")}'), ("surrogate", '{"x": "\\ud800"}')),
    FieldType.EMAIL: (("nul", '"a\\x00@example.com"'),),
}

# Query texts a filter must refuse (422): what its schema forbids, or no column could compare with.
_BAD_FILTERS: dict[FieldType, tuple[tuple[str, str], ...]] = {
    FieldType.STR: (("nul", '"a\\x00b"'),),
    FieldType.TEXT: (("nul", '"a\\x00b"'),),
    FieldType.EMAIL: (("nul", '"a\\x00b"'),),
    FieldType.URL: (("nul", '"a\\x00b"'),),
    FieldType.INT: (("beyond-int32", '"2147483648"'), ("fraction", '"5.5"'), ("word", '"x"')),
    FieldType.REF: (("beyond-int32", '"2147483648"'), ("word", '"x"')),
    FieldType.FLOAT: (("infinite", '"inf"'), ("nan", '"nan"')),
    FieldType.DECIMAL: (("huge", '"1e999999"'),),
    FieldType.BOOL: (("number", '"1"'), ("word", '"yes"')),
    FieldType.DATE: (("number", '"0"'),),
    FieldType.DATETIME: (("number", '"0.5"'), ("utc-overflow", '"0001-01-01T00:00+14:00"')),
    FieldType.UUID: (("word", '"x"'),),
    FieldType.ENUM: (("unknown", '"not-a-choice"'),),
}

# Values of the wrong type, per field type, for the generated validation tests.
_WRONG_TYPE: dict[FieldType, str] = {
    FieldType.STR: "123",
    FieldType.TEXT: "123",
    FieldType.INT: '"not-a-number"',
    FieldType.FLOAT: '"not-a-number"',
    FieldType.DECIMAL: '"not-a-number"',
    FieldType.BOOL: '"not-a-bool"',
    FieldType.DATE: '"not-a-date"',
    FieldType.DATETIME: '"not-a-datetime"',
    FieldType.UUID: '"not-a-uuid"',
    FieldType.JSON: "[1, 2]",
    FieldType.EMAIL: '"not-an-email"',
    FieldType.URL: '"not a url"',
    FieldType.ENUM: '"not-a-choice"',
    FieldType.REF: '"not-an-id"',
}


def _number(value: Decimal) -> str:
    """A Decimal bound as a Python literal: 200, 0.5."""
    return str(int(value)) if value == value.to_integral_value() else str(value)


@dataclass
class InvalidCase:
    id: str
    column: str
    value: str


@dataclass
class FieldView:
    spec: Field
    owner: ResourceNames
    target: ResourceNames | None = None
    imports: dict[str, set[str]] = field(default_factory=dict)

    # --- shared facts -------------------------------------------------------------------
    @property
    def column(self) -> str:
        return self.spec.column

    @property
    def optional(self) -> bool:
        return self.spec.optional

    @property
    def unique(self) -> bool:
        return self.spec.unique

    @property
    def is_ref(self) -> bool:
        return self.spec.type is FieldType.REF

    @property
    def self_ref(self) -> bool:
        return self.is_ref and self.target is not None and self.target.singular == self.owner.singular

    @property
    def indexed(self) -> bool:
        return (self.spec.index or self.is_ref) and not self.spec.unique

    @property
    def ondelete(self) -> str:
        return "SET NULL" if self.optional else "RESTRICT"

    @property
    def enum_alias(self) -> str:
        return self.owner.cls + "".join(part.capitalize() for part in self.spec.name.split("_"))

    @property
    def literal(self) -> str | None:
        if self.spec.type is not FieldType.ENUM:
            return None
        choices = ", ".join(f'"{choice}"' for choice in self.spec.choices)
        return f"{self.enum_alias} = Literal[{choices}]"

    def _nullable(self, annotation: str) -> str:
        return f"{annotation} | None" if self.optional else annotation

    @property
    def python_type(self) -> str:
        if self.spec.type is FieldType.STR:
            return "Str"
        if self.spec.type is FieldType.ENUM:
            return self.enum_alias
        return _SQL[self.spec.type][0]

    # --- model ----------------------------------------------------------------------------
    @property
    def column_length(self) -> int | None:
        """The VARCHAR size of str and enum columns (None: the type has no length)."""
        if self.spec.type is FieldType.STR:
            return self.str_length
        if self.spec.type is FieldType.ENUM:
            return max(len(choice) for choice in self.spec.choices)
        return None

    @property
    def sql_type(self) -> str:
        length = self.column_length
        return f"String({length})" if length is not None else _SQL[self.spec.type][1]

    @property
    def migration_type(self) -> str:
        length = self.column_length
        return f"sa.String(length={length})" if length is not None else _SQL[self.spec.type][2]

    @property
    def str_length(self) -> int:
        return int(self.spec.max) if self.spec.max is not None else DEFAULT_STR_LENGTH

    @property
    def max_length(self) -> int | None:
        """The length limit of a string field: str always has one (its column size)."""
        if self.spec.type is FieldType.STR:
            return self.str_length
        if self.spec.type is FieldType.TEXT and self.spec.max is not None:
            return int(self.spec.max)
        return None

    @property
    def model_annotation(self) -> str:
        base = "Int" if self.is_ref else ("Str" if self.spec.type is FieldType.ENUM else self.python_type)
        return f"Mapped[{self._nullable(base)}]"

    @property
    def model_column(self) -> str:
        if self.is_ref:
            assert self.target is not None
            args = [f'sa.ForeignKey("{self.target.table}.id", ondelete="{self.ondelete}")']
        else:
            sql_type = self.sql_type
            args = [sql_type if sql_type.startswith("UTCDateTime") else f"sa.{sql_type}"]
        if self.spec.unique:
            args.append("unique=True")
        if self.indexed:
            args.append("index=True")
        return f"mapped_column({', '.join(args)})"

    @property
    def relationship(self) -> str | None:
        if not self.is_ref:
            return None
        assert self.target is not None
        target = f"{self.target.cls} | None" if self.optional else self.target.cls
        annotation = f'Mapped["{target}"]'
        remote = f', remote_side="{self.owner.cls}.id"' if self.self_ref else ""
        return (
            f"{self.spec.name}: {annotation} = relationship("
            f'foreign_keys=[{self.column}], lazy="raise"{remote})'
        )

    # --- schemas ----------------------------------------------------------------------------
    @property
    def input_type(self) -> str:
        if self.spec.type is FieldType.ENUM:
            return self.enum_alias
        if self.spec.type is FieldType.JSON:
            return "StorableJson"
        return _INPUT[self.spec.type][0]

    def _constraints(self) -> list[str]:
        spec, kind = self.spec, self.spec.type
        out = []
        if kind in (FieldType.STR, FieldType.TEXT):
            if spec.min is not None and spec.min > 0:
                out.append(f"min_length={_number(spec.min)}")
            if self.max_length is not None:
                out.append(f"max_length={self.max_length}")
        elif kind is FieldType.INT:
            # Always bounded: an INTEGER column holds 32 bits (a later bound would override these).
            out.append(f"ge={_number(spec.min) if spec.min is not None else 'INT32_MIN'}")
            out.append(f"le={_number(spec.max) if spec.max is not None else 'INT32_MAX'}")
        elif kind in (FieldType.FLOAT, FieldType.DECIMAL):
            if spec.min is not None:
                out.append(f"ge={_number(spec.min)}")
            if spec.max is not None:
                out.append(f"le={_number(spec.max)}")
        return out

    def _default_literal(self) -> str | None:
        value = self.spec.default
        if value is None:
            return "None" if self.optional else None
        if isinstance(value, bool):
            return repr(value)
        if self.spec.type is FieldType.DECIMAL:
            return f'Decimal("{value}")'
        if self.spec.type is FieldType.FLOAT:
            return repr(float(str(value)))
        if self.spec.type is FieldType.DATE:
            return f'Date.fromisoformat("{value}")'
        return repr(value)

    def _declaration(self, annotation: str, default: str | None) -> str:
        constraints = self._constraints()
        if not constraints:
            return f"{self.column}: {annotation}" + (f" = {default}" if default is not None else "")
        if default is not None:
            constraints.insert(0, f"default={default}")
        return f"{self.column}: {annotation} = Field({', '.join(constraints)})"

    @property
    def create_decl(self) -> str:
        return self._declaration(self._nullable(self.input_type), self._default_literal())

    @property
    def update_decl(self) -> str:
        """Left out means unchanged; null only where the column allows it."""
        if self.optional:
            return self._declaration(f"{self.input_type} | None", "None")
        return self._declaration(f"NotNull[{self.input_type}]", "None")

    @property
    def read_type(self) -> str:
        return self._nullable("Int" if self.is_ref else self.python_type)

    @property
    def filter_decl(self) -> str | None:
        """The list's equality filter; `?field=null` asks for the rows where an optional field is empty."""
        kind = self.spec.type
        if kind is FieldType.JSON:
            return None
        annotation = self.enum_alias if kind is FieldType.ENUM else _INPUT[kind][1]
        if self.optional:
            annotation = f"NullFilter | {annotation}"
        return f"{self.column}: {annotation} | None = None"

    # --- tests ------------------------------------------------------------------------------
    @property
    def sample(self) -> str:
        spec, kind, name = self.spec, self.spec.type, self.spec.name
        bounds = ", ".join(
            f"{key}={_number(value)}"
            for key, value in (("minimum", spec.min), ("maximum", spec.max))
            if value is not None
        )
        number = f"number_value(n{', ' + bounds if bounds else ''})"
        if kind in (FieldType.STR, FieldType.TEXT):
            lengths = f", max_length={self.max_length}" if self.max_length is not None else ""
            if spec.min:
                lengths = f", min_length={_number(spec.min)}" + lengths
            return f'text_value(n, prefix="{name}"{lengths})'
        if kind is FieldType.ENUM:
            return f'"{spec.choices[0]}"'
        return {
            FieldType.INT: number,
            FieldType.FLOAT: f"float({number})",
            FieldType.DECIMAL: f'f"{{{number}}}.00"',
            FieldType.BOOL: "n % 2 == 0",
            FieldType.DATE: "date_value(n)",
            FieldType.DATETIME: "datetime_value(n)",
            FieldType.UUID: "str(uuid4())",
            FieldType.JSON: '{"n": n}',
            FieldType.EMAIL: 'f"user{n}@example.com"',
            FieldType.URL: 'f"https://example.com/{n}"',
        }[kind]

    @property
    def invalid_filters(self) -> list[InvalidCase]:
        if self.filter_decl is None:
            return []
        cases = _BAD_FILTERS.get(self.spec.type, ())
        return [InvalidCase(f"{self.column}-{what}", self.column, text) for what, text in cases]

    @property
    def invalid_cases(self) -> list[InvalidCase]:
        spec, kind = self.spec, self.spec.type
        cases = [InvalidCase(f"{self.column}-type", self.column, _WRONG_TYPE[kind])]
        if kind in (FieldType.STR, FieldType.TEXT):
            if self.max_length is not None:
                too_long = f'"x" * {self.max_length + 1}'
                cases.append(InvalidCase(f"{self.column}-too-long", self.column, too_long))
            if spec.min:
                cases.append(
                    InvalidCase(f"{self.column}-too-short", self.column, f'"x" * {int(spec.min) - 1}')
                )
        elif kind in (FieldType.INT, FieldType.FLOAT, FieldType.DECIMAL):
            as_json = (lambda v: f'"{v}"') if kind is FieldType.DECIMAL else str
            if spec.min is not None:
                cases.append(
                    InvalidCase(f"{self.column}-below-min", self.column, as_json(_number(spec.min - 1)))
                )
            if spec.max is not None:
                cases.append(
                    InvalidCase(f"{self.column}-above-max", self.column, as_json(_number(spec.max + 1)))
                )
            if kind is FieldType.DECIMAL:
                cases.append(InvalidCase(f"{self.column}-too-precise", self.column, '"1.001"'))
        if not self.optional and spec.default is None:
            cases.append(InvalidCase(f"{self.column}-null", self.column, "None"))
        cases += [
            InvalidCase(f"{self.column}-{what}", self.column, value) for what, value in _HOSTILE.get(kind, ())
        ]
        return cases
