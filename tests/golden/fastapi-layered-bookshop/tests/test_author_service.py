"""The author service on the real database, without HTTP."""

import pytest

from app.database.data_layer.authors import AuthorDAO
from app.database.postgres import Database
from app.exceptions.custom_exceptions import NotFoundError
from app.schemas.authors import AuthorQuery, AuthorUpdate
from app.services.author_service import AuthorService


@pytest.fixture
def service(database: Database) -> AuthorService:
    return AuthorService(AuthorDAO(database))


async def test_missing_author_raises_not_found(service: AuthorService) -> None:
    with pytest.raises(NotFoundError):
        await service.get(999_999)
    with pytest.raises(NotFoundError):
        await service.update(999_999, AuthorUpdate())
    with pytest.raises(NotFoundError):
        await service.delete(999_999)


async def test_empty_table_gives_an_empty_page(service: AuthorService) -> None:
    page = await service.search(AuthorQuery(limit=10))
    assert (page.items, page.total, page.limit, page.offset, page.has_more) == (
        [],
        None,
        10,
        0,
        False,
    )
    assert (await service.search(AuthorQuery(with_total=True))).total == 0
