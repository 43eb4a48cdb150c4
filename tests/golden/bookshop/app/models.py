"""Every model of the project, so Base.metadata knows every table (Alembic, tests)."""

from app.authors.models import Author
from app.books.models import Book
from app.reviews.models import Review

__all__: list[str] = ["Author", "Book", "Review"]
