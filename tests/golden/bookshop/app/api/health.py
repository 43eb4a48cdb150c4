"""Liveness (/health) and readiness (/ready: the database answers)."""

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from app.api.deps import DatabaseDep
from app.api.errors import ErrorBody, error_response

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
    return error_response(503, "unavailable", "the database is not reachable")
