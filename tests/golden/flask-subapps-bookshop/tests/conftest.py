"""One database per test run; every test runs in a transaction that is rolled back."""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask.testing import FlaskClient

import app.core.database.models  # noqa: F401  (imports every model into Base.metadata)
from app.api.root import root
from app.core.app import App, create_app
from app.core.config import Settings
from app.core.database.base import Base
from app.core.database.database import Database
from app.core.database.engine import build_engine


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    default = Path(tmp_path_factory.mktemp("db")) / "test.db"
    return os.environ.get("TEST_DATABASE_URL") or f"sqlite:///{default}"


@pytest.fixture(scope="session")
def test_database(database_url: str) -> Iterator[Database]:
    engine = build_engine(database_url)
    with engine.begin() as connection:
        Base.metadata.drop_all(connection)
        Base.metadata.create_all(connection)
    engine.dispose()
    database = Database(database_url, pool_size=1, pool_timeout=5)
    yield database
    database.close()


@pytest.fixture
def database(test_database: Database) -> Iterator[Database]:
    with test_database.rolled_back():
        yield test_database


@pytest.fixture
def statements(database: Database) -> Iterator[list[str]]:
    """Every SQL statement the test runs, in order (to prove there are no per-row queries)."""
    seen: list[str] = []
    database.listener = seen.append
    yield seen
    database.listener = None


@pytest.fixture(scope="session")
def application(test_database: Database) -> App:
    settings = Settings(environment="test", log_requests=False)
    return create_app(settings, blueprints=[root], database=test_database)


@pytest.fixture
def client(application: App, database: Database) -> FlaskClient:
    return application.test_client()
