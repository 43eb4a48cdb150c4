"""The book service and repository on the real database, without HTTP."""

import pytest
from flask.testing import FlaskClient

from helper.DBSession import Database
from helper.execution_tracking.APIException import ConflictError, NotFoundError
from helper.Pagination import PageArgs
from repositories.books_repository import BookRepository
from schemas.PostBooks_schema import BookCreate
from services.books_service import BookService
from tests.factories.books import book_input

EVERY_ROW = PageArgs(limit=10, offset=0, sort="id", values={}, empty=())
COUNTED = PageArgs(limit=10, offset=0, sort="id", values={}, empty=(), with_total=True)


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
    page = service.search(EVERY_ROW)
    assert page == {"items": [], "total": None, "limit": 10, "offset": 0, "has_more": False}
    assert service.search(COUNTED)["total"] == 0


def test_add_all_adds_every_row_or_none(client: FlaskClient, database: Database) -> None:
    repository = BookRepository(database)
    rows = [BookCreate().load(book_input(client)) for _ in range(2)]
    added = repository.add_all(rows)
    assert [repository.get(row["id"]) for row in added] == added
    assert repository.page(COUNTED)[2] == 2
    fresh = BookCreate().load(book_input(client))
    with pytest.raises(ConflictError):  # the second one repeats a unique value: neither is added
        repository.add_all([fresh, rows[0]])
    assert repository.page(COUNTED)[2] == 2
