"""HTTP for products: parse the request, call the service, choose the status code."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from app.api.deps import DatabaseDep, IdPath
from app.api.errors import ERROR_RESPONSES
from app.products.repository import ProductRepository
from app.products.schemas import (
    ProductCreate,
    ProductPage,
    ProductQuery,
    ProductRead,
    ProductUpdate,
)
from app.products.service import ProductService

router = APIRouter(prefix="/products", tags=["products"], responses=ERROR_RESPONSES)


async def get_product_service(database: DatabaseDep) -> ProductService:
    return ProductService(ProductRepository(database))


ServiceDep = Annotated[ProductService, Depends(get_product_service)]


@router.get("")
async def list_products(
    service: ServiceDep, query: Annotated[ProductQuery, Query()]
) -> ProductPage:
    return await service.search(query)


@router.post("", status_code=201)
async def create_product(data: ProductCreate, service: ServiceDep) -> ProductRead:
    return await service.create(data)


@router.get("/{product_id:int}")
async def get_product(product_id: IdPath, service: ServiceDep) -> ProductRead:
    return await service.get(product_id)


@router.patch("/{product_id:int}")
async def update_product(
    product_id: IdPath, data: ProductUpdate, service: ServiceDep
) -> ProductRead:
    return await service.update(product_id, data)


@router.delete("/{product_id:int}", status_code=204)
async def delete_product(product_id: IdPath, service: ServiceDep) -> None:
    await service.delete(product_id)
