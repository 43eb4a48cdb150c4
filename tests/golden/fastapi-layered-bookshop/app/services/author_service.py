"""Business rules for authors: raises domain errors and knows no HTTP."""

from app.database.data_layer.authors import AuthorDAO
from app.exceptions.custom_exceptions import NotFoundError
from app.schemas.authors import (
    AuthorCreate,
    AuthorPage,
    AuthorQuery,
    AuthorRead,
    AuthorUpdate,
)


class AuthorService:
    def __init__(self, dao: AuthorDAO) -> None:
        self._dao = dao

    async def get(self, author_id: int) -> AuthorRead:
        author = await self._dao.get(author_id)
        if author is None:
            raise _not_found(author_id)
        return author

    async def search(self, query: AuthorQuery) -> AuthorPage:
        items, has_more, total = await self._dao.page(query)
        return AuthorPage(
            items=items, total=total, limit=query.limit, offset=query.offset, has_more=has_more
        )

    async def create(self, data: AuthorCreate) -> AuthorRead:
        return await self._dao.create(data)

    async def update(self, author_id: int, data: AuthorUpdate) -> AuthorRead:
        author = await self._dao.update(author_id, data.model_dump(exclude_unset=True))
        if author is None:
            raise _not_found(author_id)
        return author

    async def delete(self, author_id: int) -> None:
        if not await self._dao.delete(author_id):
            raise _not_found(author_id)


def _not_found(author_id: int) -> NotFoundError:
    return NotFoundError(f"author {author_id} not found")
