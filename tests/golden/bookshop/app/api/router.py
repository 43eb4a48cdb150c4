"""The /api/v1 router: the one place where resource routers are registered."""

from fastapi import APIRouter

from app.authors import router as authors_router
from app.books import router as books_router
from app.reviews import router as reviews_router

api_router = APIRouter(prefix="/api/v1")
api_router.include_router(authors_router)
api_router.include_router(books_router)
api_router.include_router(reviews_router)
