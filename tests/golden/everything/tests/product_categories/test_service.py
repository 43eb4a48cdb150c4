"""The product_category service on the real database, without HTTP."""

import pytest

from app.core.errors import NotFoundError
from app.db.database import Database
from app.product_categories.repository import ProductCategoryRepository
from app.product_categories.schemas import ProductCategoryQuery, ProductCategoryUpdate
from app.product_categories.service import ProductCategoryService


@pytest.fixture
def service(database: Database) -> ProductCategoryService:
    return ProductCategoryService(ProductCategoryRepository(database))


async def test_missing_product_category_raises_not_found(service: ProductCategoryService) -> None:
    with pytest.raises(NotFoundError):
        await service.get(999_999)
    with pytest.raises(NotFoundError):
        await service.update(999_999, ProductCategoryUpdate())
    with pytest.raises(NotFoundError):
        await service.delete(999_999)


async def test_empty_table_gives_an_empty_page(service: ProductCategoryService) -> None:
    page = await service.search(ProductCategoryQuery(limit=10))
    assert (page.items, page.total, page.limit, page.offset, page.has_more) == (
        [],
        None,
        10,
        0,
        False,
    )
    assert (await service.search(ProductCategoryQuery(with_total=True))).total == 0
