"""The rules of books: call the repository, raise domain errors, know no HTTP."""

from collections.abc import Mapping

from helper.DBSession import Database
from helper.execution_tracking.APIException import NotFoundError
from helper.Pagination import PageArgs
from models.Books_model import BookRow, BookRowPage
from repositories.books_repository import BookRepository


class BookService:
    def __init__(self, database: Database) -> None:
        self._repository = BookRepository(database)

    def get(self, book_id: int) -> BookRow:
        book = self._repository.get(book_id)
        if book is None:
            raise _not_found(book_id)
        return book

    def search(self, query: PageArgs) -> BookRowPage:
        items, has_more, total = self._repository.page(query)
        return {
            "items": items,
            "total": total,
            "limit": query.limit,
            "offset": query.offset,
            "has_more": has_more,
        }

    def create(self, data: Mapping[str, object]) -> BookRow:
        return self._repository.add(data)

    def update(self, book_id: int, changes: Mapping[str, object]) -> BookRow:
        book = self._repository.update(book_id, changes)
        if book is None:
            raise _not_found(book_id)
        return book

    def delete(self, book_id: int) -> None:
        if not self._repository.delete(book_id):
            raise _not_found(book_id)


def _not_found(book_id: int) -> NotFoundError:
    return NotFoundError(f"book {book_id} not found")
