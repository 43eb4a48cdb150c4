"""Every model of the project, so Base.metadata knows every table (Alembic, tests)."""

from app.models.authors import Author
from app.models.books import Book
from app.models.reviews import Review

__all__: list[str] = ["Author", "Book", "Review"]
