"""The author service's db operations on the real database, without HTTP."""

import pytest

from common.errors import NotFoundError
from db_sql.database import Database
from service.author.db import AuthorDb
from service.author.models import AuthorQuery, AuthorUpdate


@pytest.fixture
def db(database: Database) -> AuthorDb:
    return AuthorDb(database)


async def test_missing_author_raises_not_found(db: AuthorDb) -> None:
    with pytest.raises(NotFoundError):
        await db.get(999_999)
    with pytest.raises(NotFoundError):
        await db.update(999_999, AuthorUpdate())
    with pytest.raises(NotFoundError):
        await db.delete(999_999)


async def test_empty_table_gives_an_empty_page(db: AuthorDb) -> None:
    page = await db.search(AuthorQuery(limit=10))
    assert (page.items, page.total, page.limit, page.offset, page.has_more) == (
        [],
        None,
        10,
        0,
        False,
    )
    assert (await db.search(AuthorQuery(with_total=True))).total == 0
