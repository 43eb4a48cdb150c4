"""API routes of the book service.

HTTP only: parse the request, call the service's db operations, choose the status code.
"""

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from api.deps import DatabaseDep, IdPath
from api.errors import ERROR_RESPONSES
from service.book.db import BookDb
from service.book.models import (
    BookCreate,
    BookPage,
    BookQuery,
    BookRead,
    BookUpdate,
)

router = APIRouter(prefix="/books", tags=["books"], responses=ERROR_RESPONSES)


async def get_book_db(database: DatabaseDep) -> BookDb:
    return BookDb(database)


DbDep = Annotated[BookDb, Depends(get_book_db)]


@router.get("")
async def list_books(db: DbDep, query: Annotated[BookQuery, Query()]) -> BookPage:
    return await db.search(query)


@router.post("", status_code=201)
async def create_book(data: BookCreate, db: DbDep) -> BookRead:
    return await db.create(data)


@router.get("/{book_id:int}")
async def get_book(book_id: IdPath, db: DbDep) -> BookRead:
    return await db.get(book_id)


@router.patch("/{book_id:int}")
async def update_book(book_id: IdPath, data: BookUpdate, db: DbDep) -> BookRead:
    return await db.update(book_id, data)


@router.delete("/{book_id:int}", status_code=204)
async def delete_book(book_id: IdPath, db: DbDep) -> None:
    await db.delete(book_id)
