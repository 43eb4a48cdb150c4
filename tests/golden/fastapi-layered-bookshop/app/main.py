"""Application factory: settings, logging, middleware, error handlers, routers, lifespan."""

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from app.api import api_router
from app.api.errors import install_error_handlers
from app.api.health import router as health_router
from app.core.config import Settings, get_settings
from app.core.logger import configure_logging
from app.database.postgres import close_database, get_database
from app.database.redis import close_redis, get_redis
from app.middlewares.custom_middlewares import RequestIdMiddleware


@asynccontextmanager
async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
    get_database()  # a bad DATABASE_URL stops the start, not the first request
    get_redis()  # and so does a bad REDIS_URL (it connects on first use)
    # Everything loaded so far lives as long as the process: keep it out of the garbage
    # collector's full passes, which otherwise stall requests for tens of milliseconds.
    gc.freeze()
    yield
    try:
        await close_database()
    finally:
        await close_redis()


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
