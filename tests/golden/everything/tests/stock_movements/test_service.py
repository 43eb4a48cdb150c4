"""The stock_movement service on the real database, without HTTP."""

import pytest

from app.core.errors import NotFoundError
from app.db.database import Database
from app.stock_movements.repository import StockMovementRepository
from app.stock_movements.schemas import StockMovementQuery, StockMovementUpdate
from app.stock_movements.service import StockMovementService


@pytest.fixture
def service(database: Database) -> StockMovementService:
    return StockMovementService(StockMovementRepository(database))


async def test_missing_stock_movement_raises_not_found(service: StockMovementService) -> None:
    with pytest.raises(NotFoundError):
        await service.get(999_999)
    with pytest.raises(NotFoundError):
        await service.update(999_999, StockMovementUpdate())
    with pytest.raises(NotFoundError):
        await service.delete(999_999)


async def test_empty_table_gives_an_empty_page(service: StockMovementService) -> None:
    page = await service.search(StockMovementQuery(limit=10))
    assert (page.items, page.total, page.limit, page.offset, page.has_more) == (
        [],
        None,
        10,
        0,
        False,
    )
    assert (await service.search(StockMovementQuery(with_total=True))).total == 0
