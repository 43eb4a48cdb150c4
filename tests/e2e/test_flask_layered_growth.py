"""A flask-layered project grown with `generate resource` passes its own checks and tests: the
import contract holds before the first resource (whose folders do not exist yet) and after."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.helpers import own_tests, run, static_checks, tool

pytestmark = pytest.mark.e2e


def test_generated_layers_pass_lint_contract_and_tests(tmp_path: Path) -> None:
    run([tool("layerkit"), "new", "shop", "--preset", "flask-layered", "--no-input"], cwd=tmp_path)
    project = tmp_path / "shop"
    static_checks(project)  # no resource yet: no services/, schemas/ or models/, the contract holds
    layerkit = tool("layerkit")
    run([layerkit, "generate", "resource", "author", "name:str:max=80"], cwd=project)
    run(
        [layerkit, "generate", "resource", "book", "title:str:unique", "date:date?", "author:ref"],
        cwd=project,
    )
    static_checks(project)
    output = own_tests(project)
    assert " passed" in output and "failed" not in output
    assert "test_books.py" in run([tool("python"), "-m", "pytest", "--collect-only", "-q"], cwd=project)
