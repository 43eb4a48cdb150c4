"""The fastapi-layered import contract catches what it names: a layer importing upwards, HTTP
below the dependencies, the foundation importing a layer."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES
from tests.e2e.helpers import generate, project_env, tool

pytestmark = pytest.mark.e2e

VIOLATIONS = [
    ("app/services/book_service.py", "import fastapi", "only api and dependencies speak HTTP"),
    ("app/models/books.py", "import app.database.data_layer.books", "api -> dependencies -> services"),
    ("app/database/data_layer/books.py", "import app.services.book_service", "api -> dependencies"),
    ("app/utils/pagination.py", "import app.schemas.books", "core, exceptions and utils"),
    ("app/database/postgres.py", "import app.models.books", "the database's connections"),
]


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("contract") / "bookshop"
    return generate(EXAMPLES / "bookshop.yaml", target, preset="fastapi-layered")


def lint_imports(project: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [tool("lint-imports")],
        cwd=project,
        env=project_env(PYTHONPATH=str(project)),
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize(("path", "line", "contract"), VIOLATIONS)
def test_a_violation_breaks_its_contract(project: Path, path: str, line: str, contract: str) -> None:
    assert lint_imports(project).returncode == 0
    module = project / path
    original = module.read_text()
    module.write_text(f"{original}\n{line}  # noqa\n")
    try:
        result = lint_imports(project)
    finally:
        module.write_text(original)
    assert result.returncode != 0
    (broken,) = [row for row in result.stdout.splitlines() if row.endswith("BROKEN")]
    assert contract in broken
