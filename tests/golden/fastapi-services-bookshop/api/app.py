"""The FastAPI app: settings, logging, middleware, error handlers, health, the services' routers.

The routes themselves live in their services (`service/<name>/routes.py`); this module only
includes each service's router under the one /api/v1 prefix (`layerkit generate resource` adds
the line).
"""

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import APIRouter, FastAPI

from api.errors import install_error_handlers
from api.health import router as health_router
from api.middleware import RequestIdMiddleware
from common.logging import configure_logging
from common.settings import Settings, get_settings
from db_sql.database import close_database, get_database
from service.author import router as authors_router
from service.book import router as books_router
from service.review import router as reviews_router

api_router = APIRouter(prefix="/api/v1")
api_router.include_router(authors_router)
api_router.include_router(books_router)
api_router.include_router(reviews_router)


@asynccontextmanager
async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
    get_database()  # a bad DATABASE_URL stops the start, not the first request
    # Everything loaded so far lives as long as the process: keep it out of the garbage
    # collector's full passes, which otherwise stall requests for tens of milliseconds.
    gc.freeze()
    yield
    await close_database()


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    configure_logging(settings.log_level)
    app = FastAPI(title=settings.app_name, version="0.1.0", lifespan=lifespan)
    install_error_handlers(app)
    app.add_middleware(RequestIdMiddleware, log_requests=settings.log_requests)
    app.include_router(health_router)
    app.include_router(api_router)
    return app


app = create_app()
