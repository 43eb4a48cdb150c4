"""The author service and repository on the real database, without HTTP."""

import pytest
from flask.testing import FlaskClient

from helper.DBSession import Database
from helper.execution_tracking.APIException import ConflictError, NotFoundError
from helper.Pagination import PageArgs
from repositories.authors_repository import AuthorRepository
from schemas.PostAuthors_schema import AuthorCreate
from services.authors_service import AuthorService
from tests.factories.authors import author_input

EVERY_ROW = PageArgs(limit=10, offset=0, sort="id", values={}, empty=())
COUNTED = PageArgs(limit=10, offset=0, sort="id", values={}, empty=(), with_total=True)


@pytest.fixture
def service(database: Database) -> AuthorService:
    return AuthorService(database)


def test_missing_author_raises_not_found(service: AuthorService) -> None:
    with pytest.raises(NotFoundError):
        service.get(999_999)
    with pytest.raises(NotFoundError):
        service.update(999_999, {"name": None})
    with pytest.raises(NotFoundError):
        service.delete(999_999)


def test_empty_table_gives_an_empty_page(service: AuthorService) -> None:
    page = service.search(EVERY_ROW)
    assert page == {"items": [], "total": None, "limit": 10, "offset": 0, "has_more": False}
    assert service.search(COUNTED)["total"] == 0


def test_add_all_adds_every_row_or_none(client: FlaskClient, database: Database) -> None:
    repository = AuthorRepository(database)
    rows = [AuthorCreate().load(author_input(client)) for _ in range(2)]
    added = repository.add_all(rows)
    assert [repository.get(row["id"]) for row in added] == added
    assert repository.page(COUNTED)[2] == 2
    fresh = AuthorCreate().load(author_input(client))
    with pytest.raises(ConflictError):  # the second one repeats a unique value: neither is added
        repository.add_all([fresh, rows[0]])
    assert repository.page(COUNTED)[2] == 2
