"""The product_categories package: its public interface (other packages import only from here)."""

from app.product_categories.models import ProductCategory
from app.product_categories.router import router
from app.product_categories.schemas import (
    ProductCategoryCreate,
    ProductCategoryPage,
    ProductCategoryQuery,
    ProductCategoryRead,
    ProductCategoryUpdate,
)
from app.product_categories.service import ProductCategoryService

__all__ = [
    "ProductCategory",
    "ProductCategoryCreate",
    "ProductCategoryPage",
    "ProductCategoryQuery",
    "ProductCategoryRead",
    "ProductCategoryService",
    "ProductCategoryUpdate",
    "router",
]
