"""The warehouses package: its public interface (other packages import only from here)."""

from app.warehouses.models import Warehouse
from app.warehouses.router import router
from app.warehouses.schemas import (
    WarehouseCreate,
    WarehousePage,
    WarehouseQuery,
    WarehouseRead,
    WarehouseUpdate,
)
from app.warehouses.service import WarehouseService

__all__ = [
    "Warehouse",
    "WarehouseCreate",
    "WarehousePage",
    "WarehouseQuery",
    "WarehouseRead",
    "WarehouseService",
    "WarehouseUpdate",
    "router",
]
