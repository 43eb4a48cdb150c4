"""The base of every DAO: the CRUD operations of one table, written once.

A resource's DAO (`BookDAO(BaseDAO[BookRead, BookCreate, BookQuery])`) names its model and its Read
schema and adds the queries only it needs. Its statements are compiled once, when the DAO class is
defined, and run on the bare driver; queries return schema objects, never live ORM instances.
"""

from types import GenericAlias
from typing import ClassVar, Generic, Protocol, TypeVar, cast

from pydantic import BaseModel, TypeAdapter
from sqlalchemy import Table, bindparam, delete, select

from app.database.base import Entity, table_of
from app.database.integrity import integrity_error
from app.database.postgres import Database, IntegrityError
from app.database.statements import (
    Statement,
    insert_statement,
    page_statements,
    update_statement,
    with_defaults,
)


class ListQuery(Protocol):
    """What a list needs from a resource's query schema (`BookQuery`)."""

    @property
    def limit(self) -> int: ...

    @property
    def offset(self) -> int: ...

    @property
    def sort(self) -> str: ...

    @property
    def with_total(self) -> bool: ...

    def filters(self) -> tuple[dict[str, object], tuple[str, ...]]: ...


ReadT = TypeVar("ReadT", bound=BaseModel)
CreateT = TypeVar("CreateT", bound=BaseModel)
QueryT = TypeVar("QueryT", bound=ListQuery)


class BaseDAO(Generic[ReadT, CreateT, QueryT]):
    """Get, page, create, update and delete rows of `model`'s table, as `read_schema` objects."""

    model: ClassVar[type[Entity]]
    read_schema: type[ReadT]

    _table: ClassVar[Table]
    _resource: ClassVar[str]  # in error messages: the table's name, the resource's singular
    _by_id: ClassVar[Statement]
    _delete: ClassVar[Statement]
    _many: TypeAdapter[list[ReadT]]  # validates a page in one call

    def __init_subclass__(cls) -> None:
        super().__init_subclass__()
        table = cls._table = table_of(cls.model)
        cls._resource = table.name
        cls._by_id = Statement(select(table).where(table.c.id == bindparam("id")))
        cls._delete = Statement(
            delete(table).where(table.c.id == bindparam("id")).returning(table.c.id)
        )
        # list[read_schema], spelled for mypy, which cannot subscript with a class known at run time
        page_type = cast("type[list[ReadT]]", GenericAlias(list, (cls.read_schema,)))
        cls._many = TypeAdapter(page_type)

    def __init__(self, database: Database) -> None:
        self._database = database

    async def get(self, row_id: int) -> ReadT | None:
        row = await self._database.fetch_one(self._by_id, id=row_id)
        return None if row is None else self.read_schema.model_validate(row)

    async def page(self, query: QueryT) -> tuple[list[ReadT], bool, int | None]:
        """The page's items, whether more follow, and the total when the query asks for it."""
        values, empty = query.filters()
        statements = page_statements(self._table, tuple(values), query.sort, empty=empty)
        page = await self._database.fetch_page(
            statements,
            limit=query.limit,
            offset=query.offset,
            with_total=query.with_total,
            **values,
        )
        return self._many.validate_python(page.rows), page.has_more, page.total

    async def create(self, data: CreateT) -> ReadT:
        values = data.model_dump()
        statement = insert_statement(self._table, tuple(values))
        created = await self._write(statement, with_defaults(self._table, values))
        assert created is not None  # INSERT ... RETURNING always yields the new row
        return created

    async def update(self, row_id: int, changes: dict[str, object]) -> ReadT | None:
        if not changes:
            return await self.get(row_id)
        statement = update_statement(self._table, tuple(changes))
        values = with_defaults(self._table, changes, on_update=True)
        return await self._write(statement, {**values, "id": row_id})

    async def delete(self, row_id: int) -> bool:
        try:
            deleted = await self._database.write(self._delete, id=row_id)
        except IntegrityError as error:
            raise integrity_error(error, resource=self._resource, deleting=True) from error
        return deleted is not None

    async def _write(self, statement: Statement, values: dict[str, object]) -> ReadT | None:
        """One atomic write; broken constraints become domain errors."""
        try:
            row = await self._database.write(statement, **values)
        except IntegrityError as error:
            raise integrity_error(error, resource=self._resource) from error
        return None if row is None else self.read_schema.model_validate(row)
