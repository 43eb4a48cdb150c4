"""The stock_movements package: its public interface (other packages import only from here)."""

from app.stock_movements.models import StockMovement
from app.stock_movements.router import router
from app.stock_movements.schemas import (
    StockMovementCreate,
    StockMovementPage,
    StockMovementQuery,
    StockMovementRead,
    StockMovementUpdate,
)
from app.stock_movements.service import StockMovementService

__all__ = [
    "StockMovement",
    "StockMovementCreate",
    "StockMovementPage",
    "StockMovementQuery",
    "StockMovementRead",
    "StockMovementService",
    "StockMovementUpdate",
    "router",
]
