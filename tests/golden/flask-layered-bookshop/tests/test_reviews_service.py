"""The review service and repository on the real database, without HTTP."""

import pytest
from flask.testing import FlaskClient

from helper.DBSession import Database
from helper.execution_tracking.APIException import NotFoundError
from helper.Pagination import PageArgs
from repositories.reviews_repository import ReviewRepository
from schemas.PostReviews_schema import ReviewCreate
from services.reviews_service import ReviewService
from tests.factories.reviews import review_input

EVERY_ROW = PageArgs(limit=10, offset=0, sort="id", values={}, empty=())
COUNTED = PageArgs(limit=10, offset=0, sort="id", values={}, empty=(), with_total=True)


@pytest.fixture
def service(database: Database) -> ReviewService:
    return ReviewService(database)


def test_missing_review_raises_not_found(service: ReviewService) -> None:
    with pytest.raises(NotFoundError):
        service.get(999_999)
    with pytest.raises(NotFoundError):
        service.update(999_999, {"rating": None})
    with pytest.raises(NotFoundError):
        service.delete(999_999)


def test_empty_table_gives_an_empty_page(service: ReviewService) -> None:
    page = service.search(EVERY_ROW)
    assert page == {"items": [], "total": None, "limit": 10, "offset": 0, "has_more": False}
    assert service.search(COUNTED)["total"] == 0


def test_add_all_adds_every_row_at_once(client: FlaskClient, database: Database) -> None:
    repository = ReviewRepository(database)
    rows = [ReviewCreate().load(review_input(client)) for _ in range(2)]
    added = repository.add_all(rows)
    assert [repository.get(row["id"]) for row in added] == added
    assert repository.page(COUNTED)[2] == 2
