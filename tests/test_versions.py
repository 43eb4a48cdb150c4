"""`layerkit generate version`: what the plan writes, what it registers, what it refuses."""

from __future__ import annotations

import ast
import json
import tomllib
from dataclasses import replace
from pathlib import Path

import pytest

from layerkit.actions import create_project
from layerkit.io.manifest import Manifest
from layerkit.presets import PRESET_NAMES
from layerkit.spec.loader import load_spec
from tests.conftest import EXAMPLES, Cli, snapshot
from tests.layered_layout import preset

FORK_OF_BOOK = [
    "app/books/v2/__init__.py",
    "app/books/v2/repository.py",
    "app/books/v2/router.py",
    "app/books/v2/schemas.py",
    "app/books/v2/service.py",
    "tests/books/v2/__init__.py",
    "tests/books/v2/factory.py",
    "tests/books/v2/test_router.py",
    "tests/books/v2/test_service.py",
]


@pytest.fixture
def bookshop(cli: Cli, tmp_path: Path) -> Path:
    code, _, err = cli("new", "--spec", EXAMPLES / "bookshop.yaml", "--dir", "bookshop", cwd=tmp_path)
    assert code == 0, err
    return tmp_path / "bookshop"


def routers(path: Path) -> dict[str, str]:
    """Each router a registry includes (its local name) -> the module it is imported from."""
    tree = ast.parse(path.read_text())
    origins = {
        alias.asname or alias.name: node.module or ""
        for node in tree.body
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }
    included = [
        ast.unparse(node.value.args[0])
        for node in tree.body
        if isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Call)
        and ast.unparse(node.value.func).endswith(".include_router")
    ]
    return {name: origins[name] for name in included}


def manifest(project: Path) -> Manifest:
    return Manifest.from_toml((project / ".layerkit.toml").read_text(), where="test")


def test_the_plan_of_a_version_with_a_fork(cli: Cli, bookshop: Path) -> None:
    before = snapshot(bookshop)
    code, out, _ = cli("g", "version", "v2", "--fork", "book", "--dry-run", "--json", cwd=bookshop)
    report = json.loads(out)
    assert code == 0 and report["status"] == "dry-run"
    assert report["created"] == sorted(["app/api/v2.py", *FORK_OF_BOOK])
    assert report["modified"] == [
        ".layerkit.base.json",
        ".layerkit.toml",
        "app/api/router.py",
        "pyproject.toml",
    ]
    assert snapshot(bookshop) == before


def test_a_version_serves_every_resource_through_the_same_routers(cli: Cli, bookshop: Path) -> None:
    v1 = bookshop / "app/api/v1.py"
    code, _, err = cli("g", "version", "v2", cwd=bookshop)
    assert code == 0, err
    assert (
        routers(bookshop / "app/api/v2.py")
        == routers(v1)
        == {
            "authors_router": "app.authors",
            "books_router": "app.books",
            "reviews_router": "app.reviews",
        }
    )
    assert 'APIRouter(prefix="/api/v2")' in (bookshop / "app/api/v2.py").read_text()
    assert routers(bookshop / "app/api/router.py") == {"v1_router": "app.api.v1", "v2_router": "app.api.v2"}
    recorded = manifest(bookshop)
    assert recorded.versions == ["v1", "v2"]
    assert recorded.served == {name: ["v1", "v2"] for name in ("author", "book", "review")}
    assert recorded.forks == {}
    assert not (bookshop / "app/books/v2").exists()

    before = snapshot(bookshop)
    code, out, _ = cli("g", "version", "v2", cwd=bookshop)
    assert code == 0 and "nothing to do" in out and snapshot(bookshop) == before


def test_a_fork_gets_its_own_code_and_v1_is_untouched(cli: Cli, bookshop: Path) -> None:
    untouched = {p: h for p, h in snapshot(bookshop).items() if p.startswith(("app/books/", "tests/books/"))}
    untouched["app/api/v1.py"] = snapshot(bookshop)["app/api/v1.py"]
    code, _, err = cli("g", "version", "v2", "--fork", "book", cwd=bookshop)
    assert code == 0, err
    after = snapshot(bookshop)
    assert {p: after[p] for p in untouched} == untouched
    assert routers(bookshop / "app/api/v2.py")["books_router"] == "app.books.v2"
    router = (bookshop / "app/books/v2/router.py").read_text()
    assert "from app.books.v2.service import BookService" in router
    assert "from app.books.v2.schemas import" in router
    assert "from app.books.models import Book" in (bookshop / "app/books/v2/repository.py").read_text()
    assert 'URL = "/api/v2/books"' in (bookshop / "tests/books/v2/factory.py").read_text()
    assert "from tests.books.v2.factory import" in (bookshop / "tests/books/v2/test_router.py").read_text()
    assert manifest(bookshop).forks == {"book": ["v2"]}
    contracts = tomllib.loads((bookshop / "pyproject.toml").read_text())["tool"]["importlinter"]["contracts"]
    forks = next(c for c in contracts if c["id"] == "layerkit-fork-layers")
    assert forks["containers"] == ["app.books.v2"]

    before = snapshot(bookshop)
    code, out, err = cli("g", "version", "v2", "--fork", "book", cwd=bookshop)
    assert code == 0 and "nothing to do" in out and "already forked in v2, skipped: book" in err
    assert snapshot(bookshop) == before


def test_forking_in_an_existing_version_moves_only_the_import(cli: Cli, bookshop: Path) -> None:
    assert cli("g", "version", "v2", cwd=bookshop)[0] == 0
    registry = bookshop / "app/api/v2.py"
    lines = registry.read_text().splitlines()
    code, out, _ = cli("g", "version", "v2", "--fork", "book", "--fork", "review", "--dry-run", cwd=bookshop)
    assert code == 0 and "-from app.books import router as books_router" in out
    assert cli("g", "version", "v2", "--fork", "book", "--fork", "review", cwd=bookshop)[0] == 0
    changed = [line for line in registry.read_text().splitlines() if line not in lines]
    assert changed == [
        "from app.books.v2 import router as books_router",
        "from app.reviews.v2 import router as reviews_router",
    ]
    assert manifest(bookshop).forks == {"book": ["v2"], "review": ["v2"]}


def test_a_later_version_serves_the_newest_fork_before_it(cli: Cli, bookshop: Path) -> None:
    assert cli("g", "version", "v2", "--fork", "book", cwd=bookshop)[0] == 0
    assert cli("g", "version", "v3", cwd=bookshop)[0] == 0
    v3 = bookshop / "app/api/v3.py"
    assert routers(v3)["books_router"] == "app.books.v2"
    assert routers(v3)["authors_router"] == "app.authors"
    # a fork in v2 made after v3 exists moves v3 along (it served the same code as v2) ...
    assert cli("g", "version", "v2", "--fork", "author", cwd=bookshop)[0] == 0
    assert routers(v3)["authors_router"] == "app.authors.v2"
    # ... and a fork in v3 takes over from there, v2 keeps its own
    assert cli("g", "version", "v3", "--fork", "book", cwd=bookshop)[0] == 0
    assert routers(v3)["books_router"] == "app.books.v3"
    assert routers(bookshop / "app/api/v2.py")["books_router"] == "app.books.v2"


def test_a_resource_for_one_version_or_for_all(cli: Cli, bookshop: Path) -> None:
    assert cli("g", "version", "v2", cwd=bookshop)[0] == 0
    code, _, err = cli("g", "resource", "shelf", "name:str", "book:ref", "--version", "v2", cwd=bookshop)
    assert code == 0, err
    assert "shelves_router" in routers(bookshop / "app/api/v2.py")
    assert "shelves_router" not in routers(bookshop / "app/api/v1.py")
    assert 'URL = "/api/v2/shelves"' in (bookshop / "tests/shelves/factory.py").read_text()
    assert manifest(bookshop).served["shelf"] == ["v2"]
    # without --version: every version the project has
    assert cli("g", "resource", "tag", "name:str", cwd=bookshop)[0] == 0
    assert "tags_router" in routers(bookshop / "app/api/v1.py")
    assert "tags_router" in routers(bookshop / "app/api/v2.py")
    assert manifest(bookshop).served["tag"] == ["v1", "v2"]
    # a resource made for v2 can be forked from v3 on, not in v2 itself
    code, _, err = cli("g", "version", "v2", "--fork", "shelf", cwd=bookshop)
    assert code == 1 and "created for v2" in err
    assert cli("g", "version", "v3", "--fork", "shelf", cwd=bookshop)[0] == 0
    assert routers(bookshop / "app/api/v3.py")["shelves_router"] == "app.shelves.v3"


def test_a_version_older_than_a_resource_does_not_serve_it(cli: Cli, bookshop: Path) -> None:
    assert cli("g", "version", "v3", cwd=bookshop)[0] == 0
    assert cli("g", "resource", "shelf", "name:str", "--version", "v3", cwd=bookshop)[0] == 0
    assert cli("g", "version", "v2", cwd=bookshop)[0] == 0
    assert "shelves_router" not in routers(bookshop / "app/api/v2.py")
    assert manifest(bookshop).versions == ["v1", "v2", "v3"]
    assert manifest(bookshop).served["shelf"] == ["v3"]


def test_apply_adds_resources_to_every_version(cli: Cli, bookshop: Path, tmp_path: Path) -> None:
    assert cli("g", "version", "v2", "--fork", "book", cwd=bookshop)[0] == 0
    spec = tmp_path / "more.yaml"
    spec.write_text("resources:\n  shelf:\n    fields:\n      name: str\n      book: ref\n")
    assert cli("apply", spec, cwd=bookshop)[0] == 0
    for version in ("v1", "v2"):
        assert routers(bookshop / f"app/api/{version}.py")["shelves_router"] == "app.shelves"


BAD = [
    (["version", "version2"], "invalid version 'version2'"),
    (["version", "v0"], "invalid version 'v0'"),
    (["version", "V2"], "write it v<N>"),
    (["version", "v2", "--fork", "ghost"], "unknown resource 'ghost'"),
    (["version", "v1", "--fork", "book"], "'book' was created for v1"),
    (["resource", "shelf", "name:str", "--version", "v9"], "no API version 'v9'"),
    (["resource", "shelf", "name:str", "--version", "2"], "invalid version '2'"),
]


@pytest.mark.parametrize(("args", "message"), BAD)
def test_bad_input_is_one_line_and_changes_nothing(
    cli: Cli, bookshop: Path, args: list[str], message: str
) -> None:
    before = snapshot(bookshop)
    code, out, err = cli("generate", *args, cwd=bookshop)
    assert code == 1 and err.startswith("error: ") and message in err and err.count("\n") == 1, err
    assert "Traceback" not in out + err
    assert snapshot(bookshop) == before


def test_a_file_the_user_wrote_at_a_fork_path_is_not_overwritten(cli: Cli, bookshop: Path) -> None:
    mine = bookshop / "app/books/v2/router.py"
    mine.parent.mkdir()
    mine.write_text("# my own v2 router\n")
    before = snapshot(bookshop)
    code, out, _ = cli("g", "version", "v2", "--fork", "book", "--json", cwd=bookshop)
    report = json.loads(out)
    assert code == 1 and report["status"] == "conflict" and report["conflicts"] == ["app/books/v2/router.py"]
    assert snapshot(bookshop) == before
    assert cli("g", "version", "v2", "--fork", "book", "--force", cwd=bookshop)[0] == 0
    assert "APIRouter" in mine.read_text()


def test_a_preset_without_versions_refuses_them(cli: Cli, tmp_path: Path) -> None:
    spec = load_spec(EXAMPLES / "bookshop.yaml", presets=PRESET_NAMES)
    with preset("test-unversioned", "UNVERSIONED") as name:
        create_project(replace(spec, preset=name), directory=tmp_path / "flat")
        before = snapshot(tmp_path / "flat")
        for args in (["version", "v2"], ["resource", "shelf", "name:str", "--version", "v2"]):
            code, _, err = cli("g", *args, cwd=tmp_path / "flat")
            assert code == 1 and "serves one API without versions" in err and err.count("\n") == 1
        assert snapshot(tmp_path / "flat") == before


def test_an_old_manifest_serves_every_resource_in_every_version() -> None:
    text = """
[layerkit]
version = "0.1.0"
preset = "fastapi"

[project]
name = "shop"
database = "sqlite"
versions = ["v1"]

[resources.book]
fields = ["title:str"]
"""
    old = Manifest.from_toml(text, where="test")
    assert old.served == {"book": ["v1"]} and old.forks == {} and old.home("book") == "v1"
    old.served["book"].append("v2")
    old.forks["book"] = ["v2"]
    again = Manifest.from_toml(old.to_toml(), where="test")
    assert (again.served, again.forks) == ({"book": ["v1", "v2"]}, {"book": ["v2"]})


def test_versions_follow_the_layout_data_in_another_layout(cli: Cli, tmp_path: Path) -> None:
    """A layout whose versions are packages (`app/api/v2/__init__.py`) and whose fork spreads over
    the layers' folders: the same commands, no other code."""
    spec = load_spec(EXAMPLES / "bookshop.yaml", presets=PRESET_NAMES)
    project = tmp_path / "layered"
    with preset("test-layered", "LAYERED") as name:
        create_project(replace(spec, preset=name), directory=project)
        code, out, err = cli("g", "version", "v2", "--fork", "book", "--json", cwd=project)
        assert code == 0, err
        assert json.loads(out)["created"] == [
            "app/api/v2/__init__.py",
            "app/api/v2/books.py",
            "app/repositories/v2/__init__.py",
            "app/repositories/v2/books.py",
            "app/schemas/v2/__init__.py",
            "app/schemas/v2/books.py",
            "app/services/v2/__init__.py",
            "app/services/v2/book_service.py",
            "tests/books/v2/__init__.py",
            "tests/books/v2/factory.py",
            "tests/books/v2/test_router.py",
            "tests/books/v2/test_service.py",
        ]
        assert routers(project / "app/api/__init__.py") == {
            "v1_router": "app.api.v1",
            "v2_router": "app.api.v2",
        }
        assert routers(project / "app/api/v2/__init__.py") == {
            "authors_router": "app.api.v1.authors",
            "books_router": "app.api.v2.books",
            "reviews_router": "app.api.v1.reviews",
        }
        service = (project / "app/services/v2/book_service.py").read_text()
        assert "from app.repositories.v2.books import BookRepository" in service
        assert cli("g", "resource", "shelf", "name:str", "--version", "v2", cwd=project)[0] == 0
        assert (project / "app/api/v2/shelves.py").is_file()
        assert routers(project / "app/api/v2/__init__.py")["shelves_router"] == "app.api.v2.shelves"
        assert "shelves_router" not in routers(project / "app/api/v1/__init__.py")
        contracts = tomllib.loads((project / "pyproject.toml").read_text())["tool"]["importlinter"][
            "contracts"
        ]
        services = next(c for c in contracts if c["id"] == "layerkit-forked-services")
        assert services["source_modules"] == ["app.services.v2.book_service"]


# flask-subapps (seed 000): versions are blueprints, app/api/<version>/<version>.py, registered on
# root.py's base blueprint; a fork is app/<plural>/<version>/ (routes, utils, schemas).

FLASK_FORK_OF_BOOK = [
    "app/books/v2/__init__.py",
    "app/books/v2/routes.py",
    "app/books/v2/schemas.py",
    "app/books/v2/utils.py",
    "tests/books/v2/__init__.py",
    "tests/books/v2/factory.py",
    "tests/books/v2/test_routes.py",
    "tests/books/v2/test_utils.py",
]


def blueprints(path: Path) -> dict[str, str]:
    """Each blueprint a registry registers (its local name) -> the module it is imported from."""
    tree = ast.parse(path.read_text())
    origins = {
        alias.asname or alias.name: node.module or ""
        for node in tree.body
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }
    registered = [
        ast.unparse(node.value.args[0])
        for node in tree.body
        if isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Call)
        and ast.unparse(node.value.func).endswith(".register_blueprint")
    ]
    return {name: origins[name] for name in registered}


@pytest.fixture
def flask_bookshop(cli: Cli, tmp_path: Path) -> Path:
    args = ("new", "--spec", EXAMPLES / "bookshop.yaml", "--preset", "flask-subapps", "--dir", "bookshop")
    code, _, err = cli(*args, cwd=tmp_path)
    assert code == 0, err
    return tmp_path / "bookshop"


def test_flask_starts_with_v1_and_v2_serving_every_sub_app(flask_bookshop: Path) -> None:
    api = flask_bookshop / "app/api"
    assert blueprints(api / "root.py") == {"v1": "app.api.v1.v1", "v2": "app.api.v2.v2"}
    every = {f"{plural}_blueprint": f"app.{plural}" for plural in ("authors", "books", "reviews")}
    assert blueprints(api / "v1/v1.py") == blueprints(api / "v2/v2.py") == every
    assert 'APIBlueprint("v2", __name__, url_prefix="/v2"' in (api / "v2/v2.py").read_text()
    recorded = manifest(flask_bookshop)
    assert recorded.versions == ["v1", "v2"]
    assert recorded.served == {name: ["v1", "v2"] for name in ("author", "book", "review")}


def test_flask_empty_project_has_two_empty_versions(cli: Cli, tmp_path: Path) -> None:
    assert cli("new", "shop", "--preset", "flask-subapps", cwd=tmp_path)[0] == 0
    api = tmp_path / "shop/app/api"
    assert blueprints(api / "root.py") == {"v1": "app.api.v1.v1", "v2": "app.api.v2.v2"}
    assert blueprints(api / "v1/v1.py") == blueprints(api / "v2/v2.py") == {}


def test_flask_generate_version_adds_a_blueprint_registered_in_root(cli: Cli, flask_bookshop: Path) -> None:
    code, out, _ = cli("g", "version", "v3", "--dry-run", "--json", cwd=flask_bookshop)
    report = json.loads(out)
    assert code == 0 and report["created"] == ["app/api/v3/__init__.py", "app/api/v3/v3.py"]
    assert report["modified"] == [".layerkit.base.json", ".layerkit.toml", "app/api/root.py"]
    assert cli("g", "version", "v3", cwd=flask_bookshop)[0] == 0
    api = flask_bookshop / "app/api"
    assert blueprints(api / "root.py") == {
        "v1": "app.api.v1.v1",
        "v2": "app.api.v2.v2",
        "v3": "app.api.v3.v3",
    }
    assert blueprints(api / "v3/v3.py") == blueprints(api / "v1/v1.py")
    assert manifest(flask_bookshop).versions == ["v1", "v2", "v3"]
    before = snapshot(flask_bookshop)
    code, out, _ = cli("g", "version", "v3", cwd=flask_bookshop)
    assert code == 0 and "nothing to do" in out and snapshot(flask_bookshop) == before


def test_flask_a_resource_for_v2_only(cli: Cli, flask_bookshop: Path) -> None:
    code, _, err = cli(
        "g", "resource", "shelf", "name:str", "book:ref", "--version", "v2", cwd=flask_bookshop
    )
    assert code == 0, err
    api = flask_bookshop / "app/api"
    assert blueprints(api / "v2/v2.py")["shelves_blueprint"] == "app.shelves"
    assert "shelves_blueprint" not in blueprints(api / "v1/v1.py")
    assert 'URL = "/api/v2/shelves"' in (flask_bookshop / "tests/shelves/factory.py").read_text()
    assert manifest(flask_bookshop).served["shelf"] == ["v2"]


def test_flask_a_fork_moves_v2_to_its_own_code_and_v1_is_untouched(cli: Cli, flask_bookshop: Path) -> None:
    untouched = {
        p: h for p, h in snapshot(flask_bookshop).items() if p.startswith(("app/books/", "tests/books/"))
    }
    untouched["app/api/v1/v1.py"] = snapshot(flask_bookshop)["app/api/v1/v1.py"]
    code, out, _ = cli("g", "version", "v2", "--fork", "book", "--dry-run", "--json", cwd=flask_bookshop)
    report = json.loads(out)
    assert code == 0 and report["created"] == FLASK_FORK_OF_BOOK
    assert report["modified"] == [
        ".layerkit.base.json",
        ".layerkit.toml",
        "app/api/v2/v2.py",
        "pyproject.toml",
    ]
    v2 = flask_bookshop / "app/api/v2/v2.py"
    lines = v2.read_text().splitlines()
    assert cli("g", "version", "v2", "--fork", "book", cwd=flask_bookshop)[0] == 0
    after = snapshot(flask_bookshop)
    assert {p: after[p] for p in untouched} == untouched
    assert [line for line in v2.read_text().splitlines() if line not in lines] == [
        "from app.books.v2 import blueprint as books_blueprint"
    ]
    routes = (flask_bookshop / "app/books/v2/routes.py").read_text()
    assert "from app.books.v2.utils import BookService" in routes
    assert "from app.books.models import Book" in (flask_bookshop / "app/books/v2/utils.py").read_text()
    assert 'URL = "/api/v2/books"' in (flask_bookshop / "tests/books/v2/factory.py").read_text()
    assert manifest(flask_bookshop).forks == {"book": ["v2"]}
    contracts = tomllib.loads((flask_bookshop / "pyproject.toml").read_text())["tool"]["importlinter"][
        "contracts"
    ]
    forks = next(c for c in contracts if c["id"] == "layerkit-fork-layers")
    assert forks["containers"] == ["app.books.v2"]
    derive = next(c for c in contracts if c["id"] == "layerkit-versions-derive-routes")
    assert "app.books.v2.routes" in derive["forbidden_modules"]
    # v3 serves the newest fork before it
    assert cli("g", "version", "v3", cwd=flask_bookshop)[0] == 0
    assert blueprints(flask_bookshop / "app/api/v3/v3.py")["books_blueprint"] == "app.books.v2"


def test_a_flask_project_from_before_versions_grows_into_them(cli: Cli, flask_bookshop: Path) -> None:
    """Made when flask-subapps had no versions: `versions = []`, sub-apps in v1 only, and v2.py an
    empty blueprint layerkit wrote (its hash recorded). New sub-apps go to v1; `generate version
    v2` rewrites the untouched v2.py and serves every sub-app there."""
    from layerkit.io.manifest import content_hash

    old = manifest(flask_bookshop)
    old.versions = []
    old.served = {}
    v2 = flask_bookshop / "app/api/v2/v2.py"
    v2.write_text(
        'from apiflask import APIBlueprint\n\nv2 = APIBlueprint("v2", __name__, url_prefix="/v2")\n'
    )
    old.files["app/api/v2/v2.py"] = content_hash(v2.read_text())
    (flask_bookshop / ".layerkit.toml").write_text(old.to_toml())

    assert cli("g", "resource", "tag", "name:str", cwd=flask_bookshop)[0] == 0
    assert "tags_blueprint" in blueprints(flask_bookshop / "app/api/v1/v1.py")
    assert blueprints(v2) == {}
    code, _, err = cli("g", "version", "v2", cwd=flask_bookshop)
    assert code == 0, err
    assert set(blueprints(v2)) == {f"{p}_blueprint" for p in ("authors", "books", "reviews", "tags")}
    assert manifest(flask_bookshop).versions == ["v1", "v2"]
