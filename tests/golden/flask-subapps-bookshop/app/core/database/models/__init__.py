"""Every model of the project, so Base.metadata knows every table (Alembic, tests)."""

from app.authors import Author
from app.books import Book
from app.reviews import Review

__all__: list[str] = ["Author", "Book", "Review"]
