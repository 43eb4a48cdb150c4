"""`generate version v2 --fork book` on a bookshop that already holds data: the project still
passes its own bar, and both versions serve the same rows over real HTTP."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import httpx
import pytest

from layerkit.actions import add_resources, add_version, create_project
from layerkit.presets import PRESET_NAMES, get_preset
from layerkit.spec.fields import parse_field
from layerkit.spec.loader import load_spec
from layerkit.spec.model import make_resource
from layerkit.spec.names import resource_names
from tests.conftest import EXAMPLES
from tests.e2e.helpers import generate, layout_of, own_tests, run, serve, static_checks, tool
from tests.e2e.test_generated_projects import PRESETS
from tests.layered_layout import preset

pytestmark = pytest.mark.e2e

VERSIONED = [name for name in PRESETS if get_preset(name).layout.versions is not None]
COLLECTIONS = ("authors", "books", "reviews")


@dataclass(frozen=True)
class Versioned:
    project: Path
    databases: dict[str, str]  # "sqlite" | "postgres" -> a database filled through v1 before v2 existed
    before: dict[str, dict[str, object]]  # database -> collection -> its v1 page back then


@pytest.fixture(scope="module", params=VERSIONED)
def versioned(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, make_database: Callable[[], str]
) -> Versioned:
    folder = tmp_path_factory.mktemp("versions")
    project = generate(EXAMPLES / "bookshop.yaml", folder / "bookshop", preset=request.param)
    databases = {"sqlite": f"sqlite+aiosqlite:///{folder / 'app.db'}", "postgres": make_database()}
    before = {}
    for name, url in databases.items():
        with serve(project, url) as client:
            fill_through_v1(client)
            before[name] = {c: client.get(f"/api/v1/{c}").json() for c in COLLECTIONS}
    run([tool("layerkit"), "generate", "version", "v2", "--fork", "book"], cwd=project)
    shelf = ["shelf", "label:str:max=40", "book:ref", "--version", "v2"]
    run([tool("layerkit"), "generate", "resource", *shelf], cwd=project)
    return Versioned(project, databases, before)


def fill_through_v1(client: httpx.Client) -> None:
    author = client.post("/api/v1/authors", json={"name": "Ursula", "born": "1929-10-21"})
    assert author.status_code == 201, author.text
    for isbn, title in (("9780060512750", "The Dispossessed"), ("9780441478125", "The Left Hand")):
        book = {
            "title": title,
            "isbn": isbn,
            "price": "9.99",
            "genre": "science",
            "author_id": author.json()["id"],
        }
        created = client.post("/api/v1/books", json=book)
        assert created.status_code == 201, created.text
    review = {"book_id": created.json()["id"], "rating": 5, "reviewed_at": "2024-05-01T10:00:00Z"}
    assert client.post("/api/v1/reviews", json=review).status_code == 201


def test_static_checks_pass(versioned: Versioned) -> None:
    static_checks(versioned.project)


def test_own_tests_cover_the_fork(versioned: Versioned) -> None:
    """The fork's router tests (where the layout puts them) and the v2-only resource's run."""
    collected = run([tool("python"), "-m", "pytest", "--collect-only", "-q"], cwd=versioned.project)
    layout = layout_of(versioned.project)
    assert layout.versions is not None
    http_tests = ("test_router", "test_routes")  # the FastAPI and the Flask family's role
    forked = next(a.path for a in layout.versions.fork if a.role in http_tests)
    own = next(a.path for a in layout.resource if a.role in http_tests)
    books, shelves = resource_names("book"), resource_names("shelf")
    assert forked.format(**layout.pattern_values(books, version="v2")) in collected
    assert own.format(**layout.pattern_values(shelves, version="v2")) in collected


def test_own_tests_pass_on_sqlite(versioned: Versioned) -> None:
    output = own_tests(versioned.project)
    assert " passed" in output and "failed" not in output


def test_own_tests_pass_on_postgres(versioned: Versioned, make_database: Callable[[], str]) -> None:
    output = own_tests(versioned.project, TEST_DATABASE_URL=make_database())
    assert " passed" in output and "failed" not in output


@pytest.mark.parametrize("database", ["sqlite", "postgres"])
def test_both_versions_serve_the_existing_data(versioned: Versioned, database: str) -> None:
    with serve(versioned.project, versioned.databases[database]) as client:
        for collection in COLLECTIONS:  # forked (books) or not: the same rows, unchanged in v1
            v1, v2 = (client.get(f"/api/{v}/{collection}").json() for v in ("v1", "v2"))
            assert v1 == v2 == versioned.before[database][collection]
        book = client.get("/api/v1/books").json()["items"][0]
        assert client.get(f"/api/v2/books/{book['id']}").json() == book
        changed = client.patch(f"/api/v2/books/{book['id']}", json={"price": "11.00"})
        assert changed.status_code == 200, changed.text
        assert client.get(f"/api/v1/books/{book['id']}").json()["price"] == "11.00"

        shelf = client.post("/api/v2/shelves", json={"label": "sf", "book_id": book["id"]})
        assert shelf.status_code == 201, shelf.text
        assert len(client.get("/api/v2/shelves").json()["items"]) == 1
        assert client.get("/api/v1/shelves").status_code == 404

        spec = client.get("/openapi.json").json()
    assert {"/api/v1/books", "/api/v2/books", "/api/v1/authors", "/api/v2/authors", "/api/v2/shelves"} <= set(
        spec["paths"]
    )
    assert "/api/v1/shelves" not in spec["paths"]
    operations = [op["operationId"] for path in spec["paths"].values() for op in path.values()]
    assert len(operations) == len(set(operations))


OPENAPI = {  # the app's OpenAPI document, by framework
    "fastapi": "app.openapi()",
    "flask": "app.spec",  # APIFlask
}


def test_openapi_has_no_duplicate_operation_ids(versioned: Versioned) -> None:
    """FastAPI warns about a duplicate operation id, apispec about a clash of schema names; any
    warning is an error here. Every operation has an id, each its own; every tag is listed once."""
    layout = layout_of(versioned.project)
    module, app = layout.app_path.split(":")
    script = f"import json; from {module} import {app} as app; print(json.dumps({OPENAPI[layout.framework]}))"
    spec = json.loads(run([tool("python"), "-W", "error", "-c", script], cwd=versioned.project))
    operations = [op["operationId"] for path in spec["paths"].values() for op in path.values()]
    assert len(operations) == len(set(operations))
    tags = [tag["name"] for tag in spec.get("tags", [])]
    assert len(tags) == len(set(tags))
    # a fork's schemas have names of their own, not a clash renamed with a counter (BookRead1)
    schemas = spec.get("components", {}).get("schemas", {})
    assert not [name for name in schemas if re.fullmatch(r".*[^V\d]\d+", name)]
    paths = sorted(path.replace("<int:", "{").replace(">", "}") for path in spec["paths"])
    assert [p for p in paths if p.startswith("/api/v2/")] == [
        "/api/v2/authors",
        "/api/v2/authors/{author_id}",
        "/api/v2/books",
        "/api/v2/books/{book_id}",
        "/api/v2/reviews",
        "/api/v2/reviews/{review_id}",
        "/api/v2/shelves",
        "/api/v2/shelves/{shelf_id}",
    ]


def test_another_layout_with_versions_passes_its_own_bar(tmp_path: Path) -> None:
    """Versions as packages and forks spread over layer folders (tests/layered_layout.py): the
    same planning code gives a project that passes its checks and tests with v1, v2 and a fork."""
    spec = load_spec(EXAMPLES / "bookshop.yaml", presets=PRESET_NAMES)
    project = tmp_path / "layered"
    with preset("test-layered", "LAYERED") as name:
        create_project(replace(spec, preset=name), directory=project)
        add_version("v2", forks=["book"], directory=project)
        shelf = make_resource("shelf", [parse_field("label:str"), parse_field("book:ref")])
        add_resources([shelf], version="v2", directory=project)
        static_checks(project)  # inside: the checks read the layout of the project's preset
        output = own_tests(project)
    assert " passed" in output and "failed" not in output
