"""Generate real projects and hold them to our bar: their own linters, type checker, architecture
contract, migrations and tests, on SQLite and PostgreSQL, and their API over real HTTP."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from layerkit.presets import CATALOG
from tests.conftest import EXAMPLES
from tests.e2e.helpers import fuzz_module, generate, own_tests, run, serve, static_checks, tool

pytestmark = pytest.mark.e2e

# Every preset is generated from the same multi-resource specs and held to the same bar.
PRESETS = ["fastapi", "fastapi-services", "fastapi-layered", "flask-subapps", "flask-layered"]
SPECS = ["bookshop.yaml", "everything.json"]
CASES = [(spec, preset) for preset in PRESETS for spec in SPECS]


@pytest.fixture(scope="module", params=CASES, ids=[f"{preset}-{spec}" for spec, preset in CASES])
def project(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    spec_name, preset = request.param
    spec = EXAMPLES / spec_name
    return generate(spec, tmp_path_factory.mktemp("e2e") / spec.stem, preset=preset)


def test_static_checks_pass(project: Path) -> None:
    static_checks(project)


def test_own_tests_pass_on_sqlite(project: Path) -> None:
    output = own_tests(project)
    assert " passed" in output and "failed" not in output


def test_own_tests_pass_on_postgres(project: Path, make_database: Callable[[], str]) -> None:
    output = own_tests(project, TEST_DATABASE_URL=make_database())
    assert " passed" in output and "failed" not in output


def test_migrations_have_no_drift_on_postgres(project: Path, make_database: Callable[[], str]) -> None:
    url = make_database()
    run([tool("alembic"), "upgrade", "head"], cwd=project, DATABASE_URL=url)
    run([tool("alembic"), "check"], cwd=project, DATABASE_URL=url)
    run([tool("alembic"), "downgrade", "base"], cwd=project, DATABASE_URL=url)


FUZZ_SECONDS = "40"
# The fuzz is the slowest check: every example in the default preset, the spec with every field
# type in the others (their HTTP layer is the same family's; the bookshop runs the HTTP suite).
FUZZ_CASES = [case for case in CASES if case[1] == "fastapi" or case[0] == "everything.json"]
# A family's data layer speaks to SQLite the same way in all its presets: the first preset of
# each family is fuzzed on SQLite too; every preset is fuzzed on PostgreSQL.
FIRST_OF_FAMILY = {CATALOG[name].framework: name for name in reversed(PRESETS)}
FUZZ_SQLITE_CASES = [case for case in FUZZ_CASES if case[1] in FIRST_OF_FAMILY.values()]


def _fuzz_project(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    spec_name, preset = request.param
    spec = EXAMPLES / spec_name
    return generate(spec, tmp_path_factory.mktemp("fuzz") / spec.stem, preset=preset)


@pytest.fixture(scope="module", params=FUZZ_CASES, ids=[f"{preset}-{spec}" for spec, preset in FUZZ_CASES])
def fuzzed(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _fuzz_project(request, tmp_path_factory)


@pytest.fixture(
    scope="module", params=FUZZ_SQLITE_CASES, ids=[f"{preset}-{spec}" for spec, preset in FUZZ_SQLITE_CASES]
)
def fuzzed_on_sqlite(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _fuzz_project(request, tmp_path_factory)


def test_fuzzing_finds_nothing_on_sqlite(fuzzed_on_sqlite: Path) -> None:
    """`make fuzz`'s runner: schemathesis with every check and the stateful phase, 0 failures."""
    run([tool("python"), "-m", fuzz_module(fuzzed_on_sqlite), FUZZ_SECONDS], cwd=fuzzed_on_sqlite)


def test_fuzzing_finds_nothing_on_postgres(fuzzed: Path, make_database: Callable[[], str]) -> None:
    run([tool("python"), "-m", fuzz_module(fuzzed), FUZZ_SECONDS], cwd=fuzzed, DATABASE_URL=make_database())


@pytest.fixture(scope="module", params=PRESETS)
def bookshop(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shared HTTP suite (`exercise_bookshop`) runs against the bookshop in every preset."""
    folder = tmp_path_factory.mktemp("http")
    return generate(EXAMPLES / "bookshop.yaml", folder / "bookshop", preset=request.param)


def test_http_api_on_sqlite(bookshop: Path, tmp_path: Path) -> None:
    with serve(bookshop, f"sqlite+aiosqlite:///{tmp_path / 'app.db'}") as client:
        exercise_bookshop(client)


def test_http_api_on_postgres(bookshop: Path, make_database: Callable[[], str]) -> None:
    with serve(bookshop, make_database()) as client:
        exercise_bookshop(client)


def exercise_bookshop(client: httpx.Client) -> None:
    """Point 4 of the core issue, through a real server."""
    assert client.get("/ready").json() == {"status": "ready"}
    author = client.post("/api/v1/authors", json={"name": "Ursula", "born": "1929-10-21"})
    assert author.status_code == 201, author.text
    author_id = author.json()["id"]
    book = {
        "title": "The Dispossessed",
        "isbn": "9780060512750",
        "price": "12.50",
        "genre": "science",
        "author_id": author_id,
    }
    created = client.post("/api/v1/books", json=book)
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["price"] == "12.50" and body["published"] is False and body["pages"] is None
    book_url = f"/api/v1/books/{body['id']}"
    assert client.get(book_url).json() == body

    second = client.post("/api/v1/books", json={**book, "isbn": "9780441478125", "price": "9.99"})
    assert second.status_code == 201
    duplicate = client.post("/api/v1/books", json={**book, "title": "Copy"})
    assert duplicate.status_code == 409 and duplicate.json()["error"]["code"] == "conflict"
    orphan = client.post("/api/v1/books", json={**book, "isbn": "1", "author_id": 999_999})
    assert orphan.status_code == 422 and orphan.json()["error"]["code"] == "invalid_reference"
    too_long = client.post("/api/v1/books", json={**book, "isbn": "2", "title": "x" * 201})
    assert too_long.status_code == 422
    assert too_long.json()["error"]["details"][0]["loc"] == ["body", "title"]
    bad_enum = client.post("/api/v1/books", json={**book, "isbn": "3", "genre": "poetry"})
    assert bad_enum.status_code == 422

    page = client.get("/api/v1/books", params={"limit": 1, "sort": "-price"}).json()
    assert (page["limit"], page["offset"], page["has_more"], page["total"]) == (1, 0, True, None)
    assert page["items"][0]["price"] == "12.50"
    counted = client.get("/api/v1/books", params={"limit": 1, "with_total": "true"}).json()
    assert (counted["total"], counted["has_more"], len(counted["items"])) == (2, True, 1)
    found = client.get("/api/v1/books", params={"isbn": "9780441478125", "with_total": "true"})
    assert (found.json()["total"], found.json()["has_more"]) == (1, False)
    assert client.get("/api/v1/books", params={"with_total": "yes"}).status_code == 422
    assert client.get("/api/v1/books", params={"sort": "nope"}).status_code == 422
    assert client.get("/api/v1/books", params={"limit": 500}).status_code == 422

    patched = client.patch(book_url, json={"price": "15.00"})
    assert patched.status_code == 200
    assert {k: v for k, v in patched.json().items() if k not in ("price", "updated_at")} == {
        k: v for k, v in body.items() if k not in ("price", "updated_at")
    }
    assert patched.json()["price"] == "15.00"

    review = client.post(
        "/api/v1/reviews",
        json={"book_id": body["id"], "rating": 5, "reviewed_at": "2024-05-01T10:00:00+02:00"},
    )
    assert review.status_code == 201, review.text
    assert review.json()["reviewed_at"] == "2024-05-01T08:00:00Z"

    in_use = client.delete(f"/api/v1/authors/{author_id}")
    assert in_use.status_code == 409
    assert client.delete(f"/api/v1/reviews/{review.json()['id']}").status_code == 204
    assert client.delete(book_url).status_code == 204
    gone = client.get(book_url)
    assert gone.status_code == 404
    assert set(gone.json()["error"]) == {"code", "message", "details"}

    assert client.get("/no/such/path").json()["error"]["code"] == "not_found"
    assert client.put("/health").status_code == 405
    assert client.get("/health", headers={"X-Request-ID": "trace-1"}).headers["X-Request-ID"] == "trace-1"
    spec = client.get("/openapi.json").json()
    assert "201" in spec["paths"]["/api/v1/books"]["post"]["responses"]
    assert "204" in spec["paths"]["/api/v1/books/{book_id}"]["delete"]["responses"]
    assert client.get("/docs").status_code == 200


def test_hand_edited_project_keeps_growing(tmp_path: Path) -> None:
    """Reformatted registration files and edited resource code survive `generate`."""
    project = generate(EXAMPLES / "bookshop.yaml", tmp_path / "shop")
    router = project / "app/api/v1.py"
    router.write_text(
        '"""Our API router (we reorganised it)."""\n\n'
        "from fastapi import APIRouter\n\n"
        "from app.authors import router as authors_router\n"
        "from app.books import router as books_router\n"
        "from app.reviews import router as reviews_router\n\n"
        "# Everything lives under /api/v1.\n"
        "router = APIRouter(\n"
        '    prefix="/api/v1",\n'
        ")\n\n"
        "router.include_router(authors_router)  # authors first\n"
        "router.include_router(books_router)\n"
        "router.include_router(reviews_router)\n\n\n"
        '@router.get("/version")\n'
        "async def version() -> dict[str, str]:\n"
        '    return {"version": "1"}\n'
    )
    service = project / "app/books/service.py"
    edited_service = service.read_text() + "\n\nDISCOUNT = 0.1  # our own business rule\n"
    service.write_text(edited_service)

    run(
        [tool("layerkit"), "generate", "resource", "shelf", "label:str:unique", "book:ref", "--json"],
        cwd=project,
    )
    run([tool("layerkit"), "generate", "resource", "shelf", "label:str:unique", "book:ref"], cwd=project)

    text = router.read_text()
    assert "# authors first" in text and '"/version"' in text
    assert text.count("include_router(shelves_router)") == 1
    assert service.read_text() == edited_service
    static_checks(project)
    output = own_tests(project)
    assert "shelves" in run([tool("python"), "-m", "pytest", "--collect-only", "-q"], cwd=project)
    assert "failed" not in output


def test_generated_makefile_works_from_scratch(tmp_path: Path) -> None:
    """`make lint` and `make test` of a fresh project create its own .venv and pass."""
    if shutil.which("make") is None:
        pytest.skip("needs make")
    project = tmp_path / "tiny"
    run([tool("layerkit"), "new", "tiny", "--no-input"], cwd=tmp_path)
    run(
        [tool("layerkit"), "generate", "resource", "note", "body:text", "pinned:bool:default=false"],
        cwd=project,
    )
    run(["make", "lint"], cwd=project)
    output = run(["make", "test"], cwd=project)
    assert " passed" in output
    assert (project / ".venv/bin/python").exists()
