"""The warehouse service on the real database, without HTTP."""

import pytest

from app.core.errors import NotFoundError
from app.db.database import Database
from app.warehouses.repository import WarehouseRepository
from app.warehouses.schemas import WarehouseQuery, WarehouseUpdate
from app.warehouses.service import WarehouseService


@pytest.fixture
def service(database: Database) -> WarehouseService:
    return WarehouseService(WarehouseRepository(database))


async def test_missing_warehouse_raises_not_found(service: WarehouseService) -> None:
    with pytest.raises(NotFoundError):
        await service.get(999_999)
    with pytest.raises(NotFoundError):
        await service.update(999_999, WarehouseUpdate())
    with pytest.raises(NotFoundError):
        await service.delete(999_999)


async def test_empty_table_gives_an_empty_page(service: WarehouseService) -> None:
    page = await service.search(WarehouseQuery(limit=10))
    assert (page.items, page.total, page.limit, page.offset, page.has_more) == (
        [],
        None,
        10,
        0,
        False,
    )
    assert (await service.search(WarehouseQuery(with_total=True))).total == 0
