"""The `admin` feature: what `new --admin` (or `features: [admin]`) adds, and that a project without
it has no trace of it. tests/e2e/test_admin_panel.py runs such a project and its panel."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

from layerkit.edit.contracts import contracts
from layerkit.layouts.fastapi import ADMIN_ARTIFACTS, FASTAPI
from layerkit.spec.names import resource_names
from tests.conftest import Cli, snapshot

ADMIN_FILES = {"app/admin/__init__.py", "app/admin/panel.py", "app/admin/routes.py", "tests/admin.py"}
ADMIN_CONTRACTS = {"layerkit-admin-mounted-by-main", "layerkit-admin-reads-models"}


def _new(cli: Cli, folder: Path, *args: str) -> Path:
    code, _, err = cli("new", "shop", "--no-input", *args, cwd=folder)
    assert code == 0, err
    return folder / "shop"


def _contract_ids(project: Path) -> set[str]:
    pyproject = tomllib.loads((project / "pyproject.toml").read_text())
    return {c["id"] for c in pyproject["tool"]["importlinter"]["contracts"]}


def test_admin_adds_the_panel_its_settings_dependency_tests_and_contracts(cli: Cli, tmp_path: Path) -> None:
    project = _new(cli, tmp_path, "--admin")
    files = set(snapshot(project))
    assert ADMIN_FILES | {"tests/test_admin.py"} <= files
    manifest = tomllib.loads((project / ".layerkit.toml").read_text())
    assert manifest["project"]["features"] == ["admin"]
    assert set(manifest["files"]) >= ADMIN_FILES
    dependencies = tomllib.loads((project / "pyproject.toml").read_text())["project"]["dependencies"]
    assert any(d.startswith("sqladmin[auth]") for d in dependencies)
    settings = (project / ".env.example").read_text()
    assert all(f"\n{name}=" in settings for name in ("ADMIN_USERNAME", "ADMIN_PASSWORD", "ADMIN_SECRET_KEY"))
    assert "## Admin panel" in (project / "README.md").read_text()
    main = (project / "app/main.py").read_text()
    assert "install_admin(app, settings)" in main and "await close_admin(application)" in main
    assert _contract_ids(project) >= ADMIN_CONTRACTS


def test_a_project_without_the_feature_has_no_trace_of_it(cli: Cli, tmp_path: Path) -> None:
    project = _new(cli, tmp_path)
    assert not [path for path in snapshot(project) if "admin" in path]
    for path in ("pyproject.toml", ".env.example", "README.md", "app/main.py", "app/core/config.py"):
        assert "admin" not in (project / path).read_text().lower(), path
    assert not _contract_ids(project) & ADMIN_CONTRACTS


def test_the_spec_feature_and_the_flag_make_the_same_project(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "flag").mkdir()
    (tmp_path / "spec").mkdir()
    flagged = _new(cli, tmp_path / "flag", "--admin")
    spec = tmp_path / "shop.json"
    spec.write_text(json.dumps({"name": "shop", "features": ["admin"]}))
    code, _, err = cli("new", "--spec", spec, "--no-input", cwd=tmp_path / "spec")
    assert code == 0, err
    assert snapshot(flagged) == snapshot(tmp_path / "spec/shop")


def test_each_resource_gets_an_admin_test_only_with_the_feature(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "with").mkdir()
    (tmp_path / "without").mkdir()
    for folder, args in ((tmp_path / "with", ("--admin",)), (tmp_path / "without", ())):
        project = _new(cli, folder, *args)
        code, _, err = cli("generate", "resource", "book", "title:str", cwd=project)
        assert code == 0, err
        assert (project / "tests/books/test_admin.py").exists() == bool(args)
    admin_only = tomllib.loads((tmp_path / "with/shop/pyproject.toml").read_text())["tool"]["importlinter"]
    reads = next(c for c in admin_only["contracts"] if c["id"] == "layerkit-admin-reads-models")
    assert "app.books.service" in reads["forbidden_modules"]


def test_admin_contracts_are_held_only_with_the_feature() -> None:
    books = [resource_names("book")]
    assert not {c["id"] for c in contracts(FASTAPI, books)} & ADMIN_CONTRACTS
    held = {c["id"]: c for c in contracts(FASTAPI, books, features=frozenset({"admin"}))}
    assert held["layerkit-admin-mounted-by-main"]["source_modules"] == [
        "app.api",
        "app.core",
        "app.db",
        "app.models",
        "app.books",
    ]
    assert held["layerkit-admin-mounted-by-main"]["forbidden_modules"] == ["app.admin"]


def test_admin_artifacts_live_under_the_admin_package_behind_the_feature() -> None:
    assert all(artifact.feature == "admin" for artifact in ADMIN_ARTIFACTS)
    assert {a.path for a in ADMIN_ARTIFACTS if a.path.startswith("{package}/")} == {
        "{package}/admin/__init__.py",
        "{package}/admin/panel.py",
        "{package}/admin/routes.py",
    }
    assert set(ADMIN_ARTIFACTS) <= set(FASTAPI.project_artifacts(frozenset({"admin"})))
    assert not set(ADMIN_ARTIFACTS) & set(FASTAPI.project_artifacts(frozenset()))
