"""The queries and rules of reviews: raise domain errors, know no HTTP.

Statements are SQLAlchemy Core on the model's table, compiled once and run on the bare driver;
rows come back as plain dicts, never live ORM instances.
"""

from collections.abc import Mapping
from typing import cast

from sqlalchemy import bindparam, delete, select

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
from app.reviews.models import Review
from app.reviews.types import ReviewRow, ReviewRowPage

_TABLE = table_of(Review)
_BY_ID = Statement(select(_TABLE).where(_TABLE.c.id == bindparam("id")))
_DELETE = Statement(delete(_TABLE).where(_TABLE.c.id == bindparam("id")).returning(_TABLE.c.id))


class ReviewService:
    def __init__(self, database: Database) -> None:
        self._database = database

    def get(self, review_id: int) -> ReviewRow:
        row = self._database.fetch_one(_BY_ID, id=review_id)
        if row is None:
            raise _not_found(review_id)
        return cast(ReviewRow, row)

    def search(self, query: PageArgs) -> ReviewRowPage:
        statements = page_statements(_TABLE, tuple(query.values), query.sort, empty=query.empty)
        page = self._database.fetch_page(
            statements,
            limit=query.limit,
            offset=query.offset,
            with_total=query.with_total,
            **query.values,
        )
        items = cast(list[ReviewRow], page.rows)
        return {
            "items": items,
            "total": page.total,
            "limit": query.limit,
            "offset": query.offset,
            "has_more": page.has_more,
        }

    def create(self, data: Mapping[str, object]) -> ReviewRow:
        created = self._write(insert_statement(_TABLE, tuple(data)), with_defaults(_TABLE, data))
        assert created is not None  # INSERT ... RETURNING always yields the new row
        return created

    def update(self, review_id: int, changes: Mapping[str, object]) -> ReviewRow:
        if not changes:
            return self.get(review_id)
        values = with_defaults(_TABLE, changes, on_update=True)
        row = self._write(update_statement(_TABLE, tuple(changes)), {**values, "id": review_id})
        if row is None:
            raise _not_found(review_id)
        return row

    def delete(self, review_id: int) -> None:
        try:
            deleted = self._database.write(_DELETE, id=review_id)
        except IntegrityError as error:
            raise integrity_error(error, resource="review", deleting=True) from error
        if deleted is None:
            raise _not_found(review_id)

    def _write(self, statement: Statement, values: dict[str, object]) -> ReviewRow | None:
        """One write; broken constraints become domain errors."""
        try:
            row = self._database.write(statement, **values)
        except IntegrityError as error:
            raise integrity_error(error, resource="review") from error
        return None if row is None else cast(ReviewRow, row)


def _not_found(review_id: int) -> NotFoundError:
    return NotFoundError(f"review {review_id} not found")
