"""Business rules for authors: raises domain errors and knows no HTTP."""

from app.authors.repository import AuthorRepository
from app.authors.schemas import (
    AuthorCreate,
    AuthorPage,
    AuthorQuery,
    AuthorRead,
    AuthorUpdate,
)
from app.core.errors import NotFoundError


class AuthorService:
    def __init__(self, repository: AuthorRepository) -> None:
        self._repository = repository

    async def get(self, author_id: int) -> AuthorRead:
        author = await self._repository.get(author_id)
        if author is None:
            raise _not_found(author_id)
        return author

    async def search(self, query: AuthorQuery) -> AuthorPage:
        items, has_more, total = await self._repository.page(query)
        return AuthorPage(
            items=items, total=total, limit=query.limit, offset=query.offset, has_more=has_more
        )

    async def create(self, data: AuthorCreate) -> AuthorRead:
        return await self._repository.create(data)

    async def update(self, author_id: int, data: AuthorUpdate) -> AuthorRead:
        author = await self._repository.update(author_id, data.model_dump(exclude_unset=True))
        if author is None:
            raise _not_found(author_id)
        return author

    async def delete(self, author_id: int) -> None:
        if not await self._repository.delete(author_id):
            raise _not_found(author_id)


def _not_found(author_id: int) -> NotFoundError:
    return NotFoundError(f"author {author_id} not found")
