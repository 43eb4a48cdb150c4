"""One database per test run; every test runs in a transaction that is rolled back."""

import os
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from httpx import ASGITransport, AsyncClient

import app.models  # noqa: F401  (imports every model into Base.metadata)
from app.database.base import Base
from app.database.engine import build_engine
from app.database.postgres import Database
from app.dependencies.common import database as database_dependency
from app.main import create_app


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    default = Path(tmp_path_factory.mktemp("db")) / "test.db"
    return os.environ.get("TEST_DATABASE_URL") or f"sqlite+aiosqlite:///{default}"


@pytest.fixture(scope="session")
async def test_database(database_url: str) -> AsyncIterator[Database]:
    engine = build_engine(database_url)
    async with engine.begin() as connection:
        await connection.run_sync(Base.metadata.drop_all)
        await connection.run_sync(Base.metadata.create_all)
    await engine.dispose()
    database = Database(database_url, pool_size=1, pool_timeout=5)
    yield database
    await database.close()


@pytest.fixture
async def database(test_database: Database) -> AsyncIterator[Database]:
    async with test_database.rolled_back():
        yield test_database


@pytest.fixture
def statements(database: Database) -> Iterator[list[str]]:
    """Every SQL statement the test runs, in order (to prove there are no per-row queries)."""
    seen: list[str] = []
    database.listener = seen.append
    yield seen
    database.listener = None


@pytest.fixture(scope="session")
def application() -> FastAPI:
    return create_app()


@pytest.fixture
async def client(application: FastAPI, database: Database) -> AsyncIterator[AsyncClient]:
    async def test_database() -> Database:
        return database

    application.dependency_overrides[database_dependency] = test_database
    transport = ASGITransport(app=application, raise_app_exceptions=False)
    async with AsyncClient(transport=transport, base_url="http://test") as client:
        yield client
    application.dependency_overrides.clear()
