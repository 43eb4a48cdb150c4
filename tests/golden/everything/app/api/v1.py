"""The /api/v1 router: the one place where this version's resource routers are registered."""

from fastapi import APIRouter

from app.product_categories import router as product_categories_router
from app.products import router as products_router
from app.stock_movements import router as stock_movements_router
from app.warehouses import router as warehouses_router

router = APIRouter(prefix="/api/v1")
router.include_router(warehouses_router)
router.include_router(product_categories_router)
router.include_router(products_router)
router.include_router(stock_movements_router)
