"""Shared helpers: run the CLI in-process, snapshot trees, find the local PostgreSQL."""

from __future__ import annotations

import hashlib
import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from layerkit.cli import app

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
PG_ADMIN_URL = os.environ.get("LAYERKIT_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres")


class Cli:
    """`layerkit ...` in-process, in a given folder."""

    def __init__(self, runner: CliRunner) -> None:
        self.runner = runner

    def __call__(self, *args: str | Path, cwd: Path) -> tuple[int, str, str]:
        previous = Path.cwd()
        os.chdir(cwd)
        try:
            result = self.runner.invoke(app, [str(a) for a in args], catch_exceptions=False)
        finally:
            os.chdir(previous)
        return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def cli() -> Cli:
    return Cli(CliRunner())


def snapshot(root: Path) -> dict[str, str]:
    """Every file under root (relative path -> sha256), to prove a command changed nothing."""
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def _pg_available() -> bool:
    import asyncio

    import asyncpg

    async def probe() -> None:
        connection = await asyncpg.connect(PG_ADMIN_URL, timeout=3)
        await connection.close()

    try:
        asyncio.run(probe())
    except (OSError, asyncpg.PostgresError, TimeoutError):
        return False
    return True


def _admin(sql: str) -> None:
    import asyncio

    import asyncpg

    async def run() -> None:
        connection = await asyncpg.connect(PG_ADMIN_URL, timeout=5)
        try:
            await connection.execute(sql)
        finally:
            await connection.close()

    asyncio.run(run())


@pytest.fixture(scope="session")
def postgres() -> Iterator[str]:
    """A factory-less PostgreSQL check: yields the admin URL; required when CI=true."""
    if not _pg_available():
        if os.environ.get("CI") == "true":
            pytest.fail(f"PostgreSQL is required in CI but not reachable at {PG_ADMIN_URL}")
        pytest.skip(f"needs PostgreSQL at {PG_ADMIN_URL} (trust auth, user postgres)")
    yield PG_ADMIN_URL


@pytest.fixture(scope="session")
def make_database(postgres: str) -> Iterator[Callable[[], str]]:
    """Create throw-away databases; returns asyncpg+SQLAlchemy URLs; drops them afterwards."""
    created: list[str] = []

    def make() -> str:
        name = f"lk_test_{uuid.uuid4().hex[:12]}"
        _admin(f'CREATE DATABASE "{name}"')
        created.append(name)
        return f"postgresql+asyncpg://postgres@127.0.0.1:5432/{name}"

    yield make
    for name in created:
        _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
