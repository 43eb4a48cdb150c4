"""Application-wide behaviour: health, readiness, request ids and the error shape."""

from fastapi import FastAPI
from httpx import AsyncClient

from app.database.postgres import Database
from app.dependencies.common import database as database_dependency


async def test_ready_is_503_when_the_database_is_unreachable(
    application: FastAPI, client: AsyncClient
) -> None:
    unreachable = Database(
        "sqlite+aiosqlite:////nonexistent-folder/app.db", pool_size=1, pool_timeout=1
    )

    async def broken_database() -> Database:
        return unreachable

    application.dependency_overrides[database_dependency] = broken_database
    response = await client.get("/ready")
    assert response.status_code == 503
    assert response.json()["error"]["code"] == "unavailable"


async def test_health(client: AsyncClient) -> None:
    response = await client.get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


async def test_request_id_is_echoed(client: AsyncClient) -> None:
    response = await client.get("/health", headers={"X-Request-ID": "abc-123"})
    assert response.headers["X-Request-ID"] == "abc-123"
    generated = await client.get("/health")
    assert len(generated.headers["X-Request-ID"]) == 32


async def test_unknown_path_has_the_error_shape(client: AsyncClient) -> None:
    response = await client.get("/no/such/path")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


async def test_wrong_method_has_the_error_shape(client: AsyncClient) -> None:
    response = await client.put("/health")
    assert response.status_code == 405
    assert response.json()["error"]["code"] == "method_not_allowed"


async def test_unhandled_error_does_not_leak(application: FastAPI, client: AsyncClient) -> None:
    async def explode() -> None:
        raise RuntimeError("secret internals")

    application.add_api_route("/test-explode", explode)
    try:
        response = await client.get("/test-explode")
    finally:
        application.router.routes.pop()
    assert response.status_code == 500
    assert response.json() == {
        "error": {"code": "internal_error", "message": "internal server error", "details": []}
    }
    assert "secret" not in response.text


async def test_openapi_documents_the_api(client: AsyncClient) -> None:
    response = await client.get("/openapi.json")
    assert response.status_code == 200
    assert "/health" in response.json()["paths"]
