"""HTTP for books: parse the request, call the service, choose the status code."""

from typing import Annotated

from fastapi import APIRouter, Query

from app.api.errors import ERROR_RESPONSES
from app.dependencies.books import BookServiceDep
from app.dependencies.common import IdPath
from app.schemas.books import (
    BookCreate,
    BookPage,
    BookQuery,
    BookRead,
    BookUpdate,
)

router = APIRouter(prefix="/books", tags=["books"], responses=ERROR_RESPONSES)


@router.get("")
async def list_books(service: BookServiceDep, query: Annotated[BookQuery, Query()]) -> BookPage:
    return await service.search(query)


@router.post("", status_code=201)
async def create_book(data: BookCreate, service: BookServiceDep) -> BookRead:
    return await service.create(data)


@router.get("/{book_id:int}")
async def get_book(book_id: IdPath, service: BookServiceDep) -> BookRead:
    return await service.get(book_id)


@router.patch("/{book_id:int}")
async def update_book(book_id: IdPath, data: BookUpdate, service: BookServiceDep) -> BookRead:
    return await service.update(book_id, data)


@router.delete("/{book_id:int}", status_code=204)
async def delete_book(book_id: IdPath, service: BookServiceDep) -> None:
    await service.delete(book_id)
