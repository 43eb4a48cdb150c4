"""The authors package: its public interface (other packages import only from here)."""

from app.authors.models import Author
from app.authors.router import router
from app.authors.schemas import (
    AuthorCreate,
    AuthorPage,
    AuthorQuery,
    AuthorRead,
    AuthorUpdate,
)
from app.authors.service import AuthorService

__all__ = [
    "Author",
    "AuthorCreate",
    "AuthorPage",
    "AuthorQuery",
    "AuthorRead",
    "AuthorService",
    "AuthorUpdate",
    "router",
]
