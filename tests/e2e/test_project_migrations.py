"""A generated project's own `make migration` after hand edits of its models: every column type is
rendered with its import, the revisions pass the project's lint, run (up and down) on SQLite and
PostgreSQL and leave no drift; a missing PostgreSQL database is created in development only."""

from __future__ import annotations

import asyncio
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import asyncpg
import pytest

from tests.conftest import EXAMPLES
from tests.e2e.helpers import BIN, generate, own_tests, project_env, run, tool

pytestmark = pytest.mark.e2e

# The generated Makefile builds a .venv of its own on first use (a minute of pip). Its targets run
# here on the shared environment instead: VENV points them at it, and `-o install` tells make the
# install step is done. The recipes themselves (`migration` = migrate + autogenerate, `lint`,
# `migrate`) are the project's own, unchanged.
MAKE = ["make", "--no-print-directory", "-o", "install", f"VENV={BIN.parent}"]

# The hand edits bring their own imports, so they do not depend on how the templates import.
CUSTOM_TYPE = """

class LowerStr(sa.types.TypeDecorator[str]):
    \"\"\"A type of the project's own, added by hand: migrations must import it too.\"\"\"

    impl = sa.String
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect: sa.engine.Dialect) -> str | None:
        return None if value is None else value.lower()
"""

# Round 1: a new column of every kind, on a table other tables refer to.
ADDED = """
    label: Mapped[str | None] = mapped_column(sa.String(40))
    notes: Mapped[str | None] = mapped_column(sa.Text())
    rank: Mapped[int | None] = mapped_column(sa.Integer())
    ratio: Mapped[float | None] = mapped_column(sa.Float())
    cost: Mapped[decimal.Decimal | None] = mapped_column(sa.Numeric(10, 3))
    fragile: Mapped[bool | None] = mapped_column(sa.Boolean())
    best_before: Mapped[dt.date | None] = mapped_column(sa.Date())
    shipped_at: Mapped[dt.datetime | None] = mapped_column(types.UTCDateTime())
    batch: Mapped[uuid.UUID | None] = mapped_column(sa.Uuid())
    extra: Mapped[dict[str, pydantic.JsonValue] | None] = mapped_column(sa.JSON())
    tags: Mapped[dict[str, pydantic.JsonValue] | None] = mapped_column(
        sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
    )
    grade: Mapped[str | None] = mapped_column(sa.String(6))
    slug: Mapped[str | None] = mapped_column(types.LowerStr(40))
    legacy: Mapped[str | None] = mapped_column(sa.String(10))
    depot_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("warehouse.id", ondelete="SET NULL"), index=True
    )
"""
IMPORTS = """import datetime as dt
import decimal
import uuid

import pydantic
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import Mapped, mapped_column

from app.db import types
"""

# Round 2: change a column's length, another's type, a third's nullability; drop one.
CHANGED = {
    "name": "    name: Mapped[str] = mapped_column(sa.String(120), index=True)\n",
    "description": "    description: Mapped[str | None] = mapped_column(sa.String(2000))\n",
    "stock": "    stock: Mapped[int | None] = mapped_column(sa.Integer())\n",
    "legacy": "",
}


def add_imports(path: Path, imports: str) -> None:
    """Put imports above the module's first one (ruff sorts and merges them afterwards)."""
    text = path.read_text()
    first = re.search(r"^(import|from) ", text, re.M)
    assert first, path
    path.write_text(text[: first.start()] + imports + text[first.start() :])


def tidy(project: Path, path: Path) -> None:
    """What an editor does on save."""
    run([tool("ruff"), "check", "--fix", "--quiet", "--exit-zero", str(path)], cwd=project)
    run([tool("ruff"), "format", "--quiet", str(path)], cwd=project)


def add_columns(project: Path) -> None:
    types = project / "app/db/types.py"
    add_imports(types, "import sqlalchemy as sa\n")
    types.write_text(types.read_text() + CUSTOM_TYPE)
    models = project / "app/products/models.py"
    add_imports(models, IMPORTS)
    text, found = re.subn(
        r'^    __tablename__ = "product"\n', lambda m: m[0] + ADDED, models.read_text(), flags=re.M
    )
    assert found == 1, text
    models.write_text(text)
    tidy(project, types)
    tidy(project, models)


def change_columns(project: Path) -> None:
    models = project / "app/products/models.py"
    text = models.read_text()
    for column, definition in CHANGED.items():
        text, found = re.subn(rf"^    {column}: .*\n", definition, text, flags=re.M)
        assert found == 1, (column, text)
    models.write_text(text)
    tidy(project, models)


def make(project: Path, target: str, **env: str) -> str:
    return run([*MAKE, target], cwd=project, PYTHONPATH=str(project), **env)


def revisions(project: Path) -> list[Path]:
    return sorted((project / "app/db/migrations/versions").glob("v_*.py"), key=lambda p: p.stat().st_mtime_ns)


def migrate_by_hand(project: Path, **env: str) -> None:
    """Edit, `make migration`, twice; an empty `make migration`; lint, migrate, check, tests."""
    before = set(revisions(project))
    add_columns(project)
    make(project, "migration", m="add columns", **env)
    change_columns(project)
    # `make migration` applies the first revision before comparing: it runs, and no hint is needed.
    make(project, "migration", m="change columns", **env)
    make(project, "migration", m="nothing changed", **env)
    new = [p for p in revisions(project) if p not in before]
    assert len(new) == 3, new
    added, changed, empty = new

    text = added.read_text()
    assert "from app.db.types import LowerStr, UTCDateTime" in text, text
    assert 'sa.Column("shipped_at", UTCDateTime(), nullable=True)' in text, text
    assert "LowerStr(length=40)" in text and "postgresql.JSONB" in text, text
    assert 'drop_column("legacy")' in changed.read_text()
    assert "import sqlalchemy" not in empty.read_text()  # no unused imports (F401)

    make(project, "lint")  # ruff, format, mypy, contract: over every revision written above
    make(project, "migrate", **env)
    run([tool("alembic"), "check"], cwd=project, **env)  # the revisions build exactly the models
    run([tool("alembic"), "downgrade", "base"], cwd=project, **env)
    make(project, "migrate", **env)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate(EXAMPLES / "everything.json", tmp_path_factory.mktemp("migrations") / "everything")


def test_hand_edits_migrate_on_sqlite(generated: Path, tmp_path: Path) -> None:
    project = shutil.copytree(generated, tmp_path / "everything")
    migrate_by_hand(project, DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path / 'app.db'}")
    output = own_tests(project)  # test_migrations runs the whole chain again on a fresh SQLite
    assert " passed" in output and "failed" not in output


def _admin(admin_url: str, sql: str, *args: object) -> object:
    async def query() -> object:
        connection = await asyncpg.connect(admin_url)
        try:
            return await connection.fetchval(sql, *args)
        finally:
            await connection.close()

    return asyncio.run(query())


def test_hand_edits_migrate_on_postgres(
    generated: Path, tmp_path: Path, postgres: str, make_database: Callable[[], str]
) -> None:
    project = shutil.copytree(generated, tmp_path / "everything")
    url = make_database()
    name = url.rsplit("/", 1)[1]
    _admin(postgres, f'DROP DATABASE "{name}"')  # not there yet (the fixture drops it once re-created)

    # Outside development the missing database is named in one line, and nothing is created.
    refused = subprocess.run(
        [*MAKE, "migrate"],
        cwd=project,
        env=project_env(DATABASE_URL=url, ENVIRONMENT="production"),
        capture_output=True,
        text=True,
        check=False,
    )
    assert refused.returncode != 0
    assert "Traceback" not in refused.stderr, refused.stderr
    errors = [line for line in refused.stderr.splitlines() if line.startswith("error:")]
    assert errors == [
        f"error: database {name!r} does not exist on 127.0.0.1:5432: create it (createdb {name}),"
        " or set ENVIRONMENT=development to have migrations create it"
    ], refused.stderr
    assert _admin(postgres, "SELECT count(*) FROM pg_database WHERE datname = $1", name) == 0

    # In development (the default) `make migration` creates it, brings it up to date, compares.
    migrate_by_hand(project, DATABASE_URL=url)
    output = own_tests(project, TEST_DATABASE_URL=make_database())
    assert " passed" in output and "failed" not in output
