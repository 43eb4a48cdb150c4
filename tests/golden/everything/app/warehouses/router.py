"""HTTP for warehouses: parse the request, call the service, choose the status code."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from app.api.deps import DatabaseDep, IdPath
from app.api.errors import ERROR_RESPONSES
from app.warehouses.repository import WarehouseRepository
from app.warehouses.schemas import (
    WarehouseCreate,
    WarehousePage,
    WarehouseQuery,
    WarehouseRead,
    WarehouseUpdate,
)
from app.warehouses.service import WarehouseService

router = APIRouter(prefix="/warehouses", tags=["warehouses"], responses=ERROR_RESPONSES)


async def get_warehouse_service(database: DatabaseDep) -> WarehouseService:
    return WarehouseService(WarehouseRepository(database))


ServiceDep = Annotated[WarehouseService, Depends(get_warehouse_service)]


@router.get("")
async def list_warehouses(
    service: ServiceDep, query: Annotated[WarehouseQuery, Query()]
) -> WarehousePage:
    return await service.search(query)


@router.post("", status_code=201)
async def create_warehouse(data: WarehouseCreate, service: ServiceDep) -> WarehouseRead:
    return await service.create(data)


@router.get("/{warehouse_id:int}")
async def get_warehouse(warehouse_id: IdPath, service: ServiceDep) -> WarehouseRead:
    return await service.get(warehouse_id)


@router.patch("/{warehouse_id:int}")
async def update_warehouse(
    warehouse_id: IdPath, data: WarehouseUpdate, service: ServiceDep
) -> WarehouseRead:
    return await service.update(warehouse_id, data)


@router.delete("/{warehouse_id:int}", status_code=204)
async def delete_warehouse(warehouse_id: IdPath, service: ServiceDep) -> None:
    await service.delete(warehouse_id)
