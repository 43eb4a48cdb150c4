"""`layerkit list` and `layerkit check`: what they read from a generated project and its
manifest, what drift they find, and how their output and exit codes look. The tools `check`
runs (lint-imports, Alembic) run for real in tests/e2e/test_check.py; here they are parsed."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from layerkit import checks
from layerkit.actions import add_resources, add_service, add_version, create_project
from layerkit.checks import alembic_differences, broken_contracts, check_project
from layerkit.errors import NotAProjectError
from layerkit.listing import list_project
from layerkit.route_actions import generate_route
from layerkit.spec.fields import parse_field
from layerkit.spec.model import ProjectSpec, make_resource
from layerkit.spec.routes import make_route
from tests.conftest import Cli, snapshot

Copy = Callable[[str], Path]
FIELD_KEYS = {
    "name",
    "type",
    "optional",
    "unique",
    "index",
    "default",
    "min",
    "max",
    "choices",
    "target",
    "text",
}
BOOK = ["title:str:index:max=200", "price:decimal:min=0", "genre:enum=fiction,science", "author:ref"]


def _make(root: Path, preset: str, *, grow: bool = True) -> Path:
    create_project(ProjectSpec("shop", preset=preset), directory=root)
    author = make_resource("author", [parse_field("name:str:max=120")])
    book = make_resource("book", [parse_field(text) for text in BOOK])
    add_resources([author, book], directory=root)
    if grow:
        generate_route(make_route("users", "POST", None, has_mock=False), directory=root)
        add_service("mailer", directory=root)
    return root


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """One project per preset the drift tests use, generated once; tests get a copy."""
    base = tmp_path_factory.mktemp("generated")
    projects = {preset: _make(base / preset, preset) for preset in ("fastapi", "flask-layered")}
    add_version("v2", forks=["book"], directory=projects["fastapi"])
    projects["fastapi-services"] = _make(base / "fastapi-services", "fastapi-services", grow=False)
    return projects


@pytest.fixture
def copy(generated: dict[str, Path], tmp_path: Path) -> Copy:
    def make(preset: str) -> Path:
        return Path(shutil.copytree(generated[preset], tmp_path / preset))

    return make


def drift(project: Path) -> checks.CheckResult:
    (result,) = check_project(project, only=["drift"]).checks
    return result


def kinds(result: checks.CheckResult) -> dict[str, list[str | None]]:
    found: dict[str, list[str | None]] = {}
    for finding in result.findings:
        found.setdefault(finding.kind, []).append(finding.path)
    return found


# --- list ------------------------------------------------------------------------------------


def test_list_reads_the_manifest(generated: dict[str, Path]) -> None:
    listing: dict[str, Any] = list_project(generated["fastapi"] / "app" / "books").to_json()  # from inside
    assert listing["preset"] == "fastapi" and listing["database"] == "sqlite"
    assert listing["versions"] == ["v1", "v2"]
    assert [r["name"] for r in listing["resources"]] == ["author", "book"]
    book = listing["resources"][1]
    assert book["versions"] == ["v1", "v2"] and book["forks"] == ["v2"]
    assert [f["text"] for f in book["fields"]] == BOOK
    title, price, genre, author = book["fields"]
    assert all(set(f) == FIELD_KEYS for f in book["fields"])
    assert title == {
        "name": "title",
        "type": "str",
        "optional": False,
        "unique": False,
        "index": True,
        "default": None,
        "min": None,
        "max": 200,
        "choices": [],
        "target": None,
        "text": "title:str:index:max=200",
    }
    assert price["min"] == 0 and genre["choices"] == ["fiction", "science"]
    assert author["type"] == "ref" and author["target"] == "author"
    assert listing["routes"] == [{"name": "users", "method": "POST", "mock": False, "subroutes": []}]
    assert listing["services"] == ["mailer"]


def test_list_of_a_preset_without_versions(generated: dict[str, Path]) -> None:
    listing: dict[str, Any] = list_project(generated["flask-layered"] / "api").to_json()
    assert listing["preset"] == "flask-layered" and listing["versions"] == []
    assert [r["versions"] for r in listing["resources"]] == [[], []]


def test_list_refuses_a_damaged_field(copy: Copy) -> None:
    project = copy("fastapi")
    manifest = project / ".layerkit.toml"
    manifest.write_text(manifest.read_text().replace('"title:str:index:max=200"', '"title:strr"'))
    with pytest.raises(NotAProjectError, match="is damaged"):
        list_project(project)


# --- drift -----------------------------------------------------------------------------------


@pytest.mark.parametrize("preset", ["fastapi", "flask-layered", "fastapi-services"])
def test_a_fresh_project_has_no_drift(generated: dict[str, Path], preset: str) -> None:
    result = drift(generated[preset])
    assert result.status == "ok" and result.findings == [], result


def test_edited_files_are_information_not_failure(copy: Copy) -> None:
    project = copy("fastapi")
    service = project / "app/books/service.py"
    service.write_text(service.read_text() + "\n# mine\n")
    result = drift(project)
    assert result.status == "ok" and "1 file(s) edited by you" in result.reason
    (finding,) = result.findings
    assert finding.kind == "edited" and finding.path == "app/books/service.py"
    assert finding.owner == "resource 'book'" and "edited by you" in finding.message


@pytest.mark.parametrize(
    ("preset", "path", "owner"),
    [
        ("fastapi", "app/books/models.py", "resource 'book'"),
        ("fastapi", "app/books/v2/router.py", "resource 'book'"),  # a fork's file
        ("fastapi", "tests/authors/test_service.py", "resource 'author'"),
        ("flask-layered", "api/models/Books_model.py", "resource 'book'"),
        ("flask-layered", "api/migrations/versions/v_0002_create_book.py", "resource 'book'"),
        ("flask-layered", "api/services/mailer/tasks.py", "service 'mailer'"),
        ("flask-layered", "api/routes/users_route.py", "route 'users'"),
        ("flask-layered", "README.md", None),
    ],
)
def test_a_missing_file_fails(copy: Copy, preset: str, path: str, owner: str | None) -> None:
    project = copy(preset)
    (project / path).unlink()
    result = drift(project)
    assert result.status == "failed" and "1 file(s) missing" in result.reason
    (finding,) = result.findings
    assert (finding.kind, finding.path, finding.owner) == ("missing", path, owner)


def test_a_resource_file_is_missing_even_when_not_recorded(copy: Copy) -> None:
    project = copy("fastapi")
    manifest = project / ".layerkit.toml"
    manifest.write_text(
        "\n".join(line for line in manifest.read_text().splitlines() if not line.startswith('"app/books/'))
    )
    shutil.rmtree(project / "app/books")
    result = drift(project)
    assert result.status == "failed"
    assert "app/books/models.py" in kinds(result)["missing"]
    assert {f.owner for f in result.findings} == {"resource 'book'"}


@pytest.mark.parametrize(
    ("preset", "model"),
    [
        ("fastapi", "app/publishers/models.py"),
        ("flask-layered", "api/models/Publishers_model.py"),
        ("fastapi-services", "service/publisher/models.py"),
    ],
)
def test_a_model_the_manifest_does_not_know_fails(copy: Copy, preset: str, model: str) -> None:
    project = copy(preset)
    (project / model).parent.mkdir(parents=True, exist_ok=True)
    (project / model).write_text("class Publisher: ...\n")
    result = drift(project)
    assert result.status == "failed" and "1 resource(s) .layerkit.toml does not know" in result.reason
    (finding,) = result.findings
    assert finding.kind == "extra" and finding.path == model and "publisher" in finding.message.lower()


def test_a_resource_dropped_from_the_manifest_is_unknown(copy: Copy) -> None:
    project = copy("fastapi-services")
    manifest = project / ".layerkit.toml"
    text = manifest.read_text()
    start = text.index("[resources.book]")
    manifest.write_text(text[:start] + text[text.index("\n\n", start) + 2 :])
    result = drift(project)
    assert result.status == "failed" and kinds(result) == {"extra": ["service/book/models.py"]}


def test_models_in_the_projects_own_folders_are_not_resources(copy: Copy) -> None:
    project = copy("fastapi")
    for folder in ("app/core", "app/users", "app/services/mailer"):  # the project's, a route's, a service's
        (project / folder / "models.py").write_text("x = 1\n")
    assert drift(project).status == "ok"


def test_a_damaged_manifest_is_one_error(copy: Copy) -> None:
    project = copy("fastapi")
    (project / ".layerkit.toml").write_text("[layerkit\n")
    with pytest.raises(NotAProjectError, match="is damaged"):
        check_project(project, only=["drift"])
    (project / ".layerkit.toml").write_text(
        '[layerkit]\nversion = "0.1.0"\npreset = "fastapi"\n[project]\nname = "shop"\ndatabase = "sqlite"\n'
        '[files]\n"../outside.py" = "0"\n'
    )
    with pytest.raises(NotAProjectError, match="outside the project"):
        check_project(project, only=["drift"])


# --- the tools' output -----------------------------------------------------------------------

LINT_IMPORTS = """\
Analyzed 53 files, 120 dependencies.
------------------------------------

core and db are the foundation: they import no feature KEPT
inside a resource: router -> service -> repository -> models/schemas BROKEN
only routers speak HTTP BROKEN

Contracts: 1 kept, 2 broken.


----------------
Broken contracts
----------------

inside a resource: router -> service -> repository -> models/schemas
--------------------------------------------------------------------

app.books.repository is not allowed to import app.books.router:

- app.books.repository -> app.books.router (l.76)


only routers speak HTTP
-----------------------

app.books.service is not allowed to import fastapi:

- app.books.service -> fastapi (l.3)
"""


def test_broken_contracts_are_read_from_lint_imports() -> None:
    layers, http = broken_contracts(LINT_IMPORTS)
    assert layers.message == "inside a resource: router -> service -> repository -> models/schemas"
    assert layers.details == [
        "app.books.repository is not allowed to import app.books.router:",
        "- app.books.repository -> app.books.router (l.76)",
    ]
    assert (
        http.message == "only routers speak HTTP"
        and http.details[-1] == "- app.books.service -> fastapi (l.3)"
    )
    assert broken_contracts(LINT_IMPORTS.replace("BROKEN", "KEPT")) == []


def test_differences_are_read_from_alembic_check() -> None:
    output = (
        "FAILED: New upgrade operations detected: [('add_column', None, 'book', Column('isbn',"
        " String(length=13), table=<book>)), ('add_table', Table('publisher', MetaData(), Column('id',"
        " Integer(), table=<publisher>, primary_key=True, nullable=False), schema=None)),"
        " [('modify_nullable', None, 'book', 'title', {'existing_type': VARCHAR(length=200)}, False, True)],"
        " ('remove_index', Index('ix_book_title', Column('title', VARCHAR(length=200))))]"
    )
    found = alembic_differences(output)
    assert [f.message for f in found] == [
        "add_column: book.isbn",
        "add_table: publisher",
        "modify_nullable: book.title",
        "remove_index: ix_book_title",
    ]
    assert alembic_differences("No new upgrade operations detected.") == []


# --- skipped checks, CI ----------------------------------------------------------------------


def test_checks_without_the_projects_environment_are_skipped(
    generated: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(checks, "project_python", lambda root: None)
    report = check_project(generated["fastapi"], ci=False)
    assert [(c.name, c.status) for c in report.checks] == [
        ("contract", "skipped"),
        ("drift", "ok"),
        ("migrations", "skipped"),
    ]
    assert "needs the project's environment: run `make install` in" in report.checks[0].reason
    assert report.status == "ok" and report.exit_code == 0
    monkeypatch.setenv("CI", "true")
    report = check_project(generated["fastapi"])
    assert [c.status for c in report.checks] == ["failed", "ok", "failed"]
    assert report.status == "failed" and report.exit_code == 1


def test_an_unknown_check_is_refused(generated: dict[str, Path]) -> None:
    with pytest.raises(checks.LayerkitError, match="unknown check 'style'"):
        check_project(generated["fastapi"], only=["style"])


# --- the command line ------------------------------------------------------------------------


def test_cli_list(cli: Cli, generated: dict[str, Path]) -> None:
    project = generated["fastapi"]
    for command in ("list", "show", "check"):
        code, out, _ = cli(command, "--help", cwd=project)
        assert code == 0 and "Usage:" in out
    for command in ("list", "show"):
        code, out, _ = cli(command, cwd=project / "tests")
        assert code == 0
        assert "shop: fastapi preset, sqlite database" in out and "versions: v1, v2" in out
        assert "  book (versions v1, v2; forks v2)\n    title:str:index:max=200\n" in out
        assert "  POST   users\n" in out and "services (1):\n  mailer\n" in out
    code, out, _ = cli("list", "--json", "--dir", project, cwd=project.parent)
    document = json.loads(out)
    assert code == 0
    assert set(document) >= {"preset", "database", "versions", "resources", "routes", "services"}
    assert set(document["resources"][0]) == {"name", "fields", "versions", "forks"}


def test_cli_outside_a_project(cli: Cli, tmp_path: Path) -> None:
    for command in ("list", "check"):
        code, out, err = cli(command, cwd=tmp_path)
        assert code == 1 and out == ""
        assert err.startswith("error: no .layerkit.toml in ") and err.count("\n") == 1
        code, out, _ = cli(command, "--json", cwd=tmp_path)
        assert code == 1 and json.loads(out)["status"] == "error"


def test_cli_check_exit_codes_and_json(cli: Cli, copy: Copy, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setattr(checks, "project_python", lambda root: None)
    project = copy("flask-layered")
    before = snapshot(project)
    code, out, _ = cli("check", cwd=project / "api")
    assert code == 0
    assert "contract    skipped  needs the project's environment" in out
    assert "drift       ok       every file layerkit recorded is there" in out
    code, out, _ = cli("check", "--json", cwd=project)
    document = json.loads(out)
    assert code == 0 and document["status"] == "ok"
    assert [c["name"] for c in document["checks"]] == ["contract", "drift", "migrations"]
    assert set(document["checks"][0]) == {"name", "status", "reason", "findings"}
    assert snapshot(project) == before  # checking writes nothing

    (project / "tests/test_books_service.py").unlink()
    code, out, _ = cli("check", "drift", cwd=project)
    assert code == 1
    assert out.startswith("drift  failed   1 file(s) missing")
    assert "  tests/test_books_service.py is missing (a file of resource 'book')" in out
    code, out, _ = cli("--json", "check", "drift", "--dir", project, cwd=project.parent)
    (result,) = json.loads(out)["checks"]
    assert code == 1 and result["status"] == "failed"
    assert result["findings"][0]["kind"] == "missing"
    assert cli("check", "style", cwd=project)[0] == 2  # not a check: a usage error
