"""The migration of a resource whose fields change, and of a resource that goes away.

`field_changes` compares two field lists by field name; `check_field_changes` refuses what no
migration could do to a table that may hold rows without inventing or losing values;
`render_field_migration` writes the Alembic revision of the rest, `render_drop_migration` the one
that drops a resource's table.

Every change runs in `op.batch_alter_table`: PostgreSQL alters the table in place, SQLite (which
can only add columns in place) copies it into a new table with the new columns and constraints.
Checks that read the rows come first, so a migration that cannot succeed stops before it has
changed anything: a shorter string that would cut values, a unique column whose values repeat, a
reference whose ids the new target lacks.
"""

from __future__ import annotations

import dataclasses
import math
import re
import textwrap
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from layerkit.edit.migrations import NextMigration
from layerkit.errors import SpecError
from layerkit.render.engine import format_python, render_template
from layerkit.render.fastapi_fields import DECIMAL_PRECISION, DECIMAL_SCALE, FieldView
from layerkit.spec.fields import DEFAULTABLE, NUMERIC, Default, Field, FieldType, with_default
from layerkit.spec.model import Resource, raise_problems
from layerkit.spec.names import ResourceNames

if TYPE_CHECKING:
    from layerkit.presets import Preset

__all__ = [
    "FILLED_HINT",
    "FieldChange",
    "FieldChanges",
    "check_drop",
    "check_field_changes",
    "field_changes",
    "field_migration_slug",
    "fill_value",
    "render_drop_migration",
    "render_field_migration",
    "schema_changed",
]

# How the user says "every row has a value now" when an optional field without a possible fill
# value becomes required (see check_field_changes' `filled`); the messages name it.
FILLED_HINT = "--filled"

# Type changes that keep every value (old type -> new types). The rest are refused: their values
# may not convert (SQLite's CAST turns 'abc' into 0 without a word, a date into its year).
_TEXTUAL = frozenset({FieldType.STR, FieldType.TEXT, FieldType.EMAIL, FieldType.URL, FieldType.ENUM})
_WIDENING: dict[FieldType, frozenset[FieldType]] = {
    **dict.fromkeys(_TEXTUAL, _TEXTUAL),
    FieldType.INT: frozenset({FieldType.FLOAT, FieldType.DECIMAL, FieldType.STR, FieldType.TEXT}),
    FieldType.DECIMAL: frozenset({FieldType.FLOAT, FieldType.STR, FieldType.TEXT}),
    FieldType.FLOAT: frozenset({FieldType.STR, FieldType.TEXT}),
    FieldType.BOOL: frozenset({FieldType.INT}),
}
_WIDENING_TEXT = (
    "int to float, decimal, str or text; decimal to float, str or text; float to str or text;"
    " bool to int; between str, text, email, url and enum"
)

# The longest text of a number column's values (INTEGER, NUMERIC(12, 2)); a float's has no bound
# worth relying on ('-1.2345678901234567e-300').
_TEXT_LENGTHS: dict[FieldType, int] = {FieldType.INT: 11, FieldType.DECIMAL: DECIMAL_PRECISION + 2}

# The PostgreSQL spelling of a column type, for `USING column::TYPE` when the type changes.
_PG_TYPES: dict[FieldType, str] = {
    FieldType.TEXT: "TEXT",
    FieldType.INT: "INTEGER",
    FieldType.FLOAT: "FLOAT",
    FieldType.DECIMAL: f"NUMERIC({DECIMAL_PRECISION}, {DECIMAL_SCALE})",
    FieldType.BOOL: "BOOLEAN",
}

# Example defaults the messages suggest, by type (strings are fitted to the field's bounds).
_EXAMPLES: dict[FieldType, str] = {
    FieldType.DATE: "2024-01-01",
    FieldType.EMAIL: "unknown@example.com",
    FieldType.STR: "unknown",
    FieldType.TEXT: "unknown",
}

# What a downgrade puts in a required column it restores when the field has no fill value: the
# upgrade dropped the column, so its values are gone either way (Python expressions).
_PLACEHOLDERS: dict[FieldType, str] = {
    FieldType.DATE: "datetime.date(1970, 1, 1)",
    FieldType.DATETIME: "datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)",
    FieldType.UUID: "uuid.UUID(int=0)",
    FieldType.JSON: "{}",
    FieldType.EMAIL: '""',
    FieldType.URL: '""',
}


# --- what changed ------------------------------------------------------------------------------


@dataclass(frozen=True)
class FieldChange:
    """One field in both lists, spelled differently (its type, bounds, flags or default)."""

    old: Field
    new: Field

    @property
    def name(self) -> str:
        return self.new.name


@dataclass(frozen=True)
class FieldChanges:
    """Fields by name: new ones (in the new list's order), gone ones, changed ones."""

    added: tuple[Field, ...] = ()
    removed: tuple[Field, ...] = ()
    altered: tuple[FieldChange, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.altered)


def field_changes(old: Resource, new: Resource) -> FieldChanges:
    """What `new` changes in `old`'s fields, by field name (a ref keeps its name; its column is
    `<name>_id`). A renamed field is one removed and one added."""
    before = {f.name: f for f in old.fields}
    after = {f.name: f for f in new.fields}
    return FieldChanges(
        added=tuple(f for f in new.fields if f.name not in before),
        removed=tuple(f for f in old.fields if f.name not in after),
        altered=tuple(
            FieldChange(before[f.name], f) for f in new.fields if f.name in before and before[f.name] != f
        ),
    )


# --- what can be done to a table with rows -------------------------------------------------------


@dataclass(frozen=True)
class Fill:
    """The value every existing row gets in a column that becomes required, and why that one."""

    code: str  # a Python expression of the migration
    reason: str


def fill_value(field: Field) -> Default | None:
    """The one value every existing row can take when `field` becomes a required column: its own
    default, else false, 0 (its nearest bound when 0 is out of bounds), '' (strings without a min
    length) or the first choice. None: no such value (a date, a datetime, a uuid, json, an email,
    a url, a reference, or a unique column, which no one value can fill in several rows)."""
    if field.unique:
        return None
    if field.default is not None:
        return field.default
    kind = field.type
    if kind is FieldType.BOOL:
        return False
    if kind in NUMERIC:
        return _zero_within(field)
    if kind in (FieldType.STR, FieldType.TEXT):
        return "" if not field.min else None
    if kind is FieldType.ENUM:
        return field.choices[0]
    return None


def _zero_within(field: Field) -> int | Decimal | None:
    low, high = field.min, field.max
    value = Decimal(0)
    if low is not None and low > 0:
        value = Decimal(math.ceil(low)) if field.type is FieldType.INT else low
    elif high is not None and high < 0:
        value = Decimal(math.floor(high)) if field.type is FieldType.INT else high
    if (low is not None and value < low) or (high is not None and value > high):
        return None  # an int between two bounds that hold no whole number
    return int(value) if field.type is FieldType.INT else value


def check_field_changes(old: Resource, new: Resource, *, filled: bool = False) -> None:
    """Refuse the changes no migration can make to a table that may hold rows: a new required
    column without a value for its rows, an optional one made required without a value for its
    empty rows, a type change that may not keep every value. Raises FieldSyntaxError (one line per
    problem, naming the fix).

    `filled`: the user says every row of an optional field already has a value; making it
    required is then allowed without a fill value (the migration checks, and stops if one is
    empty)."""
    name = new.name
    problems: list[str] = []
    changes = field_changes(old, new)
    for added in changes.added:
        if not added.optional and fill_value(added) is None:
            problems.append(_no_value(added, name, new_field=True))
    for change in changes.altered:
        before, after = change.old, change.new
        if (before.type is FieldType.REF) != (after.type is FieldType.REF):
            problems.append(
                f"field {after.name!r} of {name!r} cannot change from {_kind(before)} to {_kind(after)}:"
                f" its column changes ({before.column} -> {after.column}) and its values do not"
                f" carry over; remove it, then add the new field under another name (`{_renamed(after)}`)"
            )
        elif before.type != after.type and after.type not in _WIDENING.get(before.type, frozenset()):
            problems.append(
                f"field {after.name!r} of {name!r} cannot change from {_kind(before)} to {_kind(after)}"
                f" in place: its values may not convert (only these changes keep every value:"
                f" {_WIDENING_TEXT}); add a new field (`{_renamed(after)}`), copy the values into it,"
                f" then remove {after.name!r}"
            )
        elif before.optional and not after.optional and fill_value(after) is None and not filled:
            problems.append(_no_value(after, name, new_field=False))
    raise_problems(problems, f"the field changes of {name!r}")


def _kind(field: Field) -> str:
    if field.type is FieldType.REF:
        return f"ref={field.target}"
    return field.type.value


def _renamed(field: Field) -> str:
    return _optional_text(replace(field, name=f"{field.name}_new"))


def _optional_text(field: Field) -> str:
    """`name:type?...`, the short spelling of the field made optional (`:optional` for enum/ref)."""
    text = replace(field, optional=False).to_text()
    name, kind, *rest = text.split(":")
    if field.type in (FieldType.ENUM, FieldType.REF):
        return ":".join([name, kind, "optional", *rest])
    return ":".join([name, f"{kind}?", *rest])


def _example_default(field: Field) -> str | None:
    example = _EXAMPLES.get(field.type)
    if example is None or field.type not in DEFAULTABLE:
        return None
    if field.type in (FieldType.STR, FieldType.TEXT):
        low = int(field.min or 0)
        high = int(field.max) if field.max is not None else None
        example = example.ljust(low, "x")
        example = example[:high] if high is not None else example
    return example


def _no_value(field: Field, resource: str, *, new_field: bool) -> str:
    """Why `field` cannot be required on rows that have no value for it, and what to do."""
    subject = f"field {field.name!r} of {resource!r}"
    if new_field:
        situation = f"{subject} is required and {resource!r} may already have rows"
    else:
        situation = f"{subject} becomes required and rows of {resource!r} may have no value for it"
    optional = f"`{_optional_text(field)}`"
    then_required = f"fill in every row, then make it required with {FILLED_HINT}"
    if field.unique:
        return (
            f"{situation}: a unique column cannot give every row the same value; keep it optional"
            f" ({optional}), {'add it so, ' if new_field else ''}fill in distinct values, then make"
            f" it required with {FILLED_HINT}"
        )
    example = _example_default(field)
    if field.type is FieldType.URL:  # its default holds ':', which only a spec's long form can spell
        long_form = f'`{field.name}: {{type: url, default: "https://example.com"}}` in a spec'
        if new_field:
            return f"{situation}: give it a default ({long_form}) or make it optional ({optional})"
        return (
            f"{situation}: give it a default ({long_form}), keep it optional ({optional}), or {then_required}"
        )
    if example is not None:
        defaulted = f"`{with_default(field, example).to_text()}`"
        if new_field:
            return f"{situation}: give it a default ({defaulted}) or make it optional ({optional})"
        return (
            f"{situation}: give it a default to fill them with ({defaulted}), keep it optional"
            f" ({optional}), or {then_required}"
        )
    kind = "a reference" if field.type is FieldType.REF else f"a {field.type.value} field"
    if new_field:
        return (
            f"{situation}, and {kind} cannot have a default: make it optional ({optional}); once"
            f" every row has a value, make it required with {FILLED_HINT}"
        )
    return f"{situation}, and {kind} cannot have a default: keep it optional ({optional}), or {then_required}"


def check_drop(resource: Resource, others: Iterable[Resource]) -> None:
    """Refuse to drop a table other tables reference (their rows would point at nothing)."""
    users = sorted(
        f"{other.name}.{ref.name}"
        for other in others
        if other.name != resource.name
        for ref in other.refs
        if ref.target == resource.name
    )
    if users:
        raise SpecError(
            f"cannot destroy {resource.name!r}: {', '.join(users)} reference(s) it; remove those"
            " fields first (`layerkit generate field RESOURCE --remove NAME`)"
        )


# --- the migration --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Column:
    """A field as its table holds it: the facts a migration compares."""

    field: Field
    view: FieldView
    target_table: str | None

    @property
    def name(self) -> str:
        return self.view.column

    @property
    def type(self) -> str:
        return self.view.migration_type

    @property
    def length(self) -> int | None:
        """The VARCHAR size (str, email, url, enum); None for the other types, TEXT included."""
        found = re.fullmatch(r"sa\.String\(length=(\d+)\)", self.type)
        return int(found[1]) if found else None

    @property
    def fk(self) -> tuple[str, str] | None:
        return (self.target_table, self.view.ondelete) if self.target_table else None


@dataclass
class _Steps:
    """One direction of a migration: checks on the rows, then the batch operations."""

    table: str
    checks: list[str] = dataclasses.field(default_factory=list)  # _stop_if_any(...) calls
    before: dict[str, str] = dataclasses.field(default_factory=dict)  # columns the checks read: name -> type
    alter: list[str] = dataclasses.field(default_factory=list)  # batch_op calls: drop, add, alter
    fills: list[tuple[str, str, Fill]] = dataclasses.field(default_factory=list)  # column, type, value
    constrain: list[str] = dataclasses.field(default_factory=list)  # batch_op calls: NOT NULL, constraints
    notes: list[str] = dataclasses.field(default_factory=list)  # comments at the top of the function

    def __bool__(self) -> bool:
        return bool(self.checks or self.alter or self.fills or self.constrain)

    def body(self) -> str:
        if not self:
            return "    pass  # no column changes\n"
        lines = [f"    # {line}" for note in self.notes for line in textwrap.wrap(note, 90)]
        if self.checks:
            columns = "".join(f'sa.column("{n}", {t}), ' for n, t in self.before.items())
            lines.append(f'    before = sa.table("{self.table}", {columns})')
            lines += [f"    {check}" for check in self.checks]
        batch = f'    with op.batch_alter_table("{self.table}") as batch_op:'
        if self.fills:
            if self.alter:
                lines += [batch, *(f"        {call}" for call in self.alter)]
            filled = {column: kind for column, kind, _ in self.fills}
            columns = "".join(f'sa.column("{n}", {t}), ' for n, t in filled.items())
            lines.append(f'    after = sa.table("{self.table}", {columns})')
            for column, _, fill in self.fills:
                lines.append(f"    # every row without {column} gets {fill.reason}")
                lines.append(
                    f'    op.execute(after.update().where(after.c["{column}"].is_(None))'
                    f'.values({{"{column}": {fill.code}}}))'
                )
            if self.constrain:
                lines += [batch, *(f"        {call}" for call in self.constrain)]
        elif self.alter or self.constrain:
            lines += [batch, *(f"        {call}" for call in self.alter + self.constrain)]
        return "\n".join(lines) + "\n"


def _columns(resource: Resource, known: Mapping[str, ResourceNames]) -> dict[str, _Column]:
    out = {}
    for f in resource.fields:
        target = known.get(f.target) if f.target else None
        table = (target.table if target else f.target) if f.type is FieldType.REF else None
        out[f.name] = _Column(f, FieldView(f, resource.names, target), table)
    return out


def _message(text: str) -> str:
    """A message as implicitly joined literals of at most ~70 characters (the lines stay short)."""
    parts = textwrap.wrap(text, 70, drop_whitespace=False)
    return "(" + " ".join(repr(part) for part in parts) + ")" if len(parts) > 1 else repr(text)


def _check(steps: _Steps, column: _Column, rows: str, problem: str) -> None:
    """Stop the migration when `rows` (an SQLAlchemy select of a count) finds any."""
    steps.before.setdefault(column.name, column.type)
    steps.checks.append(f"_stop_if_any({rows}, {_message(problem)})")


def _count(where: str) -> str:
    return f"sa.select(sa.func.count()).select_from(before).where({where})"


def _literal(field: Field, value: Default) -> str:
    kind = field.type
    if isinstance(value, bool):
        return repr(value)
    if kind is FieldType.INT:
        assert isinstance(value, int | Decimal), value
        return str(int(value))
    if kind is FieldType.FLOAT:
        return repr(float(str(value)))
    if kind is FieldType.DECIMAL:
        return f'Decimal("{value}")'
    if isinstance(value, date):
        return f"datetime.date({value.year}, {value.month}, {value.day})"
    return repr(str(value))


def _fill(field: Field, *, downgrade: bool) -> Fill | None:
    value = fill_value(field)
    if value is not None:
        if field.default is not None:
            reason = "the field's default"
        elif field.type is FieldType.ENUM:
            reason = "its first choice"
        elif field.type is FieldType.BOOL:
            reason = "false"
        elif field.type in NUMERIC:
            reason = "0" if value == 0 else "the bound nearest to 0"
        else:
            reason = "an empty string"
        return Fill(_literal(field, value), reason)
    if not downgrade or field.unique or field.type is FieldType.REF:
        return None
    placeholder = _PLACEHOLDERS.get(field.type)
    if field.type in (FieldType.STR, FieldType.TEXT):  # a min length: the shortest text it allows
        placeholder = repr("x" * int(field.min or 0))
    return Fill(placeholder, "a placeholder (the upgrade dropped the values)") if placeholder else None


def _conversion_checks(steps: _Steps, a: _Column, b: _Column) -> None:
    """Checks before `a`'s column takes `b`'s type: the values must fit, and convert back exactly
    where the change narrows (a downgrade of a widening change)."""
    table, old, new = steps.table, a.field, b.field
    ref = f'before.c["{a.name}"]'
    where = f"{table}.{a.name}"
    longest = a.length if old.type in _TEXTUAL else _TEXT_LENGTHS.get(old.type)
    if b.length is not None and (longest is None or longest > b.length):
        measured = ref if old.type in _TEXTUAL else f"sa.cast({ref}, sa.Text())"
        _check(
            steps,
            a,
            _count(f"sa.func.length({measured}) > {b.length}"),
            f"{where} becomes at most {b.length} characters long, but {{found}} row(s) hold"
            " longer values: shorten them, then migrate again",
        )
    if new.type is FieldType.ENUM and (old.type is not FieldType.ENUM or set(old.choices) - set(new.choices)):
        choices = ", ".join(repr(c) for c in new.choices)
        _check(
            steps,
            a,
            _count(f"{ref}.not_in([{choices}])"),
            f"{where} takes only {', '.join(new.choices)}, but {{found}} row(s) hold other"
            " values: change them, then migrate again",
        )
    if old.type == new.type or new.type in _WIDENING.get(old.type, frozenset()):
        return
    if new.type is FieldType.BOOL:
        converts = f"{ref}.not_in([0, 1])"
    else:
        converts = f"sa.cast(sa.cast({ref}, {b.type}), {a.type}) != {ref}"
    _check(
        steps,
        a,
        _count(converts),
        f"{where} becomes {new.type.value}, but {{found}} row(s) hold values that do not"
        f" convert to {new.type.value} exactly: change them, then migrate again",
    )


def _plan(table: str, source: dict[str, _Column], target: dict[str, _Column], *, downgrade: bool) -> _Steps:
    """The steps that turn a table of `source` columns into one of `target` columns."""
    steps = _Steps(table)

    def drop(column: _Column, *, index: bool, unique: bool, fk: bool) -> None:
        if index:
            steps.alter.append(f'batch_op.drop_index(batch_op.f("ix_{table}_{column.name}"))')
        if unique:
            steps.alter.append(
                f'batch_op.drop_constraint(batch_op.f("uq_{table}_{column.name}"), type_="unique")'
            )
        if fk and column.fk:
            name = f"fk_{table}_{column.name}_{column.fk[0]}"
            steps.alter.append(f'batch_op.drop_constraint(batch_op.f("{name}"), type_="foreignkey")')

    def create(column: _Column, *, index: bool, unique: bool, fk: bool) -> None:
        if unique:
            steps.constrain.append(
                f'batch_op.create_unique_constraint(batch_op.f("uq_{table}_{column.name}"), ["{column.name}"])'
            )
        if fk and column.fk:
            referenced, ondelete = column.fk
            steps.constrain.append(
                f'batch_op.create_foreign_key(batch_op.f("fk_{table}_{column.name}_{referenced}"),'
                f' "{referenced}", ["{column.name}"], ["id"], ondelete="{ondelete}")'
            )
        if index:
            steps.constrain.append(
                f'batch_op.create_index(batch_op.f("ix_{table}_{column.name}"), ["{column.name}"], unique=False)'
            )

    def require(column: _Column, existing: _Column | None = None) -> None:
        """NOT NULL on a column whose rows may be empty (`existing`: the column as it is before the
        migration, if it exists): fill them first, or check that none is empty."""
        fill = _fill(column.field, downgrade=downgrade)
        if fill is not None:
            steps.fills.append((column.name, column.type, fill))
        else:
            assert existing is not None, "a new required column always has a fill (see the callers)"
            _check(
                steps,
                existing,
                _count(f'before.c["{column.name}"].is_(None)'),
                f"{table}.{column.name} becomes required, but {{found}} row(s) have no value"
                " for it: fill them in, then migrate again",
            )
        steps.constrain.append(
            f'batch_op.alter_column("{column.name}", existing_type={column.type}, nullable=False)'
        )

    for name, gone in source.items():
        if name not in target:
            v = gone.view
            drop(gone, index=v.indexed, unique=v.unique, fk=True)
            steps.alter.append(f'batch_op.drop_column("{gone.name}")')
    for name, new in target.items():
        if name in source:
            continue
        v = new.view
        steps.alter.append(f'batch_op.add_column(sa.Column("{new.name}", {new.type}, nullable=True))')
        if not v.optional:
            if _fill(new.field, downgrade=downgrade) is None:  # only in a downgrade: checked before
                why = "a reference" if v.is_ref else "a unique column" if v.unique else "its bounds"
                steps.notes.append(
                    f"{new.name} comes back nullable: its values are gone, and no one value"
                    f" could fill every row ({why})"
                )
            else:
                require(new)
        create(new, index=v.indexed, unique=v.unique, fk=True)
    for name, b in target.items():
        a = source.get(name)
        if a is None or a.field == b.field:
            continue
        va, vb = a.view, b.view
        _conversion_checks(steps, a, b)
        if vb.unique and not va.unique:
            _check(
                steps,
                a,
                "sa.select(sa.func.count()).select_from("
                f'sa.select(before.c["{a.name}"]).where(before.c["{a.name}"].is_not(None))'
                f'.group_by(before.c["{a.name}"]).having(sa.func.count() > 1).subquery())',
                f"{table}.{a.name} becomes unique, but {{found}} value(s) appear in more than one"
                " row: make them unique, then migrate again",
            )
        if b.fk and a.fk and b.fk[0] != a.fk[0]:
            referenced = b.fk[0]
            ids = f'sa.select(sa.table("{referenced}", sa.column("id")).c["id"])'
            _check(
                steps,
                a,
                _count(f'before.c["{a.name}"].not_in({ids})'),
                f"{table}.{a.name} now references {referenced}, but {{found}} row(s) hold ids"
                f" that {referenced} does not have: change them, then migrate again",
            )
        fk_changed = a.fk != b.fk
        drop(a, index=va.indexed and not vb.indexed, unique=va.unique and not vb.unique, fk=fk_changed)
        if a.type != b.type:
            using = ""
            if b.field.type in _PG_TYPES or b.length is not None:
                pg_type = _PG_TYPES.get(b.field.type) or f"VARCHAR({b.length})"
                same_kind = a.field.type in _TEXTUAL and b.field.type in _TEXTUAL
                cast = _message(f'"{a.name}"::{pg_type}')
                using = "" if same_kind else f", postgresql_using={cast}"
            steps.alter.append(
                f'batch_op.alter_column("{a.name}", existing_type={a.type}, type_={b.type},'
                f" existing_nullable={va.optional}{using})"
            )
        if vb.optional and not va.optional:
            steps.alter.append(f'batch_op.alter_column("{b.name}", existing_type={b.type}, nullable=True)')
        elif va.optional and not vb.optional:
            require(b, a)
        create(b, index=vb.indexed and not va.indexed, unique=vb.unique and not va.unique, fk=fk_changed)
    return steps


def _summary(table: str, changes: FieldChanges) -> str:
    parts = [
        f"{verb} {', '.join(names)}"
        for verb, names in (
            ("add", [f.name for f in changes.added]),
            ("remove", [f.name for f in changes.removed]),
            ("alter", [c.name for c in changes.altered]),
        )
        if names
    ]
    line = f"{table}: {'; '.join(parts) or 'no field changes'}"
    if len(line) <= 90:
        return line
    # The first line is what `alembic history` shows: a title, then the changes in full.
    count = len(changes.added) + len(changes.removed) + len(changes.altered)
    return f"{table}: {count} field changes\n\n" + "\n".join(textwrap.wrap(f"{'; '.join(parts)}.", 90))


def field_migration_slug(old: Resource, new: Resource) -> str:
    """A file name slug for `Layout.migration_path`: add_pages_to_book, remove_isbn_from_book,
    alter_book_title, or change_book_fields for several changes."""
    changes, table = field_changes(old, new), new.names.table
    if len(changes.added) == 1 and not changes.removed and not changes.altered:
        return f"add_{changes.added[0].name}_to_{table}"
    if len(changes.removed) == 1 and not changes.added and not changes.altered:
        return f"remove_{changes.removed[0].name}_from_{table}"
    if len(changes.altered) == 1 and not changes.added and not changes.removed:
        return f"alter_{table}_{changes.altered[0].name}"
    return f"change_{table}_fields"


def schema_changed(old: Resource, new: Resource, known: Mapping[str, ResourceNames]) -> bool:
    """Whether the change needs a migration at all (a new default or min/max changes no column)."""
    table = new.names.table
    return bool(_plan(table, _columns(old, known), _columns(new, known), downgrade=False))


def render_field_migration(
    preset: Preset,
    old: Resource,
    new: Resource,
    known: Mapping[str, ResourceNames],
    migration: NextMigration,
    *,
    filled: bool = False,
) -> str:
    """The Alembic revision that turns `old`'s table into `new`'s (the same resource), formatted.

    `known`: every resource of the project by name (the tables refs point at), `migration`: its
    place in the chain (edit.migrations.next_migration). Raises FieldSyntaxError for what
    check_field_changes refuses (`filled` as there)."""
    if old.names != new.names:
        raise ValueError(f"{old.name!r} and {new.name!r} are different resources")
    check_field_changes(old, new, filled=filled)
    table = new.names.table
    before, after = _columns(old, known), _columns(new, known)
    upgrade = _plan(table, before, after, downgrade=False)
    downgrade = _plan(table, after, before, downgrade=True)
    context = {
        "summary": _summary(table, field_changes(old, new)),
        "migration": migration,
        "upgrade": upgrade.body(),
        "downgrade": downgrade.body(),
        "checks": bool(upgrade.checks or downgrade.checks),
    }
    return _formatted(preset, "resource/field_migration.py.j2", context)


def render_drop_migration(
    preset: Preset, resource: Resource, known: Mapping[str, ResourceNames], migration: NextMigration
) -> str:
    """The Alembic revision that drops `resource`'s table; its downgrade creates the table again
    as the resource's own migration creates it (empty: the rows are gone). See check_drop."""
    names = resource.names
    fields = [FieldView(f, names, known.get(f.target) if f.target else None) for f in resource.fields]
    missing = sorted({f.spec.target for f in fields if f.is_ref and f.target is None and f.spec.target})
    if missing:
        raise SpecError(
            f"{names.singular!r} references {', '.join(missing)}, which the project does not know"
        )
    context = {"r": names, "fields": fields, "migration": migration}
    return _formatted(preset, "resource/drop_migration.py.j2", context)


def _formatted(preset: Preset, template: str, context: dict[str, object]) -> str:
    text = render_template(preset, template, context)
    (formatted,) = format_python(
        {"migration.py": text}, first_party=preset.layout.first_party_packages()
    ).values()
    return formatted
