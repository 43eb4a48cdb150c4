"""The books package: its public interface (other packages import only from here)."""

from app.books.models import Book
from app.books.router import router
from app.books.schemas import (
    BookCreate,
    BookPage,
    BookQuery,
    BookRead,
    BookUpdate,
)
from app.books.service import BookService

__all__ = [
    "Book",
    "BookCreate",
    "BookPage",
    "BookQuery",
    "BookRead",
    "BookService",
    "BookUpdate",
    "router",
]
