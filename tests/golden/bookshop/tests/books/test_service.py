"""The book service on the real database, without HTTP."""

import pytest

from app.books.repository import BookRepository
from app.books.schemas import BookQuery, BookUpdate
from app.books.service import BookService
from app.core.errors import NotFoundError
from app.db.database import Database


@pytest.fixture
def service(database: Database) -> BookService:
    return BookService(BookRepository(database))


async def test_missing_book_raises_not_found(service: BookService) -> None:
    with pytest.raises(NotFoundError):
        await service.get(999_999)
    with pytest.raises(NotFoundError):
        await service.update(999_999, BookUpdate())
    with pytest.raises(NotFoundError):
        await service.delete(999_999)


async def test_empty_table_gives_an_empty_page(service: BookService) -> None:
    page = await service.search(BookQuery(limit=10))
    assert (page.items, page.total, page.limit, page.offset, page.has_more) == (
        [],
        None,
        10,
        0,
        False,
    )
    assert (await service.search(BookQuery(with_total=True))).total == 0
