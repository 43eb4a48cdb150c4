"""The author service: its public interface (other services import only from here)."""

from service.author.db import AuthorDb
from service.author.models import (
    AuthorCreate,
    AuthorPage,
    AuthorQuery,
    AuthorRead,
    AuthorUpdate,
)
from service.author.routes import router

__all__ = [
    "AuthorCreate",
    "AuthorDb",
    "AuthorPage",
    "AuthorQuery",
    "AuthorRead",
    "AuthorUpdate",
    "router",
]
