"""The `fastapi-services` preset (seed 002): its tree, folder by folder as the seed names it, its CI
and compose files, and `generate` in it (registrations, dry run, JSON, idempotency, conflicts)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, ROOT, Cli, snapshot
from tests.readme import layerkit_commands

PRESET = "fastapi-services"
# A copy of ../shared/seeds/002_c0683c084461994a.txt, so that the test runs wherever the clone is.
SEED = ROOT / "tests" / "seeds" / "002_c0683c084461994a.txt"
CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"

# The seed's tree, folder by folder (what the bookshop example's three resources make of it).
TREE: dict[str, set[str]] = {
    ".": {
        ".dockerignore",
        ".env.docker.env",
        ".gitignore",
        ".gitlab-ci.yml",
        ".layerkit.base.json",
        ".layerkit.toml",
        "Dockerfile",
        "Makefile",
        "README.md",
        "alembic.ini",
        "docker-compose.yml",
        "pyproject.toml",
    },
    "api": {"__init__.py", "app.py", "deps.py", "errors.py", "health.py", "middleware.py"},
    "common": {"__init__.py", "errors.py", "logging.py", "schemas.py", "settings.py", "types.py"},
    "db_sql": {
        "__init__.py",
        "base.py",
        "database.py",
        "drivers.py",
        "engine.py",
        "env.py",
        "integrity.py",
        "models.py",
        "script.py.mako",
        "statements.py",
        "types.py",
    },
    "db_sql/versions": {
        ".gitkeep",
        "v_0001_create_author.py",
        "v_0002_create_book.py",
        "v_0003_create_review.py",
    },
    "service": {"__init__.py"},
    **{
        f"service/{name}": {"__init__.py", "models.py", "db.py", "routes.py"}
        for name in ("author", "book", "review")
    },
    "integration_tests": {
        "__init__.py",
        "conftest.py",
        "crud.py",
        "fuzz.py",
        "helpers.py",
        "test_app.py",
        "test_database.py",
        "test_statements.py",
        "test_migrations.py",
        *(f"test_{plural}{db}.py" for plural in ("authors", "books", "reviews") for db in ("", "_db")),
    },
    "integration_tests/factories": {"__init__.py", "authors.py", "books.py", "reviews.py"},
}


@pytest.fixture(scope="module")
def bookshop(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from typer.testing import CliRunner

    target = tmp_path_factory.mktemp("services") / "bookshop"
    cli = Cli(CliRunner())
    code, _, err = cli(
        "new",
        "--spec",
        EXAMPLES / "bookshop.yaml",
        "--preset",
        PRESET,
        "--dir",
        target,
        "--no-input",
        cwd=target.parent,
    )
    assert code == 0, err
    return target


@pytest.fixture
def shop(cli: Cli, tmp_path: Path) -> Path:
    code, _, err = cli("new", "shop", "--preset", PRESET, "--no-input", cwd=tmp_path)
    assert code == 0, err
    code, _, err = cli("g", "resource", "author", "name:str:max=120", cwd=tmp_path / "shop")
    assert code == 0, err
    return tmp_path / "shop"


def test_the_tree_is_the_seeds_folder_by_folder(bookshop: Path) -> None:
    folders: dict[str, set[str]] = {}
    for path in bookshop.rglob("*"):
        if path.is_file():
            folders.setdefault(str(path.parent.relative_to(bookshop)), set()).add(path.name)
    assert folders == TREE
    assert not (bookshop / ".env").exists()  # written by hand, never generated
    assert ".env" in (bookshop / ".gitignore").read_text().splitlines()
    assert "api.app:app" in (bookshop / "Makefile").read_text()


# Every path seed 002 names (in backquotes).
SEED_NAMES = {
    *(".env", ".env.docker.env", ".gitignore", ".gitlab-ci.yml", "Dockerfile", "alembic.ini"),
    *("api", "common", "common/settings.py", "db_sql", "db_sql/models.py", "db_sql/versions"),
    *("docker-compose.yml", "integration_tests", "integration_tests/conftest.py", "poetry.lock"),
    *("pyproject.toml", "service", "service/dataset", "service/dataset/db.py"),
    *("service/dataset/models.py", "service/dataset/routes.py"),
}


def test_the_seed_names_are_read_right() -> None:
    assert set(re.findall(r"`([^`\s]+)`", SEED.read_text())) == SEED_NAMES


def test_every_file_the_seed_names_is_generated(bookshop: Path) -> None:
    by_hand = {".env", "poetry.lock"}  # .env is the user's; we install with pip/uv from pyproject
    for name in sorted(SEED_NAMES - by_hand):
        path = name.replace("service/dataset", "service/book")  # the seed's example service
        assert (bookshop / path).exists(), f"the seed names {name}, not generated"


def check_jsonschema(schema: str, path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [CHECK_JSONSCHEMA, "--builtin-schema", schema, str(path)], capture_output=True, text=True, check=False
    )


def test_gitlab_ci_and_compose_files_are_valid(bookshop: Path, tmp_path: Path) -> None:
    for schema, name in (
        ("vendor.gitlab-ci", ".gitlab-ci.yml"),
        ("vendor.compose-spec", "docker-compose.yml"),
    ):
        result = check_jsonschema(schema, bookshop / name)
        assert result.returncode == 0, result.stdout + result.stderr
        broken = tmp_path / name  # the check does catch a mistake
        broken.write_text(
            (bookshop / name).read_text().replace("stage: test", "stage: [test]").replace("image:", "images:")
        )
        assert check_jsonschema(schema, broken).returncode == 1
    ci = (bookshop / ".gitlab-ci.yml").read_text()
    assert "make lint" in ci and "make test" in ci and "TEST_DATABASE_URL" in ci
    compose = (bookshop / "docker-compose.yml").read_text()
    assert "env_file: .env.docker.env" in compose and "postgres:" in compose
    assert "@postgres:5432/bookshop" in (bookshop / ".env.docker.env").read_text()


def test_generate_registers_once_and_a_second_run_has_nothing_to_do(cli: Cli, shop: Path) -> None:
    args = ("generate", "resource", "book", "title:str", "price:decimal", "author:ref")
    before = snapshot(shop)
    code, out, _ = cli(*args, "--dry-run", cwd=shop)
    assert code == 0 and snapshot(shop) == before
    assert "would create  service/book/routes.py" in out and "would create  service/book/db.py" in out
    assert "would modify  api/app.py" in out and "+api_router.include_router(books_router)" in out
    assert "would modify  db_sql/models.py" in out and "+class Book(Entity):" in out

    assert cli(*args, cwd=shop)[0] == 0
    after = snapshot(shop)
    code, out, err = cli(*args, cwd=shop)
    assert code == 0 and "nothing to do" in out and "skipped: book" in err
    assert snapshot(shop) == after
    app = (shop / "api/app.py").read_text()
    assert app.count("api_router.include_router(books_router)") == 1
    assert "from service.book import router as books_router" in app
    models = (shop / "db_sql/models.py").read_text()
    assert models.count("class Book(Entity):") == 1 and models.count("from decimal import Decimal") == 1
    assert "TYPE_CHECKING" not in models  # Author is defined in the same module
    assert "service.book.db" in (shop / "pyproject.toml").read_text()  # its contract


def test_json_report_and_a_file_the_user_wrote(cli: Cli, shop: Path) -> None:
    code, out, _ = cli("g", "resource", "book", "title:str", "--json", cwd=shop)
    report = json.loads(out)
    assert code == 0 and report["status"] == "updated"
    assert "service/book/db.py" in report["created"]
    assert {"api/app.py", "db_sql/models.py", "pyproject.toml"} <= set(report["modified"])

    mine = shop / "service/shelf/db.py"
    mine.parent.mkdir()
    mine.write_text("# our own shelf queries\n")
    before = snapshot(shop)
    code, out, _ = cli("g", "resource", "shelf", "label:str", "--json", cwd=shop)
    report = json.loads(out)
    assert code == 1 and report["status"] == "conflict" and report["conflicts"] == ["service/shelf/db.py"]
    assert snapshot(shop) == before


def test_edits_to_the_shared_models_module_survive(cli: Cli, shop: Path) -> None:
    models = shop / "db_sql/models.py"
    ours = "\n\ndef author_count() -> int:  # our own helper\n    return 0\n"
    models.write_text(models.read_text() + ours)
    assert cli("g", "resource", "book", "title:str", "author:ref", cwd=shop)[0] == 0
    text = models.read_text()
    assert "def author_count() -> int:  # our own helper" in text and "class Book(Entity):" in text


@pytest.mark.parametrize("name", ["entity", "decimal", "database", "mapped"])
def test_names_that_collide_in_this_tree_are_refused(cli: Cli, shop: Path, name: str) -> None:
    before = snapshot(shop)
    code, _, err = cli("g", "resource", name, "label:str", cwd=shop)
    assert (
        code == 1 and err.startswith("error: ") and "fastapi-services preset" in err and err.count("\n") == 1
    )
    assert snapshot(shop) == before


def test_the_readmes_growing_commands_work(cli: Cli, shop: Path) -> None:
    for args in layerkit_commands((shop / "README.md").read_text(), "Growing it"):
        assert cli(*args, cwd=shop)[0] == 0, args
    assert (shop / "service/ticket/routes.py").is_file()
    assert "class Ticket(Entity):" in (shop / "db_sql/models.py").read_text()
