"""The review service on the real database, without HTTP."""

import pytest

from app.core.errors import NotFoundError
from app.db.database import Database
from app.reviews.repository import ReviewRepository
from app.reviews.schemas import ReviewQuery, ReviewUpdate
from app.reviews.service import ReviewService


@pytest.fixture
def service(database: Database) -> ReviewService:
    return ReviewService(ReviewRepository(database))


async def test_missing_review_raises_not_found(service: ReviewService) -> None:
    with pytest.raises(NotFoundError):
        await service.get(999_999)
    with pytest.raises(NotFoundError):
        await service.update(999_999, ReviewUpdate())
    with pytest.raises(NotFoundError):
        await service.delete(999_999)


async def test_empty_table_gives_an_empty_page(service: ReviewService) -> None:
    page = await service.search(ReviewQuery(limit=10))
    assert (page.items, page.total, page.limit, page.offset, page.has_more) == (
        [],
        None,
        10,
        0,
        False,
    )
    assert (await service.search(ReviewQuery(with_total=True))).total == 0
