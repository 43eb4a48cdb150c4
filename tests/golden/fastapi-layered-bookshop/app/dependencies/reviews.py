"""Dependency injection for reviews: the service, on the request's database."""

from typing import Annotated

from fastapi import Depends

from app.database.data_layer.reviews import ReviewDAO
from app.dependencies.common import DatabaseDep
from app.services.review_service import ReviewService


async def get_review_service(database: DatabaseDep) -> ReviewService:
    return ReviewService(ReviewDAO(database))


ReviewServiceDep = Annotated[ReviewService, Depends(get_review_service)]
