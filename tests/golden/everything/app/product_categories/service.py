"""Business rules for product_categories: raises domain errors and knows no HTTP."""

from app.core.errors import NotFoundError
from app.product_categories.repository import ProductCategoryRepository
from app.product_categories.schemas import (
    ProductCategoryCreate,
    ProductCategoryPage,
    ProductCategoryQuery,
    ProductCategoryRead,
    ProductCategoryUpdate,
)


class ProductCategoryService:
    def __init__(self, repository: ProductCategoryRepository) -> None:
        self._repository = repository

    async def get(self, product_category_id: int) -> ProductCategoryRead:
        product_category = await self._repository.get(product_category_id)
        if product_category is None:
            raise _not_found(product_category_id)
        return product_category

    async def search(self, query: ProductCategoryQuery) -> ProductCategoryPage:
        items, has_more, total = await self._repository.page(query)
        return ProductCategoryPage(
            items=items, total=total, limit=query.limit, offset=query.offset, has_more=has_more
        )

    async def create(self, data: ProductCategoryCreate) -> ProductCategoryRead:
        return await self._repository.create(data)

    async def update(
        self, product_category_id: int, data: ProductCategoryUpdate
    ) -> ProductCategoryRead:
        product_category = await self._repository.update(
            product_category_id, data.model_dump(exclude_unset=True)
        )
        if product_category is None:
            raise _not_found(product_category_id)
        return product_category

    async def delete(self, product_category_id: int) -> None:
        if not await self._repository.delete(product_category_id):
            raise _not_found(product_category_id)


def _not_found(product_category_id: int) -> NotFoundError:
    return NotFoundError(f"product_category {product_category_id} not found")
