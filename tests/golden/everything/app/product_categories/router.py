"""HTTP for product_categories: parse the request, call the service, choose the status code."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from app.api.deps import DatabaseDep, IdPath
from app.api.errors import ERROR_RESPONSES
from app.product_categories.repository import ProductCategoryRepository
from app.product_categories.schemas import (
    ProductCategoryCreate,
    ProductCategoryPage,
    ProductCategoryQuery,
    ProductCategoryRead,
    ProductCategoryUpdate,
)
from app.product_categories.service import ProductCategoryService

router = APIRouter(
    prefix="/product-categories", tags=["product-categories"], responses=ERROR_RESPONSES
)


async def get_product_category_service(database: DatabaseDep) -> ProductCategoryService:
    return ProductCategoryService(ProductCategoryRepository(database))


ServiceDep = Annotated[ProductCategoryService, Depends(get_product_category_service)]


@router.get("")
async def list_product_categories(
    service: ServiceDep, query: Annotated[ProductCategoryQuery, Query()]
) -> ProductCategoryPage:
    return await service.search(query)


@router.post("", status_code=201)
async def create_product_category(
    data: ProductCategoryCreate, service: ServiceDep
) -> ProductCategoryRead:
    return await service.create(data)


@router.get("/{product_category_id:int}")
async def get_product_category(
    product_category_id: IdPath, service: ServiceDep
) -> ProductCategoryRead:
    return await service.get(product_category_id)


@router.patch("/{product_category_id:int}")
async def update_product_category(
    product_category_id: IdPath, data: ProductCategoryUpdate, service: ServiceDep
) -> ProductCategoryRead:
    return await service.update(product_category_id, data)


@router.delete("/{product_category_id:int}", status_code=204)
async def delete_product_category(product_category_id: IdPath, service: ServiceDep) -> None:
    await service.delete(product_category_id)
