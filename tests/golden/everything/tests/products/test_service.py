"""The product service on the real database, without HTTP."""

import pytest

from app.core.errors import NotFoundError
from app.db.database import Database
from app.products.repository import ProductRepository
from app.products.schemas import ProductQuery, ProductUpdate
from app.products.service import ProductService


@pytest.fixture
def service(database: Database) -> ProductService:
    return ProductService(ProductRepository(database))


async def test_missing_product_raises_not_found(service: ProductService) -> None:
    with pytest.raises(NotFoundError):
        await service.get(999_999)
    with pytest.raises(NotFoundError):
        await service.update(999_999, ProductUpdate())
    with pytest.raises(NotFoundError):
        await service.delete(999_999)


async def test_empty_table_gives_an_empty_page(service: ProductService) -> None:
    page = await service.search(ProductQuery(limit=10))
    assert (page.items, page.total, page.limit, page.offset, page.has_more) == (
        [],
        None,
        10,
        0,
        False,
    )
    assert (await service.search(ProductQuery(with_total=True))).total == 0
