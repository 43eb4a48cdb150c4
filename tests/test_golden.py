"""The generated tree for each example spec, file by file (UPDATE_GOLDEN=1 rewrites it: `make golden`)."""

from __future__ import annotations

import difflib
import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, Cli

GOLDEN = Path(__file__).parent / "golden"
# name -> (spec, preset): None keeps the spec's own preset (the default one for these examples)
CASES: dict[str, tuple[Path, str | None]] = {
    "bookshop": (EXAMPLES / "bookshop.yaml", None),
    "everything": (EXAMPLES / "everything.json", None),
    "fastapi-services-bookshop": (EXAMPLES / "bookshop.yaml", "fastapi-services"),
    "fastapi-layered-bookshop": (EXAMPLES / "bookshop.yaml", "fastapi-layered"),
    "flask-subapps-bookshop": (EXAMPLES / "bookshop.yaml", "flask-subapps"),
    "flask-layered-bookshop": (EXAMPLES / "bookshop.yaml", "flask-layered"),
}


def _files(root: Path) -> dict[str, str]:
    """The tree, without the record of what layerkit generates (.layerkit.base.json: the same
    files again, which test_the_record_of_what_was_generated_is_the_tree checks)."""
    files = (p for p in sorted(root.rglob("*")) if p.is_file() and p.name != ".layerkit.base.json")
    return {str(p.relative_to(root)): p.read_text() for p in files}


@pytest.mark.parametrize("name", sorted(CASES))
def test_generated_tree_matches_golden(name: str, cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / name
    spec, preset = CASES[name]
    chosen = ["--preset", preset] if preset else []
    code, _, err = cli("new", "--spec", spec, "--dir", target, "--no-input", *chosen, cwd=tmp_path)
    assert code == 0, err
    expected_root = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        shutil.rmtree(expected_root, ignore_errors=True)
        shutil.copytree(target, expected_root, ignore=shutil.ignore_patterns(".layerkit.base.json"))
    actual, expected = _files(target), _files(expected_root)
    assert sorted(actual) == sorted(expected), "the set of generated files changed (make golden)"
    for path, text in expected.items():
        if actual[path] != text:
            diff = "".join(
                difflib.unified_diff(text.splitlines(True), actual[path].splitlines(True), path, path)
            )
            pytest.fail(f"{path} differs from the golden copy (make golden to accept):\n{diff}")


@pytest.mark.parametrize("name", ["everything", "flask-layered-bookshop"])
def test_the_record_of_what_was_generated_is_the_tree(name: str, cli: Cli, tmp_path: Path) -> None:
    """`.layerkit.base.json` (the base of later three-way merges) holds every generated file
    exactly as written, except the manifest and the migrations (history, never rendered again)."""
    import json

    spec, preset = CASES[name]
    chosen = ["--preset", preset] if preset else []
    code, _, err = cli("new", "--spec", spec, "--dir", tmp_path / "p", "--no-input", *chosen, cwd=tmp_path)
    assert code == 0, err
    base = json.loads((tmp_path / "p/.layerkit.base.json").read_text())
    tree = _files(tmp_path / "p")
    migrations = {path for path in tree if "/versions/v" in path}
    assert migrations, "the spec's resources have migrations"
    assert base["files"] == {p: t for p, t in tree.items() if p not in migrations and p != ".layerkit.toml"}
