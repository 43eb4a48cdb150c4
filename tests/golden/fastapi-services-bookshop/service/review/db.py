"""Database operations on reviews.

They return Pydantic models (this service's `models.py`), never SQLAlchemy rows, and raise domain
errors (a missing row, a broken constraint); no HTTP here. Statements are SQLAlchemy Core on the
model's table, compiled once and run on the bare driver.
"""

from pydantic import TypeAdapter
from sqlalchemy import bindparam, delete, select

from common.errors import NotFoundError
from db_sql.base import table_of
from db_sql.database import Database, IntegrityError
from db_sql.integrity import integrity_error
from db_sql.models import Review
from db_sql.statements import (
    Row,
    Statement,
    insert_statement,
    page_statements,
    update_statement,
    with_defaults,
)
from service.review.models import (
    ReviewCreate,
    ReviewPage,
    ReviewQuery,
    ReviewRead,
    ReviewUpdate,
)

_TABLE = table_of(Review)
_MANY = TypeAdapter(list[ReviewRead])  # validates a page in one call
_BY_ID = Statement(select(_TABLE).where(_TABLE.c.id == bindparam("id")))
_DELETE = Statement(delete(_TABLE).where(_TABLE.c.id == bindparam("id")).returning(_TABLE.c.id))


class ReviewDb:
    def __init__(self, database: Database) -> None:
        self._database = database

    async def get(self, review_id: int) -> ReviewRead:
        row = await self._database.fetch_one(_BY_ID, id=review_id)
        if row is None:
            raise _not_found(review_id)
        return ReviewRead.model_validate(row)

    async def search(self, query: ReviewQuery) -> ReviewPage:
        values, empty = query.filters()
        statements = page_statements(_TABLE, tuple(values), query.sort, empty=empty)
        page = await self._database.fetch_page(
            statements,
            limit=query.limit,
            offset=query.offset,
            with_total=query.with_total,
            **values,
        )
        return ReviewPage(
            items=_MANY.validate_python(page.rows),
            total=page.total,
            limit=query.limit,
            offset=query.offset,
            has_more=page.has_more,
        )

    async def create(self, data: ReviewCreate) -> ReviewRead:
        values = data.model_dump()
        row = await self._write(
            insert_statement(_TABLE, tuple(values)), with_defaults(_TABLE, values)
        )
        assert row is not None  # INSERT ... RETURNING always yields the new row
        return ReviewRead.model_validate(row)

    async def update(self, review_id: int, data: ReviewUpdate) -> ReviewRead:
        changes = data.model_dump(exclude_unset=True)  # only the fields sent are changed
        if not changes:
            return await self.get(review_id)
        statement = update_statement(_TABLE, tuple(changes))
        values = with_defaults(_TABLE, changes, on_update=True)
        row = await self._write(statement, {**values, "id": review_id})
        if row is None:
            raise _not_found(review_id)
        return ReviewRead.model_validate(row)

    async def delete(self, review_id: int) -> None:
        try:
            deleted = await self._database.write(_DELETE, id=review_id)
        except IntegrityError as error:
            raise integrity_error(error, resource="review", deleting=True) from error
        if deleted is None:
            raise _not_found(review_id)

    async def _write(self, statement: Statement, values: dict[str, object]) -> Row | None:
        """One atomic write; broken constraints become domain errors."""
        try:
            return await self._database.write(statement, **values)
        except IntegrityError as error:
            raise integrity_error(error, resource="review") from error


def _not_found(review_id: int) -> NotFoundError:
    return NotFoundError(f"review {review_id} not found")
