"""The /api/v1 router: the one place where this version's resource routers are registered."""

from fastapi import APIRouter

from app.api.v1.authors import router as authors_router
from app.api.v1.books import router as books_router
from app.api.v1.reviews import router as reviews_router

router = APIRouter(prefix="/api/v1")
router.include_router(authors_router)
router.include_router(books_router)
router.include_router(reviews_router)
