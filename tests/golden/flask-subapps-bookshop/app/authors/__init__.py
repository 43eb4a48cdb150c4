"""The authors sub-app: its public interface (other code imports only from here)."""

from app.authors.models import Author
from app.authors.routes import blueprint
from app.authors.schemas import (
    AuthorCreate,
    AuthorPage,
    AuthorQuery,
    AuthorRead,
    AuthorUpdate,
)
from app.authors.types import AuthorRow, AuthorRowPage
from app.authors.utils import AuthorService

__all__ = [
    "Author",
    "AuthorCreate",
    "AuthorPage",
    "AuthorQuery",
    "AuthorRead",
    "AuthorRow",
    "AuthorRowPage",
    "AuthorService",
    "AuthorUpdate",
    "blueprint",
]
