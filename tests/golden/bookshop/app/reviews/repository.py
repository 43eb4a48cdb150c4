"""Every query for reviews. Returns schema objects, never live ORM instances."""

from sqlalchemy import Executable, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from app.db.base import table_of
from app.db.integrity import integrity_error
from app.reviews.models import Review
from app.reviews.schemas import ReviewCreate, ReviewQuery, ReviewRead

_TABLE = table_of(Review)


class ReviewRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, review_id: int) -> ReviewRead | None:
        statement = select(_TABLE).where(_TABLE.c.id == review_id)
        row = (await self._session.execute(statement)).first()
        return None if row is None else ReviewRead.model_validate(row, from_attributes=True)

    async def page(self, query: ReviewQuery) -> tuple[list[ReviewRead], int]:
        conditions = [_TABLE.c[name] == value for name, value in query.filters().items()]
        count = select(func.count()).select_from(_TABLE).where(*conditions)
        total = (await self._session.execute(count)).scalar_one()
        column = _TABLE.c[query.sort.removeprefix("-")]
        order = column.desc() if query.sort.startswith("-") else column.asc()
        statement = (
            select(_TABLE)
            .where(*conditions)
            .order_by(order, _TABLE.c.id)
            .limit(query.limit)
            .offset(query.offset)
        )
        rows = (await self._session.execute(statement)).all()
        items = [ReviewRead.model_validate(row, from_attributes=True) for row in rows]
        return items, total

    async def create(self, data: ReviewCreate) -> ReviewRead:
        created = await self._write(insert(_TABLE).values(data.model_dump()).returning(_TABLE))
        assert created is not None  # INSERT ... RETURNING always yields the new row
        return created

    async def update(self, review_id: int, changes: dict[str, object]) -> ReviewRead | None:
        if not changes:
            return await self.get(review_id)
        statement = update(_TABLE).where(_TABLE.c.id == review_id).values(changes).returning(_TABLE)
        return await self._write(statement)

    async def delete(self, review_id: int) -> bool:
        statement = delete(_TABLE).where(_TABLE.c.id == review_id).returning(_TABLE)
        return await self._write(statement, deleting=True) is not None

    async def _write(self, statement: Executable, *, deleting: bool = False) -> ReviewRead | None:
        """Run one write in its own transaction; integrity errors become domain errors."""
        try:
            row = (await self._session.execute(statement)).first()
            await self._session.commit()
        except IntegrityError as error:
            await self._session.rollback()
            raise integrity_error(error, resource="review", deleting=deleting) from error
        return None if row is None else ReviewRead.model_validate(row, from_attributes=True)
