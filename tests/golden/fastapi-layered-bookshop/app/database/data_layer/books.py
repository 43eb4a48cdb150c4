"""Every query for books: BaseDAO's CRUD operations, and any query only they need.

Add such a query as a method of the DAO (see BaseDAO for how its statements are compiled once).
"""

from app.database.data_layer.base_dao import BaseDAO
from app.models.books import Book
from app.schemas.books import BookCreate, BookQuery, BookRead


class BookDAO(BaseDAO[BookRead, BookCreate, BookQuery]):
    model = Book
    read_schema = BookRead
