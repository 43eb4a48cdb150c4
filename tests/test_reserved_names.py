"""Resource names that would shadow what the generated modules import are refused in one line,
before anything is written; names that only look alike work."""

from __future__ import annotations

from pathlib import Path

import pytest

from layerkit.render.engine import rebound_name
from tests.conftest import Cli, snapshot

PRESETS = ["fastapi", "fastapi-services", "fastapi-layered", "flask-subapps"]


@pytest.fixture(params=PRESETS)
def project(request: pytest.FixtureRequest, cli: Cli, tmp_path: Path) -> Path:
    code, _, err = cli("new", "shop", "--preset", request.param, "--no-input", cwd=tmp_path)
    assert code == 0, err
    return tmp_path / "shop"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("core", "collides with the project's own 'core'"),
        ("page", "'PageQuery' would stand for two things"),  # its Query schema is the shared base's name
    ],
)
def test_a_name_that_shadows_the_project_is_refused(cli: Cli, project: Path, name: str, message: str) -> None:
    before = snapshot(project)
    code, out, err = cli("generate", "resource", name, "title:str", cwd=project)
    assert code == 1 and err.startswith("error: ") and err.count("\n") == 1, err
    assert message in err and "choose another name" in err and "Traceback" not in out + err
    assert snapshot(project) == before


@pytest.mark.parametrize("preset", ["fastapi", "flask-subapps"])
@pytest.mark.parametrize("name", ["database", "statement"])
def test_the_data_layer_names_are_reserved(cli: Cli, tmp_path: Path, preset: str, name: str) -> None:
    assert cli("new", "shop", "--preset", preset, "--no-input", cwd=tmp_path)[0] == 0
    before = snapshot(tmp_path / "shop")
    code, _, err = cli("generate", "resource", name, "title:str", cwd=tmp_path / "shop")
    assert code == 1 and f"collides with the project's own '{name}'" in err and err.count("\n") == 1
    assert snapshot(tmp_path / "shop") == before


def test_names_that_only_look_alike_work(cli: Cli, project: Path) -> None:
    for name in ("engine", "session", "query", "field", "text", "database_item"):
        code, _, err = cli("generate", "resource", name, "title:str", cwd=project)
        assert code == 0, err


def test_rebound_name_finds_a_name_bound_twice() -> None:
    assert rebound_name("from a import X\nfrom b import Y\n") is None
    assert rebound_name("from a import X\nfrom b import X\n") == ("X", "from a", "from b")
    assert rebound_name("from a import X\nclass X:\n    pass\n") == ("X", "from a", "its own definition")
    assert rebound_name("from a import X as Y\nfrom b import X\n") is None


@pytest.mark.parametrize("preset", ["fastapi", "flask-subapps"])  # tests/<plural>/ beside tests/helpers.py
def test_a_package_that_would_hide_a_project_module_is_refused(cli: Cli, tmp_path: Path, preset: str) -> None:
    assert cli("new", "shop", "--preset", preset, "--no-input", cwd=tmp_path)[0] == 0
    before = snapshot(tmp_path / "shop")
    code, _, err = cli("generate", "resource", "helper", "title:str", cwd=tmp_path / "shop")
    assert code == 1 and err.count("\n") == 1, err
    assert "its tests/helpers/__init__.py would hide the project's own tests/helpers.py" in err
    assert snapshot(tmp_path / "shop") == before


def test_the_model_registry_lists_models_in_ruffs_order() -> None:
    from layerkit.edit.registration import register_model

    source = '"""Every model."""\n'
    for name in ("Probe10", "Probe2", "Probe1", "Book"):
        source = register_model(source, path="app/models.py", origin=f"app.{name.lower()}", name=name)
    assert '"Book",\n    "Probe1",\n    "Probe2",\n    "Probe10",' in source
