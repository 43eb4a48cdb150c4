"""BackAnt's commands end to end, in every preset: a project from BackAnt's documented full example
(examples/backant.json), grown with `generate route|subroute` and the documented `--mock` forms
plus a mock of every JSON kind (and a resource beside them: the contracts hold for both); then its static checks, its own tests (SQLite, and PostgreSQL
in one preset per framework) and the served app, called over HTTP for every endpoint."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES
from tests.e2e.helpers import layout_of, own_tests, run, serve, static_checks, tool

pytestmark = pytest.mark.e2e

PRESETS = ("fastapi", "fastapi-services", "fastapi-layered", "flask-subapps", "flask-layered")
# one preset per framework; for Flask, BackAnt's own tree (seed 001)
ON_POSTGRES = {"fastapi", "flask-layered"}

EVERY_KIND = [
    True,
    False,
    None,
    {},
    [],
    0,
    -1.5,
    1e300,
    12345678901234567890,
    "quotes \" ' backslash \\ newline \n unicode é 漢字 😀",
    {"deep": [[[[[[[[[[[[[[[[{"leaf": None}]]]]]]]]]]]]]]]], "": "empty key"},
]
CUSTOMERS = [{"id": 1, "name": "Alice"}]
CHARLIE = {"id": 3, "name": "Charlie"}
PRODUCTS = [{"sku": "A-1", "title": "Ant farm", "price": 19.99, "in_stock": True}]
STATUS = {"GET": 200, "POST": 201, "PUT": 200, "PATCH": 200, "DELETE": 200}
BODY = {"id": 1, "name": "Alice"}


def _expected(spec: dict[str, dict[str, object]]) -> list[tuple[str, str, object]]:
    """(method, path below the API prefix, answer) of every endpoint BackAnt's example serves."""
    found: list[tuple[str, str, object]] = []
    for route, body in spec.items():
        found.append((str(body["type"]), f"/{route}", body.get("mock", f"Your {route} route is working!")))
        subroutes = body.get("subroutes", {})
        assert isinstance(subroutes, dict)
        for sub, sub_body in subroutes.items():
            default: object = f"Your {sub} route is working!"
            if sub_body["type"] == "POST":
                default = f"Successfully created {sub} for {route} with data: {BODY}"
            found.append((sub_body["type"], f"/{route}/{sub}", sub_body.get("mock", default)))
    return found


EXAMPLE = json.loads((EXAMPLES / "backant.json").read_text())["routes"]
ENDPOINTS = [
    *_expected(EXAMPLE),
    ("GET", "/customers", CUSTOMERS),
    ("POST", "/customers/create", CHARLIE),
    ("GET", "/products", PRODUCTS),
    ("PUT", "/kinds", EVERY_KIND),
    ("DELETE", "/kinds/gone", "Successfully deleted gone for kinds"),
    ("PATCH", "/kinds/flag", True),
    ("GET", "/kinds/nothing", None),
]


def _grow(project: Path, scratch: Path) -> None:
    layerkit = tool("layerkit")
    (scratch / "products.json").write_text(json.dumps(PRODUCTS))
    (scratch / "kinds.json").write_text(json.dumps(EVERY_KIND, ensure_ascii=False))
    for command in (
        ["generate", "route", "customers", "--mock", json.dumps(CUSTOMERS)],
        ["generate", "subroute", "customers", "create", "--type", "POST", "--mock", json.dumps(CHARLIE)],
        ["generate", "route", "products", "--mock", str(scratch / "products.json")],  # BackAnt's bare path
        ["generate", "route", "kinds", "--method", "PUT", "--mock", f"@{scratch / 'kinds.json'}"],
        ["generate", "subroute", "kinds", "gone", "--method", "DELETE"],
        ["g", "subroute", "kinds", "flag", "--method", "PATCH", "--mock", "true"],
        ["--report", "g", "subroute", "kinds", "nothing", "--mock", "null"],
        ["generate", "resource", "note", "body:text"],  # routes and resources side by side
    ):
        run([layerkit, *command], cwd=project)
    # the same command again: nothing to do, exit 0
    out = run(
        [layerkit, "g", "subroute", "kinds", "flag", "--method", "PATCH", "--mock", "true"], cwd=project
    )
    assert "nothing to do" in out


def _backant_project(preset: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp(f"backant-{preset}")
    project = folder / "my-api"
    command = [tool("layerkit"), "new", "my-api", "--spec", str(EXAMPLES / "backant.json")]
    run([*command, "--dir", str(project), "--preset", preset, "--no-input"], cwd=folder)
    _grow(project, folder)
    return project


@pytest.fixture(scope="module", params=PRESETS)
def project(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _backant_project(request.param, tmp_path_factory)


@pytest.fixture(scope="module", params=sorted(ON_POSTGRES))
def fuzzed(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The mocks are fuzzed once per framework (their HTTP layer is the family's)."""
    return _backant_project(request.param, tmp_path_factory)


def _sqlite(project: Path, path: Path) -> str:
    driver = "sqlite" if layout_of(project).framework == "flask" else "sqlite+aiosqlite"
    return f"{driver}:///{path}"


def _postgres(project: Path, url: str) -> str:
    return url.replace("+asyncpg", "+psycopg") if layout_of(project).framework == "flask" else url


def test_backant_project_checks_tests_and_serves_every_mock(
    project: Path, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    static_checks(project)
    out = own_tests(project, TEST_DATABASE_URL=_sqlite(project, tmp_path / "test.db"))
    assert " passed" in out and "failed" not in out
    preset = layout_of(project)
    if request.node.callspec.params["project"] in ON_POSTGRES:
        make_database: Callable[[], str] = request.getfixturevalue("make_database")
        own_tests(project, TEST_DATABASE_URL=_postgres(project, make_database()))
    prefix = preset.api_prefix()
    with serve(project, _sqlite(project, tmp_path / "app.db")) as client:
        assert client.get("/health").status_code == 200  # the app's own, beside the `health` route
        for method, path, answer in ENDPOINTS:
            body = {"json": BODY} if method in ("POST", "PUT", "PATCH") else {}
            response = client.request(method, prefix + path, **body)  # type: ignore[arg-type]
            assert response.status_code == STATUS[method], (method, path, response.text)
            assert response.json() == answer, (method, path)
            wrong = client.request("DELETE" if method != "DELETE" else "GET", prefix + path)
            assert wrong.status_code == 405 and wrong.json()["error"]["code"] == "method_not_allowed"
            if body:
                bad = client.request(
                    method, prefix + path, content=b"{not json", headers={"content-type": "application/json"}
                )
                assert bad.status_code in (400, 415, 422) and "error" in bad.json(), bad.text
                assert bad.status_code != 500
        openapi = client.get("/openapi.json").json()
        assert f"{prefix}/users/profile" in openapi["paths"]


def test_fuzzing_finds_no_server_error_on_the_mocks(fuzzed: Path) -> None:
    run([tool("python"), "-m", layout_of(fuzzed).project_modules()["fuzz"], "15"], cwd=fuzzed)
