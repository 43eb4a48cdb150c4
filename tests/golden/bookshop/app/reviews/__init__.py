"""The reviews package: its public interface (other packages import only from here)."""

from app.reviews.models import Review
from app.reviews.router import router
from app.reviews.schemas import (
    ReviewCreate,
    ReviewPage,
    ReviewQuery,
    ReviewRead,
    ReviewUpdate,
)
from app.reviews.service import ReviewService

__all__ = [
    "Review",
    "ReviewCreate",
    "ReviewPage",
    "ReviewQuery",
    "ReviewRead",
    "ReviewService",
    "ReviewUpdate",
    "router",
]
