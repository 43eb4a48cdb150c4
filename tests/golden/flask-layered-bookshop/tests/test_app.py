"""Application-wide behaviour: health, readiness, request ids and the error shape."""

import pytest
from flask.testing import FlaskClient

from app import App, create_app
from helper.DBSession import Database
from helper.execution_tracking.APIException import APIException
from startup.Environment import Settings


def test_health(client: FlaskClient) -> None:
    response = client.get("/health")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok"}


def test_ready_when_database_answers(client: FlaskClient) -> None:
    response = client.get("/ready")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ready"}


def test_ready_is_503_when_the_database_is_unreachable() -> None:
    unreachable = Database("sqlite:////nonexistent-folder/app.db", pool_size=1, pool_timeout=1)
    app = create_app(Settings(environment="test", log_requests=False), database=unreachable)
    response = app.test_client().get("/ready")
    assert response.status_code == 503
    assert response.get_json()["error"]["code"] == "unavailable"
    assert response.headers["Retry-After"] == "1"


def test_request_id_is_echoed(client: FlaskClient) -> None:
    response = client.get("/health", headers={"X-Request-ID": "abc-123"})
    assert response.headers["X-Request-ID"] == "abc-123"
    generated = client.get("/health")
    assert len(generated.headers["X-Request-ID"]) == 32


def test_unknown_path_has_the_error_shape(client: FlaskClient) -> None:
    response = client.get("/no/such/path")
    assert response.status_code == 404
    assert response.get_json()["error"]["code"] == "not_found"


def test_wrong_method_has_the_error_shape(client: FlaskClient) -> None:
    response = client.put("/health")
    assert response.status_code == 405
    assert response.get_json()["error"]["code"] == "method_not_allowed"
    assert "GET" in response.headers["Allow"]


@pytest.fixture
def exploding(test_database: Database) -> App:
    """An app of its own with a route that fails (routes cannot be added once one has served)."""
    app = create_app(Settings(environment="test", log_requests=False), database=test_database)

    @app.get("/test-explode")
    def explode() -> None:
        raise RuntimeError("secret internals")

    return app


def test_unhandled_error_does_not_leak(exploding: App, database: Database) -> None:
    response = exploding.test_client().get("/test-explode")
    assert response.status_code == 500
    assert response.get_json() == {
        "error": {"code": "internal_error", "message": "internal server error", "details": []}
    }
    assert "secret" not in response.text


@pytest.fixture
def refusing(test_database: Database) -> App:
    app = create_app(Settings(environment="test", log_requests=False), database=test_database)

    @app.get("/test-refuse")
    def refuse() -> None:
        raise APIException("only the owner may do this", status_code=403, code="forbidden")

    return app


def test_an_apiexception_answers_its_own_status(refusing: App, database: Database) -> None:
    response = refusing.test_client().get("/test-refuse")
    assert response.status_code == 403
    assert response.get_json() == {
        "error": {"code": "forbidden", "message": "only the owner may do this", "details": []}
    }


def test_openapi_documents_the_api(client: FlaskClient) -> None:
    response = client.get("/openapi.json")
    assert response.status_code == 200
    assert "/health" in response.get_json()["paths"]


def test_the_docs_page_is_served(client: FlaskClient) -> None:
    response = client.get("/docs")
    assert response.status_code == 200
    assert "openapi.json" in response.text
