"""HTTP for reviews: parse the request, call the service, choose the status code."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from app.api.deps import DatabaseDep, IdPath
from app.api.errors import ERROR_RESPONSES
from app.reviews.repository import ReviewRepository
from app.reviews.schemas import (
    ReviewCreate,
    ReviewPage,
    ReviewQuery,
    ReviewRead,
    ReviewUpdate,
)
from app.reviews.service import ReviewService

router = APIRouter(prefix="/reviews", tags=["reviews"], responses=ERROR_RESPONSES)


async def get_review_service(database: DatabaseDep) -> ReviewService:
    return ReviewService(ReviewRepository(database))


ServiceDep = Annotated[ReviewService, Depends(get_review_service)]


@router.get("")
async def list_reviews(service: ServiceDep, query: Annotated[ReviewQuery, Query()]) -> ReviewPage:
    return await service.search(query)


@router.post("", status_code=201)
async def create_review(data: ReviewCreate, service: ServiceDep) -> ReviewRead:
    return await service.create(data)


@router.get("/{review_id:int}")
async def get_review(review_id: IdPath, service: ServiceDep) -> ReviewRead:
    return await service.get(review_id)


@router.patch("/{review_id:int}")
async def update_review(review_id: IdPath, data: ReviewUpdate, service: ServiceDep) -> ReviewRead:
    return await service.update(review_id, data)


@router.delete("/{review_id:int}", status_code=204)
async def delete_review(review_id: IdPath, service: ServiceDep) -> None:
    await service.delete(review_id)
