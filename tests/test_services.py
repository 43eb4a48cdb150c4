"""`layerkit generate service NAME` in every preset: where the package goes, what it turns on,
the names it refuses (changing nothing) and the contract it adds. The generated code's own
checks and tests (Celery through a real worker) run in tests/e2e/test_services.py."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from layerkit.edit.contracts import add_dependencies, add_requirements
from layerkit.presets import PRESET_NAMES, get_preset
from tests.conftest import Cli, snapshot

SIX = {"__init__.py", "database_transactions.py", "exceptions.py", "service.py", "tasks.py", "utils.py"}
# Where each preset puts a service's package, and its Celery app
FOLDERS = {
    "fastapi": ("app/services/mailer", "app/core/celery.py"),
    "fastapi-layered": ("app/services/mailer", "app/core/celery.py"),
    "fastapi-services": ("service/mailer", "common/celery.py"),
    "flask-subapps": ("app/services/mailer", "app/core/celery.py"),
    # seed 001: api/ is the source root, the package is `services.mailer`
    "flask-layered": ("api/services/mailer", "api/startup/Celery.py"),
}
# The name of the service that runs the app in each preset's docker-compose.yml
COMPOSE_APP = {"fastapi-layered": "app", "fastapi-services": "app", "flask-layered": "backend"}


def new_project(cli: Cli, tmp_path: Path, preset: str) -> Path:
    code, _, err = cli("new", "shop", "--preset", preset, "--no-input", cwd=tmp_path)
    assert code == 0, err
    project = tmp_path / "shop"
    code, _, err = cli("generate", "resource", "book", "title:str", cwd=project)
    assert code == 0, err
    return project


@pytest.fixture(params=sorted(FOLDERS))
def project(request: pytest.FixtureRequest, cli: Cli, tmp_path: Path) -> Path:
    return new_project(cli, tmp_path, request.param)


def preset_of(project: Path) -> str:
    return str(tomllib.loads((project / ".layerkit.toml").read_text())["layerkit"]["preset"])


def test_every_preset_has_services_in_its_layout() -> None:
    assert set(FOLDERS) <= set(PRESET_NAMES)
    for name in FOLDERS:
        roles = {artifact.role for artifact in get_preset(name).layout.service}
        assert {"init", "service", "tasks", "test_service", "test_tasks"} <= roles


def test_a_service_is_six_modules_in_the_presets_folder(cli: Cli, project: Path) -> None:
    preset = preset_of(project)
    folder, celery = FOLDERS[preset]
    code, _, err = cli("generate", "service", "mailer", cwd=project)
    assert code == 0, err
    assert {path.name for path in (project / folder).iterdir()} == SIX
    init = (project / folder / "__init__.py").read_text()
    assert "__all__ = [" in init
    for name in ("MailerService", "MailerError", "MailerInputError", "summarize"):
        assert f'"{name}"' in init
    assert "class MailerService:" in (project / folder / "service.py").read_text()
    assert "@celery_app.task" in (project / folder / "tasks.py").read_text()
    assert (project / celery).is_file()
    manifest = tomllib.loads((project / ".layerkit.toml").read_text())
    assert list(manifest["services"]) == ["mailer"]
    for path in (*(f"{folder}/{name}" for name in SIX), celery):
        assert path in manifest["files"]
    assert "celery" in (project / "Makefile").read_text()


def test_the_first_service_turns_celery_on_once(cli: Cli, project: Path) -> None:
    preset = preset_of(project)
    celery = FOLDERS[preset][1]
    if preset == "flask-subapps":  # seed 000 has core/celery.py from the start
        assert (project / celery).is_file()
        assert "celery[redis]" in (project / "requirements.txt").read_text()
    else:
        assert not (project / celery).exists()
    cli("generate", "service", "mailer", cwd=project)
    manifest = tomllib.loads((project / ".layerkit.toml").read_text())
    pyproject = (project / "pyproject.toml").read_text()
    config = next(
        p
        for p in project.rglob("*.py")
        if p.name in ("config.py", "settings.py", "Environment.py") and ".venv" not in str(p)
    )
    assert 'celery_broker_url: str = "redis://127.0.0.1:6379/1"' in config.read_text()
    if preset != "flask-subapps":
        assert manifest["project"]["features"] == ["celery"]
    if preset == "flask-layered":  # BackAnt's requirements files hold the dependencies
        requirements = (project / "requirements.txt").read_text().splitlines()
        assert any(line.split("#")[0].strip() == "celery[redis]>=5.4" for line in requirements)
        dev = set((project / "requirements-dev.txt").read_text().splitlines())
        assert {"celery-types>=0.22", "import-linter>=2.5"} <= dev
    elif preset != "flask-subapps":
        dependencies = tomllib.loads(pyproject)["project"]
        assert "celery[redis]>=5.4" in dependencies["dependencies"]
        assert {"celery-types>=0.22", "import-linter>=2.5"} <= set(
            dependencies["optional-dependencies"]["dev"]
        )
    before = snapshot(project)
    code, _, _ = cli("generate", "service", "sftp", cwd=project)
    assert code == 0
    changed = {path for path, digest in snapshot(project).items() if before.get(path) != digest}
    # the second service adds its own files; the contract and the manifest are the only edits
    assert {path for path in changed if path in before} == {
        ".layerkit.base.json",
        ".layerkit.toml",
        "pyproject.toml",
    }


def test_a_rerun_is_nothing_to_do(cli: Cli, project: Path) -> None:
    cli("generate", "service", "mailer", cwd=project)
    before = snapshot(project)
    code, out, _ = cli("generate", "service", "mailer", cwd=project)
    assert code == 0
    assert "nothing to do" in out
    assert snapshot(project) == before


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("class", "it is a Python keyword"),
        ("9lives", "use lower_snake_case"),
        ("v2", "reads as an API version folder"),
        ("s" * 51, "at most 50 characters"),
        ("book", "collides with the resource 'book'"),
        ("books", "collides with the resource 'book'"),
    ],
)
def test_bad_names_are_refused_and_change_nothing(cli: Cli, project: Path, name: str, message: str) -> None:
    before = snapshot(project)
    code, _, err = cli("generate", "service", name, cwd=project)
    assert code == 1
    assert message in err and len(err.strip().splitlines()) == 1, err
    assert snapshot(project) == before


def test_a_name_the_layout_reserves_is_refused(cli: Cli, tmp_path: Path) -> None:
    project = new_project(cli, tmp_path, "fastapi")
    before = snapshot(project)
    code, _, err = cli("generate", "service", "services", cwd=project)
    assert code == 1 and "the project's own 'services'" in err
    assert snapshot(project) == before


def test_a_service_may_not_take_a_resources_module(cli: Cli, tmp_path: Path) -> None:
    """fastapi-layered keeps a resource's service in app/services/<singular>_service.py."""
    project = new_project(cli, tmp_path, "fastapi-layered")
    code, _, err = cli("generate", "service", "book_service", cwd=project)
    assert code == 1 and "collides with the files of the resource 'book'" in err


def test_a_resource_may_not_take_a_services_name(cli: Cli, project: Path) -> None:
    cli("generate", "service", "mailer", cwd=project)
    before = snapshot(project)
    code, _, err = cli("generate", "resource", "mailer", "name:str", cwd=project)
    assert code == 1 and "collides with the service 'mailer'" in err
    assert snapshot(project) == before


def test_dry_run_and_json_write_nothing(cli: Cli, project: Path) -> None:
    before = snapshot(project)
    code, out, _ = cli("generate", "service", "mailer", "--dry-run", cwd=project)
    assert code == 0 and "create" in out and "pyproject.toml" in out
    code, out, _ = cli("generate", "service", "mailer", "--dry-run", "--json", cwd=project)
    report = json.loads(out)
    assert report["status"] == "dry-run"
    assert any(path.endswith("mailer/service.py") for path in report["created"])
    assert snapshot(project) == before


def test_an_edited_settings_module_stops_the_first_service(cli: Cli, tmp_path: Path) -> None:
    project = new_project(cli, tmp_path, "fastapi")
    config = project / "app/core/config.py"
    config.write_text(config.read_text() + "\n# ours\n")
    before = snapshot(project)
    code, _, err = cli("generate", "service", "mailer", cwd=project)
    assert code != 0 and "app/core/config.py" in err
    assert snapshot(project) == before
    code, _, err = cli("generate", "service", "mailer", "--force", cwd=project)
    assert code == 0, err


def test_the_contract_names_each_service(cli: Cli, project: Path) -> None:
    preset = preset_of(project)
    package = get_preset(preset).layout.module_of(FOLDERS[preset][0]).removesuffix(".mailer")
    cli("generate", "service", "mailer", cwd=project)
    contracts = {
        c["id"]: c
        for c in tomllib.loads((project / "pyproject.toml").read_text())["tool"]["importlinter"]["contracts"]
    }
    public = contracts["layerkit-services-public"]
    assert public["type"] == "protected"
    assert public["allowed_importers"] == [f"{package}.mailer"]
    assert f"{package}.mailer.service" in public["protected_modules"]
    below = contracts["layerkit-services-below-api"]
    assert below["source_modules"] == [f"{package}.mailer"]
    assert "layerkit-services-independent" not in contracts  # needs two services
    if preset in ("fastapi", "flask-subapps", "flask-layered"):  # the foundation imports no service
        assert f"{package}.mailer" in contracts["layerkit-foundation"]["forbidden_modules"]
    cli("generate", "service", "sftp", cwd=project)
    contracts = {
        c["id"]: c
        for c in tomllib.loads((project / "pyproject.toml").read_text())["tool"]["importlinter"]["contracts"]
    }
    assert contracts["layerkit-services-independent"]["modules"] == [f"{package}.mailer", f"{package}.sftp"]


def test_a_flask_subapps_project_from_before_celery_gets_it_with_its_first_service(
    cli: Cli, tmp_path: Path
) -> None:
    project = new_project(cli, tmp_path, "flask-subapps")
    (project / "app/core/celery.py").unlink()
    for path in sorted((project / "tests/services").iterdir()):
        path.unlink()
    requirements = project / "requirements.txt"
    requirements.write_text(
        "".join(line for line in requirements.read_text().splitlines(True) if "celery" not in line)
    )
    code, _, err = cli("generate", "service", "mailer", cwd=project)
    assert code == 0, err
    assert (project / "app/core/celery.py").is_file()
    assert (project / "tests/services/conftest.py").is_file()
    assert "celery[redis]>=5.4" in requirements.read_text()


def test_dependency_edits_are_idempotent_and_never_lower_a_minimum() -> None:
    source = '[project]\nname = "x"\ndependencies = ["fastapi>=0.1"]\n\n[project.optional-dependencies]\ndev = ["import-linter>=2.1", "mypy"]\n'
    once = add_dependencies(source, path="p", runtime=["celery[redis]>=5.4"], dev=["import-linter>=2.5"])
    assert (
        add_dependencies(once, path="p", runtime=["celery[redis]>=5.4"], dev=["import-linter>=2.5"]) == once
    )
    data = tomllib.loads(once)["project"]
    assert data["dependencies"] == ["fastapi>=0.1", "celery[redis]>=5.4"]
    assert data["optional-dependencies"]["dev"] == ["import-linter>=2.5", "mypy"]
    higher = add_requirements("import-linter>=3.0\nflask\n", requirements=["import-linter>=2.5", "celery>=5"])
    assert higher == "import-linter>=3.0\nflask\ncelery>=5\n"
    assert add_requirements(higher, requirements=["celery>=5"]) == higher
    assert add_dependencies("[tool.ruff]\n", path="p", runtime=["celery"], dev=[]) == "[tool.ruff]\n"


@pytest.mark.parametrize("preset", sorted(COMPOSE_APP))
def test_compose_runs_a_worker_beside_the_app(cli: Cli, tmp_path: Path, preset: str) -> None:
    import yaml

    from tests.test_preset_services import check_jsonschema

    project = new_project(cli, tmp_path, preset)
    assert "worker" not in yaml.safe_load((project / "docker-compose.yml").read_text())["services"]
    cli("generate", "service", "mailer", cwd=project)
    services = yaml.safe_load((project / "docker-compose.yml").read_text())["services"]
    celery = get_preset(preset).layout.module_of(FOLDERS[preset][1])  # api/ is seed 001's root
    assert services["worker"]["command"][:3] == ["celery", "-A", f"{celery}:celery_app"]
    assert "redis" in services and "redis" in services[COMPOSE_APP[preset]]["depends_on"]
    result = check_jsonschema("vendor.compose-spec", project / "docker-compose.yml")
    assert result.returncode == 0, result.stdout + result.stderr


def test_flask_layered_services_sit_in_backants_services_folder(cli: Cli, tmp_path: Path) -> None:
    """Seed 001: services/ keeps no __init__.py; a service is the regular package
    `services.<name>` beside the resources' <plural>_service.py, its Celery app in startup/."""
    code, _, err = cli("new", "shop", "--preset", "flask-layered", "--no-input", cwd=tmp_path)
    assert code == 0, err
    project = tmp_path / "shop"
    code, _, err = cli("generate", "service", "mailer", cwd=project)  # before any resource
    assert code == 0, err
    assert not (project / "api/services/__init__.py").exists()
    assert (
        "from services.mailer.service import MailerService"
        in (project / "api/services/mailer/__init__.py").read_text()
    )
    assert "from startup.Celery import celery_app" in (project / "api/services/mailer/tasks.py").read_text()
    linter = tomllib.loads((project / "pyproject.toml").read_text())["tool"]["importlinter"]
    assert "services" in linter["root_packages"]  # import-linter sees the service from now on
    contracts = {c["id"]: c for c in linter["contracts"]}
    assert contracts["layerkit-services-public"]["allowed_importers"] == ["services.mailer"]
    assert "services.mailer" in contracts["layerkit-foundation"]["forbidden_modules"]
    assert "startup.Celery:celery_app worker" in (project / "Makefile").read_text()
    assert "CELERY_BROKER_URL=" in (project / ".env").read_text()
    import yaml

    prod = yaml.safe_load((project / "docker-compose-prod.yml").read_text())["services"]
    assert prod["worker"]["command"][:3] == ["celery", "-A", "startup.Celery:celery_app"]
    from tests.test_preset_services import check_jsonschema

    result = check_jsonschema("vendor.compose-spec", project / "docker-compose-prod.yml")
    assert result.returncode == 0, result.stdout + result.stderr
    # the Celery app finds the services' tasks on disk, by their module names under api/
    found = subprocess.run(
        [sys.executable, "-c", "from startup.Celery import task_modules; print(task_modules())"],
        cwd=project,
        env={**os.environ, "PYTHONPATH": str(project / "api")},
        capture_output=True,
        text=True,
        check=False,
    )
    assert found.returncode == 0, found.stderr
    assert found.stdout.strip() == "['services.mailer.tasks']"
    code, _, err = cli("generate", "resource", "book", "title:str", cwd=project)
    assert code == 0, err
    code, _, err = cli("generate", "service", "books_service", cwd=project)
    assert code == 1 and "collides with the files of the resource 'book'" in err
