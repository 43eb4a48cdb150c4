"""One database per test run; every test runs in a transaction that is rolled back."""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from app import App, create_app
from helper.DBSession import Database
from startup.Alchemy import Base, build_engine, init_db
from startup.Environment import Settings


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    default = Path(tmp_path_factory.mktemp("db")) / "test.db"
    return os.environ.get("TEST_DATABASE_URL") or f"sqlite:///{default}"


@pytest.fixture(scope="session")
def test_database(database_url: str) -> Iterator[Database]:
    init_db()  # imports every model into Base.metadata
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
    return create_app(settings, database=test_database)


@pytest.fixture
def client(application: App, database: Database) -> FlaskClient:
    return application.test_client()
