"""The rules of reviews: call the repository, raise domain errors, know no HTTP."""

from collections.abc import Mapping

from helper.DBSession import Database
from helper.execution_tracking.APIException import NotFoundError
from helper.Pagination import PageArgs
from models.Reviews_model import ReviewRow, ReviewRowPage
from repositories.reviews_repository import ReviewRepository


class ReviewService:
    def __init__(self, database: Database) -> None:
        self._repository = ReviewRepository(database)

    def get(self, review_id: int) -> ReviewRow:
        review = self._repository.get(review_id)
        if review is None:
            raise _not_found(review_id)
        return review

    def search(self, query: PageArgs) -> ReviewRowPage:
        items, has_more, total = self._repository.page(query)
        return {
            "items": items,
            "total": total,
            "limit": query.limit,
            "offset": query.offset,
            "has_more": has_more,
        }

    def create(self, data: Mapping[str, object]) -> ReviewRow:
        return self._repository.add(data)

    def update(self, review_id: int, changes: Mapping[str, object]) -> ReviewRow:
        review = self._repository.update(review_id, changes)
        if review is None:
            raise _not_found(review_id)
        return review

    def delete(self, review_id: int) -> None:
        if not self._repository.delete(review_id):
            raise _not_found(review_id)


def _not_found(review_id: int) -> NotFoundError:
    return NotFoundError(f"review {review_id} not found")
