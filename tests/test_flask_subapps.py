"""The flask-subapps preset (seed 000): its tree, folder by folder, and every command in it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, ROOT, Cli, snapshot
from tests.readme import layerkit_commands

# A copy of ../shared/seeds/000_7f3a86c191d3cfe3.txt, so that the test runs wherever the clone is.
SEED = ROOT / "tests" / "seeds" / "000_7f3a86c191d3cfe3.txt"
# Seed 000's tree, folder by folder ("subapp" stands for each sub-app). The packages in its
# services/ come with `generate service` (tests/test_services.py); test.txt is the seed's own note.
SEED_TREE: dict[str, set[str]] = {
    "": {"Dockerfile", "app", "requirements.txt", "run.py", "test.txt"},
    "app": {"__init__.py", "api", "app.py", "core", "services", "subapp"},
    "app/api": {"__init__.py", "root.py", "v1", "v2"},
    "app/api/v1": {"__init__.py", "v1.py"},
    "app/api/v2": {"__init__.py", "v2.py"},
    "app/core": {"__init__.py", "app.py", "celery.py", "database", "logger.py"},
    "app/core/database": {"__init__.py", "models"},
    "app/core/database/models": {"__init__.py"},
    "app/subapp": {"__init__.py", "models.py", "routes.py", "schemas.py", "types.py", "utils.py"},
}
LATER = {"test.txt"}
SUBAPPS = ("authors", "books", "reviews")


def seed_tree(text: str) -> dict[str, set[str]]:
    """The seed's `tree` drawing as folder -> entries; `subapp_N` and `service_N` folded."""
    tree: dict[str, set[str]] = {"": set()}
    parents: list[str] = []
    for line in text.splitlines():
        match = re.match(r"^((?:│[\xa0 ]{3}|[\xa0 ]{4})*)[├└]── (\S+)", line)
        if match is None:
            continue
        depth, name = len(match[1]) // 4, re.sub(r"_\d+$", "", match[2])
        parents = parents[:depth]
        folder = "/".join(parents)
        tree.setdefault(folder, set()).add(name)
        parents.append(name)
    return {folder: names for folder, names in tree.items() if not folder.startswith("app/services")}


def test_the_transcribed_tree_is_the_seeds() -> None:
    tree = seed_tree(SEED.read_text(encoding="utf-8"))
    entries = {f"{folder}/{name}".lstrip("/") for folder, names in tree.items() for name in names}
    files = {entry for entry in entries if "." in entry.rsplit("/", 1)[-1] or entry.endswith("Dockerfile")}
    folders = {folder for folder in tree if folder}
    assert {folder for folder in SEED_TREE if folder} == folders
    expected = {f"{folder}/{name}".lstrip("/") for folder, names in SEED_TREE.items() for name in names}
    assert files <= expected


@pytest.fixture(scope="module")
def bookshop(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from typer.testing import CliRunner

    target = tmp_path_factory.mktemp("seed") / "bookshop"
    cli = Cli(CliRunner())
    code, _, err = cli(
        "new",
        "--spec",
        EXAMPLES / "bookshop.yaml",
        "--preset",
        "flask-subapps",
        "--dir",
        target,
        "--no-input",
        cwd=target.parent,
    )
    assert code == 0, err
    return target


@pytest.mark.parametrize("folder", sorted(SEED_TREE))
def test_each_seed_folder_is_in_the_project(bookshop: Path, folder: str) -> None:
    targets = [folder.replace("subapp", name) for name in SUBAPPS] if "subapp" in folder else [folder]
    for target in targets:
        present = {path.name for path in (bookshop / target).iterdir()}
        wanted = {name for name in SEED_TREE[folder] if f"{folder}/{name}".lstrip("/") not in LATER}
        wanted = {name for name in wanted if name != "subapp"} | (
            set(SUBAPPS) if "subapp" in wanted else set()
        )
        assert wanted <= present, f"{target}: missing {sorted(wanted - present)}"
        if "subapp" in folder:  # a sub-app is exactly the seed's six modules
            assert present - {"__pycache__"} == wanted


def test_v1_registers_each_sub_app_through_its_interface(bookshop: Path) -> None:
    v1 = (bookshop / "app/api/v1/v1.py").read_text()
    for name in SUBAPPS:
        assert f"from app.{name} import blueprint as {name}_blueprint" in v1
        assert v1.count(f"v1.register_blueprint({name}_blueprint)") == 1
    registry = (bookshop / "app/core/database/models/__init__.py").read_text()
    assert "from app.books import Book" in registry and '"Book"' in registry
    assert "register_blueprint(v1)" in (bookshop / "app/api/root.py").read_text()


@pytest.fixture
def project(cli: Cli, tmp_path: Path) -> Path:
    code, _, err = cli("new", "shop", "--preset", "flask-subapps", "--no-input", cwd=tmp_path)
    assert code == 0, err
    code, _, err = cli("g", "resource", "author", "name:str:max=120", cwd=tmp_path / "shop")
    assert code == 0, err
    return tmp_path / "shop"


def test_generate_registers_once_and_is_idempotent(cli: Cli, project: Path) -> None:
    args = ("generate", "resource", "book", "title:str", "author:ref")
    assert cli(*args, cwd=project)[0] == 0
    before = snapshot(project)
    code, out, err = cli(*args, cwd=project)
    assert code == 0 and "nothing to do" in out and "skipped: book" in err
    assert snapshot(project) == before
    assert (project / "app/api/v1/v1.py").read_text().count("v1.register_blueprint(books_blueprint)") == 1
    assert '"Book"' in (project / "app/core/database/models/__init__.py").read_text()
    assert "app.books.routes" in (project / "pyproject.toml").read_text()
    assert sorted(p.name for p in (project / "app/books").glob("*.py")) == [
        "__init__.py",
        "models.py",
        "routes.py",
        "schemas.py",
        "types.py",
        "utils.py",
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["resource", "service", "a:str"], "project's own 'services'"),
        (["resource", "author", "name:str"], "already exists"),
        (["resource", "book", "title:strng"], "unknown type"),
    ],
)
def test_bad_input_is_one_clear_line_and_changes_nothing(
    cli: Cli, project: Path, args: list[str], message: str
) -> None:
    before = snapshot(project)
    code, out, err = cli("generate", *args, cwd=project)
    assert code == 1
    assert err.startswith("error: ") and message in err and err.count("\n") == 1
    assert "Traceback" not in out + err
    assert snapshot(project) == before


def test_dry_run_prints_files_and_diffs_and_writes_nothing(cli: Cli, project: Path) -> None:
    before = snapshot(project)
    code, out, _ = cli("g", "resource", "book", "title:str", "author:ref", "--dry-run", cwd=project)
    assert code == 0
    assert "would create  app/books/routes.py" in out
    assert "would modify  app/api/v1/v1.py" in out
    assert "+v1.register_blueprint(books_blueprint)" in out
    assert snapshot(project) == before


def test_json_report(cli: Cli, project: Path) -> None:
    code, out, _ = cli("g", "resource", "book", "title:str", "--json", cwd=project)
    report = json.loads(out)
    assert code == 0 and report["status"] == "updated"
    assert "app/books/utils.py" in report["created"]
    assert {"app/api/v1/v1.py", "app/core/database/models/__init__.py"} <= set(report["modified"])
    code, out, _ = cli("g", "resource", "book", "title:str", "--json", cwd=project)
    assert code == 0 and json.loads(out)["status"] == "unchanged"


def test_a_file_the_user_changed_is_never_overwritten(cli: Cli, project: Path) -> None:
    mine = project / "app/books/routes.py"
    mine.parent.mkdir()
    mine.write_text("# my own books routes\n")
    before = snapshot(project)
    code, out, _ = cli("g", "resource", "book", "title:str", "--json", cwd=project)
    report = json.loads(out)
    assert code == 1 and report["status"] == "conflict" and report["conflicts"] == ["app/books/routes.py"]
    assert snapshot(project) == before
    code, _, _ = cli("g", "resource", "book", "title:str", "--force", cwd=project)
    assert code == 0 and "APIBlueprint" in mine.read_text()


def test_apply_adds_resources_in_dependency_order(cli: Cli, project: Path, tmp_path: Path) -> None:
    spec = tmp_path / "more.yaml"
    spec.write_text(
        "resources:\n"
        "  review:\n    fields: {book: ref, stars: 'int:min=1:max=5'}\n"
        "  book:\n    fields: {title: str, author: ref}\n"
    )
    code, _, err = cli("apply", spec, cwd=project)
    assert code == 0, err
    versions = sorted(p.name for p in (project / "app/core/database/migrations/versions").glob("v_*.py"))
    assert versions == ["v_0001_create_author.py", "v_0002_create_book.py", "v_0003_create_review.py"]
    v1 = (project / "app/api/v1/v1.py").read_text()
    assert v1.index("books_blueprint)") < v1.index("reviews_blueprint)")


def test_the_readmes_growing_commands_work(cli: Cli, project: Path) -> None:
    for args in layerkit_commands((project / "README.md").read_text(), "Growing it"):
        assert cli(*args, cwd=project)[0] == 0, args
    assert (project / "app/tickets/routes.py").is_file()
    assert "Ticket" in (project / "app/core/database/models/__init__.py").read_text()


def test_a_field_named_like_a_schema_method_keeps_its_json_name(cli: Cli, project: Path) -> None:
    """marshmallow's Schema has `load`, `fields`, ...: such a field is declared as `load_`, with
    `data_key` and `attribute` keeping its name on the wire and in the loaded data."""
    code, _, err = cli("generate", "resource", "book", "load:str", "fields:int?", cwd=project)
    assert code == 0, err
    schemas = (project / "app/books/schemas.py").read_text()
    assert (
        'load_ = Text(required=True, validate=Length(max=255), data_key="load", attribute="load")' in schemas
    )
    assert 'data_key="fields", attribute="fields"' in schemas
    assert "\n    load = " not in schemas and "\n    fields = " not in schemas
