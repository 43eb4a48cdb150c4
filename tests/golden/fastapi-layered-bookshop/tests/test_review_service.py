"""The review service on the real database, without HTTP."""

import pytest

from app.database.data_layer.reviews import ReviewDAO
from app.database.postgres import Database
from app.exceptions.custom_exceptions import NotFoundError
from app.schemas.reviews import ReviewQuery, ReviewUpdate
from app.services.review_service import ReviewService


@pytest.fixture
def service(database: Database) -> ReviewService:
    return ReviewService(ReviewDAO(database))


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
