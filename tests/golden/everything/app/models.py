"""Every model of the project, so Base.metadata knows every table (Alembic, tests)."""

from app.product_categories.models import ProductCategory
from app.products.models import Product
from app.stock_movements.models import StockMovement
from app.warehouses.models import Warehouse

__all__: list[str] = [
    "Product",
    "ProductCategory",
    "StockMovement",
    "Warehouse",
]
