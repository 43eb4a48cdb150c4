"""Business rules for products: raises domain errors and knows no HTTP."""

from app.core.errors import NotFoundError
from app.products.repository import ProductRepository
from app.products.schemas import (
    ProductCreate,
    ProductPage,
    ProductQuery,
    ProductRead,
    ProductUpdate,
)


class ProductService:
    def __init__(self, repository: ProductRepository) -> None:
        self._repository = repository

    async def get(self, product_id: int) -> ProductRead:
        product = await self._repository.get(product_id)
        if product is None:
            raise _not_found(product_id)
        return product

    async def search(self, query: ProductQuery) -> ProductPage:
        items, has_more, total = await self._repository.page(query)
        return ProductPage(
            items=items, total=total, limit=query.limit, offset=query.offset, has_more=has_more
        )

    async def create(self, data: ProductCreate) -> ProductRead:
        return await self._repository.create(data)

    async def update(self, product_id: int, data: ProductUpdate) -> ProductRead:
        product = await self._repository.update(product_id, data.model_dump(exclude_unset=True))
        if product is None:
            raise _not_found(product_id)
        return product

    async def delete(self, product_id: int) -> None:
        if not await self._repository.delete(product_id):
            raise _not_found(product_id)


def _not_found(product_id: int) -> NotFoundError:
    return NotFoundError(f"product {product_id} not found")
