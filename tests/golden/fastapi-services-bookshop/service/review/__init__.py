"""The review service: its public interface (other services import only from here)."""

from service.review.db import ReviewDb
from service.review.models import (
    ReviewCreate,
    ReviewPage,
    ReviewQuery,
    ReviewRead,
    ReviewUpdate,
)
from service.review.routes import router

__all__ = [
    "ReviewCreate",
    "ReviewDb",
    "ReviewPage",
    "ReviewQuery",
    "ReviewRead",
    "ReviewUpdate",
    "router",
]
