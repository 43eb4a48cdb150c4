"""Business rules for warehouses: raises domain errors and knows no HTTP."""

from app.core.errors import NotFoundError
from app.warehouses.repository import WarehouseRepository
from app.warehouses.schemas import (
    WarehouseCreate,
    WarehousePage,
    WarehouseQuery,
    WarehouseRead,
    WarehouseUpdate,
)


class WarehouseService:
    def __init__(self, repository: WarehouseRepository) -> None:
        self._repository = repository

    async def get(self, warehouse_id: int) -> WarehouseRead:
        warehouse = await self._repository.get(warehouse_id)
        if warehouse is None:
            raise _not_found(warehouse_id)
        return warehouse

    async def search(self, query: WarehouseQuery) -> WarehousePage:
        items, has_more, total = await self._repository.page(query)
        return WarehousePage(
            items=items, total=total, limit=query.limit, offset=query.offset, has_more=has_more
        )

    async def create(self, data: WarehouseCreate) -> WarehouseRead:
        return await self._repository.create(data)

    async def update(self, warehouse_id: int, data: WarehouseUpdate) -> WarehouseRead:
        warehouse = await self._repository.update(warehouse_id, data.model_dump(exclude_unset=True))
        if warehouse is None:
            raise _not_found(warehouse_id)
        return warehouse

    async def delete(self, warehouse_id: int) -> None:
        if not await self._repository.delete(warehouse_id):
            raise _not_found(warehouse_id)


def _not_found(warehouse_id: int) -> NotFoundError:
    return NotFoundError(f"warehouse {warehouse_id} not found")
