"""The queries and rules of authors: raise domain errors, know no HTTP.

Statements are SQLAlchemy Core on the model's table, compiled once and run on the bare driver;
rows come back as plain dicts, never live ORM instances.
"""

from collections.abc import Mapping
from typing import cast

from sqlalchemy import bindparam, delete, select

from app.authors.models import Author
from app.authors.types import AuthorRow, AuthorRowPage
from app.core.database.base import table_of
from app.core.database.database import Database, IntegrityError
from app.core.database.integrity import integrity_error
from app.core.database.statements import (
    Statement,
    insert_statement,
    page_statements,
    update_statement,
    with_defaults,
)
from app.core.errors import NotFoundError
from app.core.schemas import PageArgs

_TABLE = table_of(Author)
_BY_ID = Statement(select(_TABLE).where(_TABLE.c.id == bindparam("id")))
_DELETE = Statement(delete(_TABLE).where(_TABLE.c.id == bindparam("id")).returning(_TABLE.c.id))


class AuthorService:
    def __init__(self, database: Database) -> None:
        self._database = database

    def get(self, author_id: int) -> AuthorRow:
        row = self._database.fetch_one(_BY_ID, id=author_id)
        if row is None:
            raise _not_found(author_id)
        return cast(AuthorRow, row)

    def search(self, query: PageArgs) -> AuthorRowPage:
        statements = page_statements(_TABLE, tuple(query.values), query.sort, empty=query.empty)
        page = self._database.fetch_page(
            statements,
            limit=query.limit,
            offset=query.offset,
            with_total=query.with_total,
            **query.values,
        )
        items = cast(list[AuthorRow], page.rows)
        return {
            "items": items,
            "total": page.total,
            "limit": query.limit,
            "offset": query.offset,
            "has_more": page.has_more,
        }

    def create(self, data: Mapping[str, object]) -> AuthorRow:
        created = self._write(insert_statement(_TABLE, tuple(data)), with_defaults(_TABLE, data))
        assert created is not None  # INSERT ... RETURNING always yields the new row
        return created

    def update(self, author_id: int, changes: Mapping[str, object]) -> AuthorRow:
        if not changes:
            return self.get(author_id)
        values = with_defaults(_TABLE, changes, on_update=True)
        row = self._write(update_statement(_TABLE, tuple(changes)), {**values, "id": author_id})
        if row is None:
            raise _not_found(author_id)
        return row

    def delete(self, author_id: int) -> None:
        try:
            deleted = self._database.write(_DELETE, id=author_id)
        except IntegrityError as error:
            raise integrity_error(error, resource="author", deleting=True) from error
        if deleted is None:
            raise _not_found(author_id)

    def _write(self, statement: Statement, values: dict[str, object]) -> AuthorRow | None:
        """One write; broken constraints become domain errors."""
        try:
            row = self._database.write(statement, **values)
        except IntegrityError as error:
            raise integrity_error(error, resource="author") from error
        return None if row is None else cast(AuthorRow, row)


def _not_found(author_id: int) -> NotFoundError:
    return NotFoundError(f"author {author_id} not found")
