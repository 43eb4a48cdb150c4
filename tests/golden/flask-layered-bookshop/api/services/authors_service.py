"""The rules of authors: call the repository, raise domain errors, know no HTTP."""

from collections.abc import Mapping

from helper.DBSession import Database
from helper.execution_tracking.APIException import NotFoundError
from helper.Pagination import PageArgs
from models.Authors_model import AuthorRow, AuthorRowPage
from repositories.authors_repository import AuthorRepository


class AuthorService:
    def __init__(self, database: Database) -> None:
        self._repository = AuthorRepository(database)

    def get(self, author_id: int) -> AuthorRow:
        author = self._repository.get(author_id)
        if author is None:
            raise _not_found(author_id)
        return author

    def search(self, query: PageArgs) -> AuthorRowPage:
        items, has_more, total = self._repository.page(query)
        return {
            "items": items,
            "total": total,
            "limit": query.limit,
            "offset": query.offset,
            "has_more": has_more,
        }

    def create(self, data: Mapping[str, object]) -> AuthorRow:
        return self._repository.add(data)

    def update(self, author_id: int, changes: Mapping[str, object]) -> AuthorRow:
        author = self._repository.update(author_id, changes)
        if author is None:
            raise _not_found(author_id)
        return author

    def delete(self, author_id: int) -> None:
        if not self._repository.delete(author_id):
            raise _not_found(author_id)


def _not_found(author_id: int) -> NotFoundError:
    return NotFoundError(f"author {author_id} not found")
