"""Business rules for reviews: raises domain errors and knows no HTTP."""

from app.core.errors import NotFoundError
from app.reviews.repository import ReviewRepository
from app.reviews.schemas import (
    ReviewCreate,
    ReviewPage,
    ReviewQuery,
    ReviewRead,
    ReviewUpdate,
)


class ReviewService:
    def __init__(self, repository: ReviewRepository) -> None:
        self._repository = repository

    async def get(self, review_id: int) -> ReviewRead:
        review = await self._repository.get(review_id)
        if review is None:
            raise _not_found(review_id)
        return review

    async def search(self, query: ReviewQuery) -> ReviewPage:
        items, has_more, total = await self._repository.page(query)
        return ReviewPage(
            items=items, total=total, limit=query.limit, offset=query.offset, has_more=has_more
        )

    async def create(self, data: ReviewCreate) -> ReviewRead:
        return await self._repository.create(data)

    async def update(self, review_id: int, data: ReviewUpdate) -> ReviewRead:
        review = await self._repository.update(review_id, data.model_dump(exclude_unset=True))
        if review is None:
            raise _not_found(review_id)
        return review

    async def delete(self, review_id: int) -> None:
        if not await self._repository.delete(review_id):
            raise _not_found(review_id)


def _not_found(review_id: int) -> NotFoundError:
    return NotFoundError(f"review {review_id} not found")
