"""HTTP for books: parse the request, call the service, choose the status code."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from app.api.deps import DatabaseDep, IdPath
from app.api.errors import ERROR_RESPONSES
from app.books.repository import BookRepository
from app.books.schemas import (
    BookCreate,
    BookPage,
    BookQuery,
    BookRead,
    BookUpdate,
)
from app.books.service import BookService

router = APIRouter(prefix="/books", tags=["books"], responses=ERROR_RESPONSES)


async def get_book_service(database: DatabaseDep) -> BookService:
    return BookService(BookRepository(database))


ServiceDep = Annotated[BookService, Depends(get_book_service)]


@router.get("")
async def list_books(service: ServiceDep, query: Annotated[BookQuery, Query()]) -> BookPage:
    return await service.search(query)


@router.post("", status_code=201)
async def create_book(data: BookCreate, service: ServiceDep) -> BookRead:
    return await service.create(data)


@router.get("/{book_id:int}")
async def get_book(book_id: IdPath, service: ServiceDep) -> BookRead:
    return await service.get(book_id)


@router.patch("/{book_id:int}")
async def update_book(book_id: IdPath, data: BookUpdate, service: ServiceDep) -> BookRead:
    return await service.update(book_id, data)


@router.delete("/{book_id:int}", status_code=204)
async def delete_book(book_id: IdPath, service: ServiceDep) -> None:
    await service.delete(book_id)
