"""Every query for books. Returns schema objects, never live ORM instances."""

from sqlalchemy import Executable, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from app.books.models import Book
from app.books.schemas import BookCreate, BookQuery, BookRead
from app.db.base import table_of
from app.db.integrity import integrity_error

_TABLE = table_of(Book)


class BookRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, book_id: int) -> BookRead | None:
        statement = select(_TABLE).where(_TABLE.c.id == book_id)
        row = (await self._session.execute(statement)).first()
        return None if row is None else BookRead.model_validate(row, from_attributes=True)

    async def page(self, query: BookQuery) -> tuple[list[BookRead], int]:
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
        items = [BookRead.model_validate(row, from_attributes=True) for row in rows]
        return items, total

    async def create(self, data: BookCreate) -> BookRead:
        created = await self._write(insert(_TABLE).values(data.model_dump()).returning(_TABLE))
        assert created is not None  # INSERT ... RETURNING always yields the new row
        return created

    async def update(self, book_id: int, changes: dict[str, object]) -> BookRead | None:
        if not changes:
            return await self.get(book_id)
        statement = update(_TABLE).where(_TABLE.c.id == book_id).values(changes).returning(_TABLE)
        return await self._write(statement)

    async def delete(self, book_id: int) -> bool:
        statement = delete(_TABLE).where(_TABLE.c.id == book_id).returning(_TABLE)
        return await self._write(statement, deleting=True) is not None

    async def _write(self, statement: Executable, *, deleting: bool = False) -> BookRead | None:
        """Run one write in its own transaction; integrity errors become domain errors."""
        try:
            row = (await self._session.execute(statement)).first()
            await self._session.commit()
        except IntegrityError as error:
            await self._session.rollback()
            raise integrity_error(error, resource="book", deleting=deleting) from error
        return None if row is None else BookRead.model_validate(row, from_attributes=True)
