"""HTTP for reviews: parse the request, call the service, choose the status code."""

from typing import Annotated

from fastapi import APIRouter, Query

from app.api.errors import ERROR_RESPONSES
from app.dependencies.common import IdPath
from app.dependencies.reviews import ReviewServiceDep
from app.schemas.reviews import (
    ReviewCreate,
    ReviewPage,
    ReviewQuery,
    ReviewRead,
    ReviewUpdate,
)

router = APIRouter(prefix="/reviews", tags=["reviews"], responses=ERROR_RESPONSES)


@router.get("")
async def list_reviews(
    service: ReviewServiceDep, query: Annotated[ReviewQuery, Query()]
) -> ReviewPage:
    return await service.search(query)


@router.post("", status_code=201)
async def create_review(data: ReviewCreate, service: ReviewServiceDep) -> ReviewRead:
    return await service.create(data)


@router.get("/{review_id:int}")
async def get_review(review_id: IdPath, service: ReviewServiceDep) -> ReviewRead:
    return await service.get(review_id)


@router.patch("/{review_id:int}")
async def update_review(
    review_id: IdPath, data: ReviewUpdate, service: ReviewServiceDep
) -> ReviewRead:
    return await service.update(review_id, data)


@router.delete("/{review_id:int}", status_code=204)
async def delete_review(review_id: IdPath, service: ReviewServiceDep) -> None:
    await service.delete(review_id)
