"""Business rules for stock_movements: raises domain errors and knows no HTTP."""

from app.core.errors import NotFoundError
from app.stock_movements.repository import StockMovementRepository
from app.stock_movements.schemas import (
    StockMovementCreate,
    StockMovementPage,
    StockMovementQuery,
    StockMovementRead,
    StockMovementUpdate,
)


class StockMovementService:
    def __init__(self, repository: StockMovementRepository) -> None:
        self._repository = repository

    async def get(self, stock_movement_id: int) -> StockMovementRead:
        stock_movement = await self._repository.get(stock_movement_id)
        if stock_movement is None:
            raise _not_found(stock_movement_id)
        return stock_movement

    async def search(self, query: StockMovementQuery) -> StockMovementPage:
        items, has_more, total = await self._repository.page(query)
        return StockMovementPage(
            items=items, total=total, limit=query.limit, offset=query.offset, has_more=has_more
        )

    async def create(self, data: StockMovementCreate) -> StockMovementRead:
        return await self._repository.create(data)

    async def update(self, stock_movement_id: int, data: StockMovementUpdate) -> StockMovementRead:
        stock_movement = await self._repository.update(
            stock_movement_id, data.model_dump(exclude_unset=True)
        )
        if stock_movement is None:
            raise _not_found(stock_movement_id)
        return stock_movement

    async def delete(self, stock_movement_id: int) -> None:
        if not await self._repository.delete(stock_movement_id):
            raise _not_found(stock_movement_id)


def _not_found(stock_movement_id: int) -> NotFoundError:
    return NotFoundError(f"stock_movement {stock_movement_id} not found")
