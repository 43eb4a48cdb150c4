"""The author utils on the real database, without HTTP."""

import pytest

from app.authors.utils import AuthorService
from app.core.database.database import Database
from app.core.errors import NotFoundError
from app.core.schemas import PageArgs


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
    page = service.search(PageArgs(limit=10, offset=0, sort="id", values={}, empty=()))
    assert page == {"items": [], "total": None, "limit": 10, "offset": 0, "has_more": False}
    counted = PageArgs(limit=10, offset=0, sort="id", values={}, empty=(), with_total=True)
    assert service.search(counted)["total"] == 0
