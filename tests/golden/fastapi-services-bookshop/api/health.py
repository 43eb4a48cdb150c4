"""Liveness (/health) and readiness (/ready: the database answers a connection of its own, so a
busy pool is not reported as an outage)."""

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from api.deps import DatabaseDep
from api.errors import RETRY_AFTER_SECONDS, ErrorBody, error_response

router = APIRouter(tags=["health"])


class HealthStatus(BaseModel):
    status: str


@router.get("/health")
async def health() -> HealthStatus:
    return HealthStatus(status="ok")


@router.get(
    "/ready",
    response_model=HealthStatus,
    responses={503: {"model": ErrorBody, "description": "Database unreachable"}},
)
async def ready(database: DatabaseDep) -> HealthStatus | JSONResponse:
    if await database.is_ready():
        return HealthStatus(status="ready")
    retry = {"Retry-After": str(RETRY_AFTER_SECONDS)}
    return error_response(503, "unavailable", "the database is not reachable", headers=retry)
