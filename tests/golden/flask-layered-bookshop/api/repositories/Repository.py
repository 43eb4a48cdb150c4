"""The base of every repository: the CRUD operations of one table, written once.

A resource's repository (`BookRepository(Repository[BookRow])`) names its model and adds the
queries only it needs. Its statements are compiled once, when the class is defined, and run on
the bare driver; rows come back as plain dicts (the model module's row types), never live ORM
instances. Broken constraints become domain errors (409, 422).
"""

from collections.abc import Iterable, Mapping
from typing import ClassVar, Generic, TypeVar, cast

from sqlalchemy import Table, bindparam, delete, select

from helper.DBSession import Database, IntegrityError
from helper.Integrity import integrity_error
from helper.Pagination import PageArgs
from helper.Statements import (
    Statement,
    insert_statement,
    page_statements,
    update_statement,
    with_defaults,
)
from startup.Alchemy import Entity, table_of

RowT = TypeVar("RowT")  # the TypedDict of the table's rows


class Repository(Generic[RowT]):
    """Get, page, add (one or many), update and delete rows of `model`'s table."""

    model: ClassVar[type[Entity]]

    _table: ClassVar[Table]
    _resource: ClassVar[str]  # in error messages: the table's name, the resource's singular
    _by_id: ClassVar[Statement]
    _delete: ClassVar[Statement]

    def __init_subclass__(cls) -> None:
        super().__init_subclass__()
        table = cls._table = table_of(cls.model)
        cls._resource = table.name
        cls._by_id = Statement(select(table).where(table.c.id == bindparam("id")))
        cls._delete = Statement(
            delete(table).where(table.c.id == bindparam("id")).returning(table.c.id)
        )

    def __init__(self, database: Database) -> None:
        self._database = database

    def get(self, row_id: int) -> RowT | None:
        return cast("RowT | None", self._database.fetch_one(self._by_id, id=row_id))

    def page(self, query: PageArgs) -> tuple[list[RowT], bool, int | None]:
        """The page's rows, whether more follow, and the total when the query asks for it."""
        statements = page_statements(
            self._table, tuple(query.values), query.sort, empty=query.empty
        )
        page = self._database.fetch_page(
            statements,
            limit=query.limit,
            offset=query.offset,
            with_total=query.with_total,
            **query.values,
        )
        return cast(list[RowT], page.rows), page.has_more, page.total

    def add(self, data: Mapping[str, object]) -> RowT:
        statement = insert_statement(self._table, tuple(data))
        created = self._write(statement, with_defaults(self._table, data))
        assert created is not None  # INSERT ... RETURNING always yields the new row
        return created

    def add_all(self, items: Iterable[Mapping[str, object]]) -> list[RowT]:
        """Every row or none: one transaction."""
        with self._database.transaction():
            return [self.add(data) for data in items]

    def update(self, row_id: int, changes: Mapping[str, object]) -> RowT | None:
        if not changes:
            return self.get(row_id)
        statement = update_statement(self._table, tuple(changes))
        values = with_defaults(self._table, changes, on_update=True)
        return self._write(statement, {**values, "id": row_id})

    def delete(self, row_id: int) -> bool:
        try:
            deleted = self._database.write(self._delete, id=row_id)
        except IntegrityError as error:
            raise integrity_error(error, resource=self._resource, deleting=True) from error
        return deleted is not None

    def _write(self, statement: Statement, values: Mapping[str, object]) -> RowT | None:
        """One write; broken constraints become domain errors."""
        try:
            row = self._database.write(statement, **values)
        except IntegrityError as error:
            raise integrity_error(error, resource=self._resource) from error
        return cast("RowT | None", row)
