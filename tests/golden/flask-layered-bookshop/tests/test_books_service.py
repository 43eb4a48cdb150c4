"""The book service on the real database, without HTTP."""

import pytest

from helper.DBSession import Database
from helper.execution_tracking.APIException import NotFoundError
from helper.Pagination import PageArgs
from services.books_service import BookService


@pytest.fixture
def service(database: Database) -> BookService:
    return BookService(database)


def test_missing_book_raises_not_found(service: BookService) -> None:
    with pytest.raises(NotFoundError):
        service.get(999_999)
    with pytest.raises(NotFoundError):
        service.update(999_999, {"title": None})
    with pytest.raises(NotFoundError):
        service.delete(999_999)


def test_empty_table_gives_an_empty_page(service: BookService) -> None:
    page = service.search(PageArgs(limit=10, offset=0, sort="id", values={}, empty=()))
    assert page == {"items": [], "total": 0, "limit": 10, "offset": 0}
