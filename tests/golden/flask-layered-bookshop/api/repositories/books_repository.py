"""Every query for books: the base Repository's CRUD, and any query only they need.

Add such a query as a method (see Repository for how its statements are compiled once).
"""

from models.Books_model import Book, BookRow
from repositories.Repository import Repository


class BookRepository(Repository[BookRow]):
    model = Book
