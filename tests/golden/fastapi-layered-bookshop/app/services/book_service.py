"""Business rules for books: raises domain errors and knows no HTTP."""

from app.database.data_layer.books import BookDAO
from app.exceptions.custom_exceptions import NotFoundError
from app.schemas.books import (
    BookCreate,
    BookPage,
    BookQuery,
    BookRead,
    BookUpdate,
)


class BookService:
    def __init__(self, dao: BookDAO) -> None:
        self._dao = dao

    async def get(self, book_id: int) -> BookRead:
        book = await self._dao.get(book_id)
        if book is None:
            raise _not_found(book_id)
        return book

    async def search(self, query: BookQuery) -> BookPage:
        items, has_more, total = await self._dao.page(query)
        return BookPage(
            items=items, total=total, limit=query.limit, offset=query.offset, has_more=has_more
        )

    async def create(self, data: BookCreate) -> BookRead:
        return await self._dao.create(data)

    async def update(self, book_id: int, data: BookUpdate) -> BookRead:
        book = await self._dao.update(book_id, data.model_dump(exclude_unset=True))
        if book is None:
            raise _not_found(book_id)
        return book

    async def delete(self, book_id: int) -> None:
        if not await self._dao.delete(book_id):
            raise _not_found(book_id)


def _not_found(book_id: int) -> NotFoundError:
    return NotFoundError(f"book {book_id} not found")
