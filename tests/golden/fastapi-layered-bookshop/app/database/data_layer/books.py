"""Data access for books: the CRUD operations of BaseDAO on the book table.

Queries only books need go here, as methods of BookDAO (see BaseDAO for how).
"""

from app.database.data_layer.base_dao import BaseDAO
from app.models.books import Book
from app.schemas.books import BookCreate, BookQuery, BookRead


class BookDAO(BaseDAO[BookRead, BookCreate, BookQuery]):
    model = Book
    read_schema = BookRead
