"""`layerkit check` for real: the project's own lint-imports and Alembic (the shared environment:
`python` on PATH is layerkit's .venv's) on a fresh project, then on one with a planted import
violation, a column added by hand without a migration and a deleted resource file."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import EXAMPLES
from tests.e2e.helpers import generate, project_env, tool

pytestmark = pytest.mark.e2e

# preset -> (module, import that breaks the layers, layers contract), the model, a resource's file
CASES = {
    "fastapi": (
        ("app/books/repository.py", "app.books.router", "inside a resource: router -> service -> repository"),
        "app/books/models.py",
        "tests/books/test_service.py",
    ),
    "flask-layered": (
        ("api/repositories/books_repository.py", "routes.books_route", "routes -> services -> repositories"),
        "api/models/Books_model.py",
        "tests/test_books_service.py",
    ),
}
COLUMN = '    __tablename__ = "book"\n    added_by_hand: Mapped[str | None] = mapped_column(sa.String(20), nullable=True)\n'


def check(project: Path) -> tuple[int, dict[str, Any]]:
    result = subprocess.run(
        [tool("layerkit"), "check", "--json"],
        cwd=project,
        env=project_env(CI="true"),  # a check that could not run would fail: each one runs
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    return result.returncode, json.loads(result.stdout)


@pytest.mark.parametrize("preset", list(CASES))
def test_check_passes_then_finds_what_was_broken(tmp_path: Path, preset: str) -> None:
    project = generate(EXAMPLES / "bookshop.yaml", tmp_path / "bookshop", preset=preset)
    code, report = check(project)
    assert code == 0 and report["status"] == "ok", report
    assert [(c["name"], c["status"], c["findings"]) for c in report["checks"]] == [
        ("contract", "ok", []),
        ("drift", "ok", []),
        ("migrations", "ok", []),
    ]

    (module, target, contract), model, resource_file = CASES[preset]
    with (project / module).open("a") as handle:  # a function's import: grimp sees it, nothing runs it
        handle.write(f"\n\ndef _planted() -> None:\n    import {target}  # noqa: F401\n")
    models = project / model
    models.write_text(models.read_text().replace('    __tablename__ = "book"\n', COLUMN, 1))
    (project / resource_file).unlink()

    code, report = check(project)
    assert code == 1 and report["status"] == "failed"
    results = {c["name"]: c for c in report["checks"]}
    assert {name: c["status"] for name, c in results.items()} == dict.fromkeys(results, "failed")

    (broken,) = results["contract"]["findings"]
    assert broken["kind"] == "broken" and broken["message"].startswith(contract)
    assert any(target in line for line in broken["details"]), broken

    (difference,) = results["migrations"]["findings"]
    assert difference["message"] == "add_column: book.added_by_hand", results["migrations"]

    drift = {(f["kind"], f["path"]) for f in results["drift"]["findings"]}
    assert drift == {("missing", resource_file), ("edited", module), ("edited", model)}
