"""The reviews sub-app: its public interface (other code imports only from here)."""

from app.reviews.models import Review
from app.reviews.routes import blueprint
from app.reviews.schemas import (
    ReviewCreate,
    ReviewPage,
    ReviewQuery,
    ReviewRead,
    ReviewUpdate,
)
from app.reviews.types import ReviewRow, ReviewRowPage
from app.reviews.utils import ReviewService

__all__ = [
    "Review",
    "ReviewCreate",
    "ReviewPage",
    "ReviewQuery",
    "ReviewRead",
    "ReviewRow",
    "ReviewRowPage",
    "ReviewService",
    "ReviewUpdate",
    "blueprint",
]
