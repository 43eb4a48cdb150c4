"""Core statements compiled once and run on the bare database driver.

The ORM models stay the single source of truth for tables and column types (Alembic reads them);
SQLAlchemy compiles each statement once per dialect and lends the column types' conversions, and the
driver runs the SQL. Measured on a small request, that skips most of the time an ORM session or a
Core execution spends per statement.
"""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache, partial
from typing import Any

from sqlalchemy import (
    Column,
    Index,
    Table,
    UniqueConstraint,
    bindparam,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.sql import ColumnElement
from sqlalchemy.sql.expression import Delete, Insert, Select, Update
from sqlalchemy.types import TypeEngine

Row = dict[str, Any]
Processor = Callable[[Any], Any]
ColumnConverter = Callable[[Sequence[Any]], list[Any]]  # every value of a result column at once
CoreStatement = Select[Any] | Insert | Update | Delete


@dataclass(frozen=True, slots=True)
class CompiledStatement:
    """The SQL for one dialect, the order and conversion of its parameters, and its row shape."""

    sql: str
    parameters: tuple[tuple[str, Processor | None], ...]
    fixed_values: Mapping[str, object]
    columns: tuple[str, ...]
    converters: tuple[tuple[int, ColumnConverter], ...]
    processors: tuple[tuple[int, Processor], ...]  # the same conversions, value by value

    def arguments(self, values: Mapping[str, object]) -> list[object]:
        merged = {**self.fixed_values, **values} if self.fixed_values else values
        return [
            merged[name] if convert is None else convert(merged[name])
            for name, convert in self.parameters
        ]

    def rows(self, rows: Sequence[Sequence[object]]) -> list[Row]:
        """Driver rows as dicts, converted column by column (C-level loops, no frame per row).

        Every driver row has the statement's columns: `strict=False` skips a check that costs
        a fifth of the time of a page."""
        if not rows:
            return []
        columns: list[Sequence[object]] = list(zip(*rows, strict=False))
        for index, convert in self.converters:
            columns[index] = convert(columns[index])
        names = self.columns
        return [dict(zip(names, values, strict=False)) for values in zip(*columns, strict=False)]

    def row(self, row: Sequence[object]) -> Row:
        """One driver row as a dict (a lookup by id): value by value, it takes half the time of
        transposing a single row into columns and back."""
        values = list(row)
        for index, process in self.processors:
            values[index] = process(values[index])
        return dict(zip(self.columns, values, strict=False))


class Statement:
    """A Core statement with named bind parameters, compiled for each dialect it runs on."""

    def __init__(self, statement: CoreStatement) -> None:
        self.statement = statement
        self._compiled: dict[str, CompiledStatement] = {}

    def compiled(self, dialect: Dialect) -> CompiledStatement:
        compiled = self._compiled.get(dialect.name)
        if compiled is None:
            compiled = self._compiled[dialect.name] = _compile(self.statement, dialect)
        return compiled


def _compile(statement: CoreStatement, dialect: Dialect) -> CompiledStatement:
    compiled = statement.compile(dialect=dialect)
    binds = compiled.binds
    parameters = tuple(
        (name, binds[name].type.dialect_impl(dialect).bind_processor(dialect))
        for name in compiled.positiontup or ()
    )
    fixed_values = {name: bind.value for name, bind in binds.items() if not bind.required}
    columns = [column for column in statement.exported_columns if isinstance(column, ColumnElement)]
    converters = tuple(
        (index, convert)
        for index, column in enumerate(columns)
        if (convert := _column_converter(column.type, dialect)) is not None
    )
    processors = tuple(
        (index, process)
        for index, column in enumerate(columns)
        if (process := _result_processor(column.type, dialect)) is not None
    )
    return CompiledStatement(
        sql=str(compiled),
        parameters=parameters,
        fixed_values=fixed_values,
        columns=tuple(str(column.key) for column in columns),
        converters=converters,
        processors=processors,
    )


def _column_converter(column_type: TypeEngine[Any], dialect: Dialect) -> ColumnConverter | None:
    """A column type's own converter of whole columns (`UTCDateTime`'s), else its value by value
    result processor, mapped over the column."""
    impl = column_type.dialect_impl(dialect)
    convert_column = getattr(impl, "column_converter", None)
    converter: ColumnConverter | None = None if convert_column is None else convert_column(dialect)
    if converter is not None:
        return converter
    processor = _result_processor(column_type, dialect)
    return None if processor is None else partial(_convert_each, processor)


def _convert_each(convert: Processor, values: Sequence[Any]) -> list[Any]:
    return list(map(convert, values))  # processors pass None through


def _result_processor(column_type: TypeEngine[Any], dialect: Dialect) -> Processor | None:
    try:
        return column_type.dialect_impl(dialect).result_processor(dialect, None)
    except (SQLAlchemyError, TypeError):
        # asyncpg's numeric types ask for the wire type; asyncpg returns them as declared anyway.
        return None


# Statement shapes every repository needs, built once per table and set of columns.


PAGE_TOTAL = "_page_total"  # the extra column that carries the filtered total on every row


@dataclass(frozen=True, slots=True)
class PageStatements:
    """A page is asked for one row more than its limit: that row says whether there are more.

    The total is counted only when asked for: a count reads every matching row, so a page that
    carried it by default would cost as much as the table is long (on PostgreSQL, 10,000 rows made
    a page of 50 twice as slow)."""

    rows: Statement  # one page (and the row after it)
    counted: Statement  # the same, each row also carrying the filtered total: one round trip
    count: Statement  # the total alone, for a counted page past the end
    slow: bool = False  # sorts or filters on a column without an index: may scan the table


@dataclass(frozen=True, slots=True)
class PageRows:
    rows: list[Row]
    has_more: bool
    total: int | None  # None unless counted


def page_values(limit: int, offset: int, filters: Mapping[str, object]) -> dict[str, object]:
    """A page's bind values: one row more than its limit, to say whether more follow."""
    return {"limit": limit + 1, "offset": offset, **filters}


def page_of(rows: list[Row], limit: int, *, counted: bool) -> PageRows:
    """The page read with `page_values`: its rows, whether one came after them, and the total a
    counted page carries on every row, removed from the rows (None when not counted, or when the
    page is empty: the caller counts alone)."""
    has_more = len(rows) > limit
    del rows[limit:]
    total: int | None = rows[0][PAGE_TOTAL] if counted and rows else None
    if counted:
        for row in rows:  # the rows leave as the table has them
            del row[PAGE_TOTAL]
    return PageRows(rows, has_more, total)


@lru_cache(maxsize=1024)
def page_statements(
    table: Table, filters: tuple[str, ...], sort: str, *, empty: tuple[str, ...] = ()
) -> PageStatements:
    """A page with equality filters (and `IS NULL` for the `empty` columns), sorted by `field` or
    `-field` and then by id."""
    conditions = [table.c[name] == bindparam(name) for name in filters]
    conditions += [table.c[name].is_(None) for name in empty]
    column = table.c[sort.removeprefix("-")]
    order = [column.desc() if sort.startswith("-") else column.asc()]
    if column.key != "id":
        order.append(table.c.id.asc())  # a stable order across pages
    count = select(func.count()).select_from(table).where(*conditions)

    def page(statement: Select[Any]) -> Statement:
        window = statement.where(*conditions).order_by(*order)
        return Statement(window.limit(bindparam("limit")).offset(bindparam("offset")))

    unindexed = not all(_indexed(table, table.c[name]) for name in (*filters, *empty, column.key))
    return PageStatements(
        rows=page(select(table)),
        counted=page(select(table, count.scalar_subquery().label(PAGE_TOTAL))),
        count=Statement(count),
        slow=unindexed,
    )


def _indexed(table: Table, column: Column[Any]) -> bool:
    """Whether an index (or the primary key, or a unique constraint) starts with the column."""
    if column.primary_key or column.index or column.unique:
        return True
    indexes = (*table.indexes, *table.constraints)
    return any(
        isinstance(index, Index | UniqueConstraint) and next(iter(index.columns), None) is column
        for index in indexes
    )


@lru_cache(maxsize=1024)
def insert_statement(table: Table, names: tuple[str, ...]) -> Statement:
    """INSERT of the given columns plus those with a Python-side default, RETURNING the row."""
    values = _assignments(table, names, "default")
    return Statement(insert(table).values(values).returning(*table.c))


@lru_cache(maxsize=1024)
def update_statement(table: Table, names: tuple[str, ...]) -> Statement:
    """UPDATE by id of the given columns and those with an on-update default, RETURNING the row."""
    values = _assignments(table, names, "onupdate")
    statement = update(table).where(table.c.id == bindparam("id")).values(values)
    return Statement(statement.returning(*table.c))


def _assignments(table: Table, names: tuple[str, ...], kind: str) -> dict[str, Any]:
    """A bind parameter per given column and per column a `kind` default fills in."""
    filled = (name for name in _defaults(table, kind) if name not in names)
    return {name: bindparam(name) for name in (*names, *filled)}


def with_defaults(table: Table, values: Mapping[str, object], *, on_update: bool = False) -> Row:
    """The values plus the Python-side defaults (or on-update defaults) they do not set."""
    defaults = _defaults(table, "onupdate" if on_update else "default")
    return {**{name: make() for name, make in defaults.items() if name not in values}, **values}


@lru_cache(maxsize=256)
def _defaults(table: Table, kind: str) -> dict[str, Callable[[], object]]:
    found: dict[str, Callable[[], object]] = {}
    for column in table.c:
        default = getattr(column, kind)
        if default is None or not (default.is_scalar or default.is_callable):
            continue
        found[column.key] = _maker(default.arg, callable_=default.is_callable)
    return found


def _maker(argument: Any, *, callable_: bool) -> Callable[[], object]:
    if callable_:
        return lambda: argument(None)  # SQLAlchemy wraps defaults to take an execution context
    return lambda: argument
