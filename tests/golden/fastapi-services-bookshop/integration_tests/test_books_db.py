"""The book service's db operations on the real database, without HTTP."""

import pytest

from common.errors import NotFoundError
from db_sql.database import Database
from service.book.db import BookDb
from service.book.models import BookQuery, BookUpdate


@pytest.fixture
def db(database: Database) -> BookDb:
    return BookDb(database)


async def test_missing_book_raises_not_found(db: BookDb) -> None:
    with pytest.raises(NotFoundError):
        await db.get(999_999)
    with pytest.raises(NotFoundError):
        await db.update(999_999, BookUpdate())
    with pytest.raises(NotFoundError):
        await db.delete(999_999)


async def test_empty_table_gives_an_empty_page(db: BookDb) -> None:
    page = await db.search(BookQuery(limit=10))
    assert (page.items, page.total, page.limit, page.offset, page.has_more) == (
        [],
        None,
        10,
        0,
        False,
    )
    assert (await db.search(BookQuery(with_total=True))).total == 0
