"""HTTP for stock_movements: parse the request, call the service, choose the status code."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from app.api.deps import DatabaseDep, IdPath
from app.api.errors import ERROR_RESPONSES
from app.stock_movements.repository import StockMovementRepository
from app.stock_movements.schemas import (
    StockMovementCreate,
    StockMovementPage,
    StockMovementQuery,
    StockMovementRead,
    StockMovementUpdate,
)
from app.stock_movements.service import StockMovementService

router = APIRouter(prefix="/stock-movements", tags=["stock-movements"], responses=ERROR_RESPONSES)


async def get_stock_movement_service(database: DatabaseDep) -> StockMovementService:
    return StockMovementService(StockMovementRepository(database))


ServiceDep = Annotated[StockMovementService, Depends(get_stock_movement_service)]


@router.get("")
async def list_stock_movements(
    service: ServiceDep, query: Annotated[StockMovementQuery, Query()]
) -> StockMovementPage:
    return await service.search(query)


@router.post("", status_code=201)
async def create_stock_movement(
    data: StockMovementCreate, service: ServiceDep
) -> StockMovementRead:
    return await service.create(data)


@router.get("/{stock_movement_id:int}")
async def get_stock_movement(stock_movement_id: IdPath, service: ServiceDep) -> StockMovementRead:
    return await service.get(stock_movement_id)


@router.patch("/{stock_movement_id:int}")
async def update_stock_movement(
    stock_movement_id: IdPath, data: StockMovementUpdate, service: ServiceDep
) -> StockMovementRead:
    return await service.update(stock_movement_id, data)


@router.delete("/{stock_movement_id:int}", status_code=204)
async def delete_stock_movement(stock_movement_id: IdPath, service: ServiceDep) -> None:
    await service.delete(stock_movement_id)
