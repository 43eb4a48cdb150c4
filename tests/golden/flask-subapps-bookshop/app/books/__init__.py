"""The books sub-app: its public interface (other code imports only from here)."""

from app.books.models import Book
from app.books.routes import blueprint
from app.books.schemas import (
    BookCreate,
    BookPage,
    BookQuery,
    BookRead,
    BookUpdate,
)
from app.books.types import BookRow, BookRowPage
from app.books.utils import BookService

__all__ = [
    "Book",
    "BookCreate",
    "BookPage",
    "BookQuery",
    "BookRead",
    "BookRow",
    "BookRowPage",
    "BookService",
    "BookUpdate",
    "blueprint",
]
