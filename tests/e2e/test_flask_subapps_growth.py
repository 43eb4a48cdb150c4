"""A flask-subapps project grown with `generate resource` passes its own checks and tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.helpers import own_tests, run, static_checks, tool

pytestmark = pytest.mark.e2e


def test_generated_sub_apps_pass_lint_contract_and_tests(tmp_path: Path) -> None:
    run([tool("layerkit"), "new", "shop", "--preset", "flask-subapps", "--no-input"], cwd=tmp_path)
    project = tmp_path / "shop"
    static_checks(project)  # no resource yet: the contract already holds
    layerkit = tool("layerkit")
    run(
        [layerkit, "generate", "resource", "author", "name:str:max=80", "born:date:default=2000-01-01"],
        cwd=project,
    )
    run(
        [layerkit, "generate", "resource", "book", "title:str:unique", "date:date?", "author:ref"],
        cwd=project,
    )
    static_checks(project)
    output = own_tests(project)
    assert " passed" in output and "failed" not in output
    assert "books" in run([tool("python"), "-m", "pytest", "--collect-only", "-q"], cwd=project)
