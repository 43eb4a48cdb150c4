"""Every query for authors. Returns schema objects, never live ORM instances."""

from sqlalchemy import Executable, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from app.authors.models import Author
from app.authors.schemas import AuthorCreate, AuthorQuery, AuthorRead
from app.db.base import table_of
from app.db.integrity import integrity_error

_TABLE = table_of(Author)


class AuthorRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, author_id: int) -> AuthorRead | None:
        statement = select(_TABLE).where(_TABLE.c.id == author_id)
        row = (await self._session.execute(statement)).first()
        return None if row is None else AuthorRead.model_validate(row, from_attributes=True)

    async def page(self, query: AuthorQuery) -> tuple[list[AuthorRead], int]:
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
        items = [AuthorRead.model_validate(row, from_attributes=True) for row in rows]
        return items, total

    async def create(self, data: AuthorCreate) -> AuthorRead:
        created = await self._write(insert(_TABLE).values(data.model_dump()).returning(_TABLE))
        assert created is not None  # INSERT ... RETURNING always yields the new row
        return created

    async def update(self, author_id: int, changes: dict[str, object]) -> AuthorRead | None:
        if not changes:
            return await self.get(author_id)
        statement = update(_TABLE).where(_TABLE.c.id == author_id).values(changes).returning(_TABLE)
        return await self._write(statement)

    async def delete(self, author_id: int) -> bool:
        statement = delete(_TABLE).where(_TABLE.c.id == author_id).returning(_TABLE)
        return await self._write(statement, deleting=True) is not None

    async def _write(self, statement: Executable, *, deleting: bool = False) -> AuthorRead | None:
        """Run one write in its own transaction; integrity errors become domain errors."""
        try:
            row = (await self._session.execute(statement)).first()
            await self._session.commit()
        except IntegrityError as error:
            await self._session.rollback()
            raise integrity_error(error, resource="author", deleting=deleting) from error
        return None if row is None else AuthorRead.model_validate(row, from_attributes=True)
