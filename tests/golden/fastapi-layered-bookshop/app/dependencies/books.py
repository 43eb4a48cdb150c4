"""Dependency injection for books: the service, on the request's database."""

from typing import Annotated

from fastapi import Depends

from app.database.data_layer.books import BookDAO
from app.dependencies.common import DatabaseDep
from app.services.book_service import BookService


async def get_book_service(database: DatabaseDep) -> BookService:
    return BookService(BookDAO(database))


BookServiceDep = Annotated[BookService, Depends(get_book_service)]
