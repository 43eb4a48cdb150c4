"""The products package: its public interface (other packages import only from here)."""

from app.products.models import Product
from app.products.router import router
from app.products.schemas import (
    ProductCreate,
    ProductPage,
    ProductQuery,
    ProductRead,
    ProductUpdate,
)
from app.products.service import ProductService

__all__ = [
    "Product",
    "ProductCreate",
    "ProductPage",
    "ProductQuery",
    "ProductRead",
    "ProductService",
    "ProductUpdate",
    "router",
]
