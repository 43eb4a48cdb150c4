"""The book service: its public interface (other services import only from here)."""

from service.book.db import BookDb
from service.book.models import (
    BookCreate,
    BookPage,
    BookQuery,
    BookRead,
    BookUpdate,
)
from service.book.routes import router

__all__ = [
    "BookCreate",
    "BookDb",
    "BookPage",
    "BookQuery",
    "BookRead",
    "BookUpdate",
    "router",
]
