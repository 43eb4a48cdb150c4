"""The `fastapi-layered` preset (seed 003): its tree against the seed's, folder by folder, and the
commands (generate, apply, --dry-run, --json, conflicts, idempotency) working in it as in the default."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest

from layerkit.presets import CATALOG
from tests.conftest import EXAMPLES, Cli, snapshot
from tests.readme import layerkit_commands

PRESET = "fastapi-layered"
SEED = "003_378e6498d035f4e4.txt"

# Seed 003's tree for its `users` and `items`, folder by folder, less what other issues bring:
# api/v1/auth.py, dependencies/auth.py, utils/hashing.py (auth), database/mongo.py, admin/ (the
# --admin feature), models/ and schemas/status.py (a third resource), services/{redis,request,
# broker}_service.py (the seed's examples of services that are not a resource's), requirements.txt
# (pyproject.toml instead) and .env (git-ignored; .env.example instead). The seed lists
# dependencies/users.py only; items get theirs the same way. The seed's tests/test_<plural>.py
# are the API tests.
SEED_TREE = {
    ".": ["Dockerfile", "docker-compose.yml", "alembic.ini", "Makefile", "README.md"],
    "app": ["__init__.py", "main.py"],
    "app/api": ["__init__.py"],
    "app/api/v1": ["__init__.py", "users.py", "items.py"],
    "app/core": ["__init__.py", "config.py", "logger.py"],
    "app/database": ["__init__.py", "postgres.py", "redis.py"],
    "app/database/data_layer": ["__init__.py", "base_dao.py", "users.py", "items.py"],
    "app/database/migrations": ["env.py", "script.py.mako"],
    "app/models": ["__init__.py", "users.py", "items.py"],
    "app/schemas": ["__init__.py", "users.py", "items.py"],
    "app/middlewares": ["__init__.py", "custom_middlewares.py"],
    "app/services": [
        "__init__.py",
        "user_service.py",
        "item_service.py",
    ],  # seed: services/v1/user_service.py
    "app/dependencies": ["__init__.py", "users.py", "items.py"],
    "app/utils": ["__init__.py", "pagination.py"],
    "app/exceptions": ["__init__.py", "custom_exceptions.py"],
    "tests": ["__init__.py", "test_users.py", "test_items.py"],
}
# What we add to each folder, and why (everything else the seed does not name).
OUR_ADDITIONS = {
    ".": [
        ".dockerignore",
        ".env.example",
        ".gitignore",
        ".layerkit.base.json",
        ".layerkit.toml",
        "pyproject.toml",
    ],
    "app/api": ["errors.py", "health.py"],  # the one JSON error body; /health and /ready
    "app/core": ["types.py"],  # the field types every schema and model shares
    # the data layer's foundation: declarative base, column types, compiled statements, drivers,
    # the schema engine (Alembic, tests) and constraint errors
    "app/database": ["base.py", "types.py", "statements.py", "drivers.py", "engine.py", "integrity.py"],
    "app/dependencies": ["common.py"],  # DatabaseDep, RedisDep, IdPath
    # the shared CRUD contract, sample values, app/database/Redis/migration tests, `make fuzz`,
    # and the service tests beside the seed's API tests
    "tests": [
        "conftest.py",
        "crud.py",
        "helpers.py",
        "fuzz.py",
        "test_app.py",
        "test_database.py",
        "test_statements.py",
        "test_migrations.py",
        "test_redis.py",
        "test_user_service.py",
        "test_item_service.py",
    ],
}


@pytest.fixture
def project(cli: Cli, tmp_path: Path) -> Path:
    code, _, err = cli("new", "shop", "--preset", PRESET, "--no-input", cwd=tmp_path)
    assert code == 0, err
    root = tmp_path / "shop"
    for args in (["user", "name:str:max=100"], ["item", "title:str", "owner:ref=user"]):
        code, _, err = cli("generate", "resource", *args, cwd=root)
        assert code == 0, err
    return root


def test_presets_lists_it_with_its_seed(cli: Cli, tmp_path: Path) -> None:
    code, out, _ = cli("presets", cwd=tmp_path)
    (line,) = [line for line in out.splitlines() if line.startswith(f"{PRESET} ")]
    assert code == 0 and "seed 003" in line and SEED in line
    listing = json.loads(cli("presets", "--json", cwd=tmp_path)[1])
    assert {"name": PRESET, "framework": "fastapi", "seed": SEED}.items() <= next(
        entry for entry in listing if entry["name"] == PRESET
    ).items()
    assert CATALOG[PRESET].seed == SEED


def test_the_tree_matches_the_seed_folder_by_folder(project: Path) -> None:
    for folder, seed_files in SEED_TREE.items():
        files = sorted(p.name for p in (project / folder).iterdir() if p.is_file())
        assert files == sorted(seed_files + OUR_ADDITIONS.get(folder, [])), folder
    folders = {str(p.relative_to(project)) for p in project.rglob("*") if p.is_dir()}
    folders -= {".", "app/database/migrations/versions", "tests/factories"}  # checked below
    assert folders == set(SEED_TREE) - {"."}
    assert not (project / "app/admin").exists()  # the --admin feature's folder stays free
    # Migrations carry Alembic's own names (12 hex digits), chained one after the other.
    versions = sorted((project / "app/database/migrations/versions").glob("*.py"))
    assert [re.sub(r"^[0-9a-f]{12}_", "", p.name) for p in versions] == sorted(
        ["create_user.py", "create_item.py"]
    )
    by_slug = {p.name[13:]: p for p in versions}
    user_revision = by_slug["create_user.py"].name[:12]
    assert f'down_revision: str | None = "{user_revision}"' in by_slug["create_item.py"].read_text()
    factories = sorted(p.name for p in (project / "tests/factories").iterdir())
    assert factories == ["__init__.py", "items.py", "users.py"]


def test_a_resource_is_registered_where_the_seed_keeps_them(project: Path) -> None:
    v1 = (project / "app/api/v1/__init__.py").read_text()
    assert "from app.api.v1.items import router as items_router" in v1
    assert v1.count("router.include_router(items_router)") == 1
    models = (project / "app/models/__init__.py").read_text()
    assert "from app.models.items import Item" in models and '"Item"' in models
    dao = (project / "app/database/data_layer/items.py").read_text()
    assert "class ItemDAO(BaseDAO[ItemRead, ItemCreate, ItemQuery]):" in dao
    assert "async def" not in dao  # the CRUD operations live once, in BaseDAO
    assert "get_item_service" in (project / "app/dependencies/items.py").read_text()
    assert "ItemServiceDep" in (project / "app/api/v1/items.py").read_text()
    contracts = (project / "pyproject.toml").read_text()
    assert '"app.database.data_layer",\n    "app.models | app.schemas",' in contracts


def test_new_makes_v1_like_the_default_preset(cli: Cli, project: Path, tmp_path: Path) -> None:
    assert cli("new", "plain", "--no-input", cwd=tmp_path)[0] == 0
    manifest = tomllib.loads((project / ".layerkit.toml").read_text())
    assert manifest["layerkit"]["preset"] == PRESET and manifest["project"]["versions"] == ["v1"]
    # The same root router (it includes app.api.v1 in both) and the same /api/v1 router module.
    assert (project / "app/api/__init__.py").read_text() == (tmp_path / "plain/app/api/router.py").read_text()
    v1 = (project / "app/api/v1/__init__.py").read_text()
    assert 'router = APIRouter(prefix="/api/v1")' in v1


def test_generate_twice_does_nothing_the_second_time(cli: Cli, project: Path) -> None:
    args = ("generate", "resource", "shelf", "label:str:unique", "item:ref")
    dry_before = snapshot(project)
    code, out, _ = cli(*args, "--dry-run", cwd=project)
    assert code == 0 and snapshot(project) == dry_before
    for path in ("app/api/v1/shelves.py", "app/services/shelf_service.py", "tests/test_shelves.py"):
        assert f"would create  {path}" in out
    assert "would modify  app/api/v1/__init__.py" in out and "+router.include_router(shelves_router)" in out
    assert "would modify  app/models/__init__.py" in out
    assert cli(*args, cwd=project)[0] == 0
    before = snapshot(project)
    code, out, err = cli(*args, cwd=project)
    assert code == 0 and "nothing to do" in out and "skipped: shelf" in err
    assert snapshot(project) == before
    report = json.loads(cli(*args, "--json", cwd=project)[1])
    assert report["status"] == "unchanged" and snapshot(project) == before


def test_json_report_and_apply(cli: Cli, project: Path, tmp_path: Path) -> None:
    code, out, _ = cli("g", "resource", "tag", "label:str", "--json", cwd=project)
    report = json.loads(out)
    assert code == 0 and report["status"] == "updated"
    assert "app/database/data_layer/tags.py" in report["created"]
    assert {"app/api/v1/__init__.py", "app/models/__init__.py"} <= set(report["modified"])
    assert "pyproject.toml" not in report["modified"]  # the contracts name layers, not resources
    spec = tmp_path / "more.yaml"
    spec.write_text(
        "resources:\n"
        "  review:\n    fields: {book: ref, stars: 'int:min=1:max=5'}\n"
        "  book:\n    fields: {title: str, item: ref}\n"
    )
    assert cli("apply", spec, cwd=project)[0] == 0
    before = snapshot(project)
    code, out, _ = cli("apply", spec, cwd=project)
    assert code == 0 and "nothing to do" in out and snapshot(project) == before
    assert "from app.api.v1.reviews import router" in (project / "app/api/v1/__init__.py").read_text()


def test_a_file_the_user_wrote_is_never_overwritten(cli: Cli, project: Path) -> None:
    mine = project / "app/services/book_service.py"
    mine.write_text("# my own book service\n")
    before = snapshot(project)
    args = ("g", "resource", "book", "title:str")
    dry = json.loads(cli(*args, "--dry-run", "--json", cwd=project)[1])
    real = json.loads(cli(*args, "--json", cwd=project)[1])
    assert dry["status"] == real["status"] == "conflict"
    assert dry["conflicts"] == real["conflicts"] == ["app/services/book_service.py"]
    assert snapshot(project) == before
    assert cli(*args, "--force", cwd=project)[0] == 0
    assert "class BookService" in mine.read_text()


def test_a_name_clashing_with_the_presets_own_modules_is_refused(cli: Cli, project: Path) -> None:
    before = snapshot(project)
    code, _, err = cli("g", "resource", "redi", "name:str", cwd=project)  # tests/test_redis.py
    assert code == 1 and "'redis' collides" in err and PRESET in err and err.count("\n") == 1
    assert snapshot(project) == before


def test_the_spec_file_can_name_the_preset(cli: Cli, tmp_path: Path) -> None:
    spec = tmp_path / "layered.yaml"
    spec.write_text((EXAMPLES / "bookshop.yaml").read_text().replace("preset: fastapi", f"preset: {PRESET}"))
    code, _, err = cli("new", "--spec", spec, "--dir", tmp_path / "shop", "--no-input", cwd=tmp_path)
    assert code == 0, err
    assert (tmp_path / "shop/app/database/data_layer/books.py").is_file()
    assert tomllib.loads((tmp_path / "shop/.layerkit.toml").read_text())["layerkit"]["preset"] == PRESET


def test_docker_compose_runs_the_app_with_postgres_and_redis(project: Path) -> None:
    import yaml

    services = yaml.safe_load((project / "docker-compose.yml").read_text())["services"]
    assert set(services) == {"app", "postgres", "redis"}
    app = services["app"]
    assert app["environment"]["DATABASE_URL"].startswith(
        "postgresql+asyncpg://postgres:postgres@postgres:5432/"
    )
    assert app["environment"]["REDIS_URL"] == "redis://redis:6379/0"
    assert set(app["depends_on"]) == {"postgres", "redis"}
    dockerfile = (project / "Dockerfile").read_text()
    assert "alembic upgrade head && exec uvicorn app.main:app" in dockerfile


def test_the_readmes_growing_commands_work(cli: Cli, project: Path) -> None:
    for args in layerkit_commands((project / "README.md").read_text(), "Growing it"):
        assert cli(*args, cwd=project)[0] == 0, args
    assert (project / "app/api/v1/tickets.py").is_file()
    assert "TicketDAO" in (project / "app/database/data_layer/tickets.py").read_text()
