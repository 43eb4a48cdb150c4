"""Liveness (/health) and readiness (/ready: the database answers a connection of its own, so a
busy pool is not reported as an outage; so does Redis)."""

import asyncio

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from app.api.errors import RETRY_AFTER_SECONDS, ErrorBody, error_response
from app.database.redis import redis_is_ready
from app.dependencies.common import DatabaseDep, RedisDep

router = APIRouter(tags=["health"])


class HealthStatus(BaseModel):
    status: str


@router.get("/health")
async def health() -> HealthStatus:
    return HealthStatus(status="ok")


@router.get(
    "/ready",
    response_model=HealthStatus,
    responses={503: {"model": ErrorBody, "description": "Database or Redis unreachable"}},
)
async def ready(database: DatabaseDep, redis: RedisDep) -> HealthStatus | JSONResponse:
    answers = await asyncio.gather(database.is_ready(), redis_is_ready(redis))
    down = [name for name, up in zip(("database", "redis"), answers, strict=True) if not up]
    if not down:
        return HealthStatus(status="ready")
    retry = {"Retry-After": str(RETRY_AFTER_SECONDS)}
    message = f"not reachable: {', '.join(down)}"
    return error_response(
        503, "unavailable", message, [{"service": name} for name in down], headers=retry
    )
