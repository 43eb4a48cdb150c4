"""The review service's db operations on the real database, without HTTP."""

import pytest

from common.errors import NotFoundError
from db_sql.database import Database
from service.review.db import ReviewDb
from service.review.models import ReviewQuery, ReviewUpdate


@pytest.fixture
def db(database: Database) -> ReviewDb:
    return ReviewDb(database)


async def test_missing_review_raises_not_found(db: ReviewDb) -> None:
    with pytest.raises(NotFoundError):
        await db.get(999_999)
    with pytest.raises(NotFoundError):
        await db.update(999_999, ReviewUpdate())
    with pytest.raises(NotFoundError):
        await db.delete(999_999)


async def test_empty_table_gives_an_empty_page(db: ReviewDb) -> None:
    page = await db.search(ReviewQuery(limit=10))
    assert (page.items, page.total, page.limit, page.offset, page.has_more) == (
        [],
        None,
        10,
        0,
        False,
    )
    assert (await db.search(ReviewQuery(with_total=True))).total == 0
