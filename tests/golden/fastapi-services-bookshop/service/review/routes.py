"""API routes of the review service.

HTTP only: parse the request, call the service's db operations, choose the status code.
"""

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from api.deps import DatabaseDep, IdPath
from api.errors import ERROR_RESPONSES
from service.review.db import ReviewDb
from service.review.models import (
    ReviewCreate,
    ReviewPage,
    ReviewQuery,
    ReviewRead,
    ReviewUpdate,
)

router = APIRouter(prefix="/reviews", tags=["reviews"], responses=ERROR_RESPONSES)


async def get_review_db(database: DatabaseDep) -> ReviewDb:
    return ReviewDb(database)


DbDep = Annotated[ReviewDb, Depends(get_review_db)]


@router.get("")
async def list_reviews(db: DbDep, query: Annotated[ReviewQuery, Query()]) -> ReviewPage:
    return await db.search(query)


@router.post("", status_code=201)
async def create_review(data: ReviewCreate, db: DbDep) -> ReviewRead:
    return await db.create(data)


@router.get("/{review_id:int}")
async def get_review(review_id: IdPath, db: DbDep) -> ReviewRead:
    return await db.get(review_id)


@router.patch("/{review_id:int}")
async def update_review(review_id: IdPath, data: ReviewUpdate, db: DbDep) -> ReviewRead:
    return await db.update(review_id, data)


@router.delete("/{review_id:int}", status_code=204)
async def delete_review(review_id: IdPath, db: DbDep) -> None:
    await db.delete(review_id)
