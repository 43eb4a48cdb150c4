"""`generate route|subroute`, mocks, BackAnt's spec and `--report`: what is written, what is refused
(with the tree left byte for byte as it was)."""

from __future__ import annotations

import json
import shutil
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from layerkit.cli import app
from layerkit.errors import LayerkitError
from layerkit.render.route_context import py_literal
from layerkit.spec.routes import (
    MAX_DEPTH,
    check_mock,
    is_backant_spec,
    parse_mock_text,
    read_mock,
    route_from_record,
    route_names,
)
from tests.conftest import EXAMPLES, Cli, snapshot

EVERY_KIND = [
    True,
    False,
    None,
    {},
    [],
    0,
    -1.5,
    12345678901234567890,
    "",
    "quotes \" ' backslash \\ newline \n tab \t unicode é 漢字 😀 nul \x00",
    {"nested": [[[{"deep": [None, True]}]]], "": "empty key"},
]


PRESETS = ("fastapi", "fastapi-services", "fastapi-layered", "flask-subapps", "flask-layered")


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One new project of each preset, copied by the tests that change it."""
    root = tmp_path_factory.mktemp("fresh")
    runner = CliRunner()
    for preset in PRESETS:
        result = runner.invoke(
            app, ["new", "shop", "--dir", str(root / preset), "--preset", preset, "--no-input"]
        )
        assert result.exit_code == 0, result.output
    return root


@pytest.fixture
def project(fresh: Path, tmp_path: Path) -> Path:
    target = tmp_path / "shop"
    shutil.copytree(fresh / "fastapi", target)
    return target


def copy_of(fresh: Path, tmp_path: Path, preset: str) -> Path:
    target = tmp_path / preset
    shutil.copytree(fresh / preset, target)
    return target


def refused(cli: Cli, project: Path, *args: str) -> str:
    """Run a command that must fail: non-zero exit, one error line, nothing written."""
    before = snapshot(project)
    code, _, err = cli(*args, cwd=project)
    assert code != 0, args
    assert err.startswith("error: ") and err.strip().count("\n") == 0, err
    assert snapshot(project) == before
    return err


# --- names -------------------------------------------------------------------------------------


def test_a_route_name_is_used_as_given() -> None:
    names = route_names("users")
    assert (names.singular, names.plural, names.url, names.cls) == ("users", "users", "users", "Users")
    assert route_names("health").plural == "health" and route_names("user_posts").url == "user_posts"


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("my-route", "lower_snake_case"),
        ("1users", "lower_snake_case"),
        ("user posts", "lower_snake_case"),
        ("Users", "lower_snake_case"),
        ("class", "keyword"),
        ("api", "project's own"),
        ("tests", "project's own"),
    ],
)
def test_invalid_route_names_are_refused(cli: Cli, project: Path, name: str, problem: str) -> None:
    assert problem in refused(cli, project, "generate", "route", name)


def test_names_the_layout_reserves_or_its_files_use_are_refused(
    cli: Cli, fresh: Path, tmp_path: Path
) -> None:
    subapps = copy_of(fresh, tmp_path, "flask-subapps")
    assert "flask-subapps preset" in refused(cli, subapps, "g", "route", "services")
    layered = copy_of(fresh, tmp_path, "fastapi-layered")
    assert "tests/test_database.py" in refused(cli, layered, "g", "route", "database")
    backant = copy_of(fresh, tmp_path, "flask-layered")
    assert "flask-layered preset" in refused(cli, backant, "g", "route", "helper")
    assert "tests/test_logger.py" in refused(cli, backant, "g", "route", "logger")


def test_a_route_may_not_take_a_resource_s_package_or_url_nor_the_reverse(cli: Cli, project: Path) -> None:
    assert cli("g", "resource", "book", "title:str", cwd=project)[0] == 0
    assert "resource 'book'" in refused(cli, project, "g", "route", "books")
    assert "resource 'book'" in refused(cli, project, "g", "route", "book")
    assert cli("g", "route", "users", cwd=project)[0] == 0
    assert "route 'users'" in refused(cli, project, "g", "resource", "user", "name:str")
    assert cli("g", "route", "author", cwd=project)[0] == 0
    assert "route 'author'" in refused(cli, project, "g", "resource", "author", "name:str")


def test_a_route_named_health_leaves_the_app_s_own_health_alone(
    cli: Cli, fresh: Path, tmp_path: Path
) -> None:
    services = copy_of(fresh, tmp_path, "fastapi-services")
    assert cli("g", "route", "health", cwd=services)[0] == 0
    app_py = (services / "api/app.py").read_text()
    assert "from api.health import router as health_router" in app_py
    assert "from service.health import router as service_health_router" in app_py
    assert "api_router.include_router(service_health_router)" in app_py
    backant = copy_of(fresh, tmp_path, "flask-layered")  # BackAnt's example has a `health` route
    assert cli("g", "route", "health", "--mock", '{"status": "ok"}', cwd=backant)[0] == 0
    app_py = (backant / "api/app.py").read_text()
    assert "from routes.health import health\n" in app_py
    assert "from routes.health_route import health_bp\n" in app_py
    assert "app.register_blueprint(health)\n" in app_py and "app.register_blueprint(health_bp)\n" in app_py
    # Flask refuses two blueprints of one name: the route's is its module's
    route = (backant / "api/routes/health_route.py").read_text()
    assert 'health_bp = APIBlueprint("health_route", __name__, url_prefix="/api/v1/health"' in route


# --- what a route is ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("preset", "files", "registry", "line"),
    [
        (
            "fastapi",
            [
                "app/users/__init__.py",
                "app/users/router.py",
                "app/users/service.py",
                "tests/users/test_router.py",
            ],
            "app/api/v1.py",
            "router.include_router(users_router)",
        ),
        (
            "fastapi-services",
            ["service/users/__init__.py", "service/users/routes.py", "service/users/db.py"],
            "api/app.py",
            "api_router.include_router(users_router)",
        ),
        (
            "fastapi-layered",
            ["app/api/v1/users.py", "app/services/users_service.py", "tests/test_users.py"],
            "app/api/v1/__init__.py",
            "router.include_router(users_router)",
        ),
        (
            "flask-subapps",
            [
                "app/users/__init__.py",
                "app/users/routes.py",
                "app/users/utils.py",
                "tests/users/test_routes.py",
            ],
            "app/api/v1/v1.py",
            "v1.register_blueprint(users_blueprint)",
        ),
        (
            "flask-layered",
            ["api/routes/users_route.py", "api/services/users_service.py", "tests/test_users.py"],
            "api/app.py",
            "app.register_blueprint(users_bp)",
        ),
    ],
)
def test_a_route_is_an_http_and_a_service_layer_registered_once(
    cli: Cli, fresh: Path, tmp_path: Path, preset: str, files: list[str], registry: str, line: str
) -> None:
    project = copy_of(fresh, tmp_path, preset)
    before = set(snapshot(project))
    code, out, err = cli("g", "route", "users", "--mock", '[{"id": 1, "name": "Alice"}]', cwd=project)
    assert code == 0, err
    created = set(snapshot(project)) - before
    assert set(files) <= created
    assert not any("model" in path or "migration" in path or "repositor" in path for path in created)
    assert not any("versions/" in path for path in created)  # no migration: there are no fields
    assert (project / registry).read_text().count(line) == 1
    again = snapshot(project)
    code, out, _ = cli("g", "route", "users", "--mock", '[{"id": 1, "name": "Alice"}]', cwd=project)
    assert code == 0 and "nothing to do" in out
    assert snapshot(project) == again  # a re-run never registers twice


def test_the_manifest_records_methods_mocks_and_subroutes(cli: Cli, project: Path) -> None:
    assert cli("g", "route", "users", "--mock", '[{"id": 1, "name": "Alice"}]', cwd=project)[0] == 0
    assert cli("g", "subroute", "users", "create", "--type", "POST", cwd=project)[0] == 0
    assert cli("g", "subroute", "users", "flags", "--method", "patch", "--mock", "null", cwd=project)[0] == 0
    entry = tomllib.loads((project / ".layerkit.toml").read_text())["routes"]["users"]
    assert entry == {
        "method": "GET",
        "mock": '[{"id": 1, "name": "Alice"}]',
        "subroutes": {"create": {"method": "POST"}, "flags": {"method": "PATCH", "mock": "null"}},
    }
    route = route_from_record("users", entry)
    assert [e.name for e in route.endpoints()] == ["", "create", "flags"]
    assert route.subroute("flags") is not None and route.subroute("flags").has_mock  # type: ignore[union-attr]
    router = (project / "app/users/router.py").read_text()
    assert '@router.post("/create", status_code=201)' in router and '@router.patch("/flags")' in router


def test_every_method_is_honoured(cli: Cli, project: Path) -> None:
    assert cli("g", "route", "things", "--method", "DELETE", cwd=project)[0] == 0
    for method in ("GET", "POST", "PUT", "PATCH"):
        assert cli("g", "subroute", "things", method.lower(), "--method", method, cwd=project)[0] == 0
    router = (project / "app/things/router.py").read_text()
    assert '@router.delete("")' in router
    for decorator in ('get("/get")', 'post("/post", status_code=201)', 'put("/put")', 'patch("/patch")'):
        assert f"@router.{decorator}" in router
    service = (project / "app/things/service.py").read_text()
    assert '"Successfully deleted things"' in service
    assert 'f"Successfully created post for things with data: {data}"' in service


def test_without_a_mock_the_answers_are_backant_s_placeholders(cli: Cli, project: Path) -> None:
    assert cli("g", "route", "health", cwd=project)[0] == 0
    assert cli("g", "subroute", "health", "submit", "--type", "POST", cwd=project)[0] == 0
    service = (project / "app/health/service.py").read_text()
    assert 'return "Your health route is working!"' in service
    assert 'return f"Successfully created submit for health with data: {data}"' in service


# --- subroutes ---------------------------------------------------------------------------------


def test_a_subroute_needs_its_route(cli: Cli, project: Path) -> None:
    err = refused(cli, project, "g", "subroute", "users", "profile")
    assert "route 'users' does not exist" in err and "layerkit generate route users" in err


def test_a_duplicate_subroute_is_an_error_but_the_same_command_again_is_nothing_to_do(
    cli: Cli, project: Path
) -> None:
    assert cli("g", "route", "users", cwd=project)[0] == 0
    assert cli("g", "subroute", "users", "profile", "--mock", '{"id": 3}', cwd=project)[0] == 0
    before = snapshot(project)
    code, out, _ = cli("g", "subroute", "users", "profile", "--mock", '{"id": 3}', cwd=project)
    assert code == 0 and "nothing to do" in out and snapshot(project) == before
    assert "already exists" in refused(cli, project, "g", "subroute", "users", "profile", "--type", "POST")
    assert "already exists" in refused(cli, project, "g", "subroute", "users", "profile", "--mock", "[]")
    assert cli("g", "subroute", "users", "one", "--mock", "1", cwd=project)[0] == 0
    for other in ("true", "1.0", "[1]"):  # equal in Python, not in JSON
        assert "already exists" in refused(cli, project, "g", "subroute", "users", "one", "--mock", other)
    assert "route's own name" in refused(cli, project, "g", "subroute", "users", "users")
    assert "lower_snake_case" in refused(cli, project, "g", "subroute", "users", "my-profile")
    assert "unknown method" in refused(cli, project, "g", "subroute", "users", "x", "--type", "FETCH")
    assert "already exists with method GET" in refused(cli, project, "g", "route", "users", "--type", "POST")


def test_a_subroute_renders_the_route_again_and_keeps_the_user_s_edits(cli: Cli, project: Path) -> None:
    assert cli("g", "route", "users", cwd=project)[0] == 0
    service = project / "app/users/service.py"
    service.write_text(service.read_text() + "# mine\n")
    before = snapshot(project)
    code, _, err = cli("g", "subroute", "users", "profile", cwd=project)
    assert code != 0 and "app/users/service.py" in err and "--force" in err
    assert snapshot(project) == before
    assert cli("g", "subroute", "users", "profile", "--force", cwd=project)[0] == 0
    assert "# mine" not in service.read_text() and "def get_profile" in service.read_text()


def test_dry_run_shows_the_plan_and_writes_nothing(cli: Cli, project: Path) -> None:
    before = snapshot(project)
    code, out, _ = cli("g", "route", "users", "--dry-run", cwd=project)
    assert code == 0 and "would create  app/users/router.py" in out and "+router.include_router" in out
    assert snapshot(project) == before
    assert cli("g", "route", "users", cwd=project)[0] == 0
    before = snapshot(project)
    code, out, _ = cli("g", "subroute", "users", "profile", "--dry-run", cwd=project)
    assert code == 0 and "would modify  app/users/router.py" in out and snapshot(project) == before


# --- mocks -------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", EVERY_KIND, ids=repr)
def test_every_json_kind_is_a_python_literal_of_the_same_value(value: object) -> None:
    text = json.dumps(value)
    parsed = parse_mock_text(text)
    assert parsed == value
    literal = py_literal(parsed)
    assert eval(literal, {"__builtins__": {}}) == value
    assert literal.isascii()


def test_a_long_string_is_written_in_parts() -> None:
    literal = py_literal("x " * 100)
    assert literal.startswith("(") and eval(literal) == "x " * 100


def test_mocks_of_every_kind_reach_the_generated_code(cli: Cli, project: Path) -> None:
    assert cli("g", "route", "kinds", "--mock", json.dumps(EVERY_KIND), cwd=project)[0] == 0
    service = (project / "app/kinds/service.py").read_text()
    assert "True," in service and "None," in service and "true" not in service and "null" not in service
    namespace: dict[str, object] = {}
    exec(compile(service, "service.py", "exec"), namespace)
    instance = namespace["KindsService"]()  # type: ignore[operator]
    assert instance.get_kinds() == EVERY_KIND


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("[1, 2", "line 1 column 6"),
        ('{\n  "a": 1,\n  b\n}', "line 3 column 3"),
        ("NaN", "NaN"),
        ("[Infinity]", "Infinity"),
        ("1e999", "not a finite number"),
        ('"\\ud800"', "lone surrogate"),
        ("123456789012345678901234567890", "64 bits"),
        ("[" * (MAX_DEPTH + 2) + "]" * (MAX_DEPTH + 2), "nested"),
        ("[" * 5000 + "]" * 5000, "nested"),
    ],
)
def test_mocks_that_cannot_round_trip_are_refused(cli: Cli, project: Path, text: str, problem: str) -> None:
    with pytest.raises(LayerkitError, match=problem.replace("(", r"\(")):
        parse_mock_text(text)
    assert problem in refused(cli, project, "g", "route", "users", "--mock", text)


def test_mock_files(cli: Cli, project: Path, tmp_path: Path) -> None:
    (tmp_path / "users.json").write_text('[{"id": 1, "name": "Alice"}]')
    assert read_mock(f"@{tmp_path / 'users.json'}") == [{"id": 1, "name": "Alice"}]
    assert read_mock(str(tmp_path / "users.json")) == [{"id": 1, "name": "Alice"}]  # BackAnt's bare path
    assert read_mock('"users.json"') == "users.json"  # a JSON string stays a string
    assert "cannot read mock file" in refused(cli, project, "g", "route", "users", "--mock", "@missing.json")
    assert "cannot read mock file" in refused(cli, project, "g", "route", "users", "--mock", "missing.json")
    (tmp_path / "bad.json").write_text("{\n  'a': 1\n}")
    err = refused(cli, project, "g", "route", "users", "--mock", f"@{tmp_path / 'bad.json'}")
    assert "line 2 column 3" in err
    code, _, err = cli("g", "route", "users", "--mock", str(tmp_path / "users.json"), cwd=project)
    assert code == 0, err


def test_check_mock_refuses_what_json_has_not() -> None:
    for value in (float("nan"), float("inf"), {1: 2}, (1, 2), b"x"):
        with pytest.raises(LayerkitError):
            check_mock(value)


# --- --report ----------------------------------------------------------------------------------


def test_report_is_json_before_or_after_the_command(cli: Cli, project: Path) -> None:
    code, out, _ = cli("--report", "generate", "route", "users", cwd=project)
    assert code == 0
    report = json.loads(out)
    assert report["status"] == "updated" and "app/users/router.py" in report["created"]
    code, out, _ = cli("g", "subroute", "users", "profile", "--report", cwd=project)
    assert code == 0 and json.loads(out)["modified"]
    code, out, _ = cli("--report", "g", "subroute", "nobody", "profile", cwd=project)
    assert code == 1 and json.loads(out)["status"] == "error"
    code, out, _ = cli("g", "route", "users", cwd=project)  # the next command prints for people again
    assert code == 0 and not out.startswith("{")


# --- BackAnt's spec ----------------------------------------------------------------------------


def test_backant_s_spec_is_told_apart_by_its_shape() -> None:
    assert is_backant_spec(json.loads((EXAMPLES / "backant.json").read_text()))
    assert is_backant_spec({"routes": {"health": {"type": "GET"}}})
    assert not is_backant_spec({"name": "shop", "resources": {}})
    assert not is_backant_spec({"name": "shop", "routes": {}})


def test_new_from_backant_s_full_example(cli: Cli, tmp_path: Path) -> None:
    code, _out, err = cli("new", "my-api", "--spec", EXAMPLES / "backant.json", "--no-input", cwd=tmp_path)
    assert code == 0, err
    manifest = tomllib.loads((tmp_path / "my-api/.layerkit.toml").read_text())
    assert list(manifest["routes"]) == ["users", "orders", "health"]
    assert list(manifest["routes"]["users"]["subroutes"]) == ["profile", "create"]
    assert manifest["resources"] == {}
    router = (tmp_path / "my-api/app/orders/router.py").read_text()
    assert '@router.post("/submit", status_code=201)' in router


def test_new_from_backant_s_minimal_spec(cli: Cli, tmp_path: Path) -> None:
    spec = tmp_path / "minimal.json"
    spec.write_text('{"routes": {"health": {"type": "GET"}}}')
    assert cli("new", "my-api", "--spec", spec, "--no-input", cwd=tmp_path)[0] == 0
    assert "Your health route is working!" in (tmp_path / "my-api/app/health/service.py").read_text()


@pytest.mark.parametrize(
    ("spec", "problem"),
    [
        ({"routes": {}}, "at least one route"),
        ({"routes": {"users": {}}}, "routes.users.type: required"),
        ({"routes": {"users": {"type": "FETCH"}}}, "unknown method"),
        ({"routes": {"my-route": {"type": "GET"}}}, "lower_snake_case"),
        ({"routes": {"users": {"type": "GET", "extra": 1}}}, "unknown key(s) extra"),
        ({"routes": {"users": {"type": "GET", "subroutes": {"p": {"mock": 1}}}}}, "subroutes.p.type"),
        ({"routes": {"users": {"type": "GET", "mock": 1e999}}}, "not a finite number"),
        ({"project": [], "routes": {"users": {"type": "GET"}}}, "project: must be a mapping"),
    ],
)
def test_backant_spec_errors(cli: Cli, tmp_path: Path, spec: dict[str, object], problem: str) -> None:
    path = tmp_path / "spec.json"
    path.write_text(json.dumps(spec))
    before = snapshot(tmp_path)
    code, _, err = cli("new", "my-api", "--spec", path, "--no-input", cwd=tmp_path)
    assert code == 1 and problem in err, err
    assert snapshot(tmp_path) == before


def test_a_backant_spec_needs_a_project_name(cli: Cli, tmp_path: Path) -> None:
    code, _, err = cli("new", "--spec", EXAMPLES / "backant.json", "--no-input", cwd=tmp_path)
    assert code == 1 and "names no project" in err


# --- the README's "Coming from BackAnt" section, run as written ----------------------------------


def test_the_readme_s_backant_section_runs_as_written(cli: Cli, tmp_path: Path) -> None:
    import shlex

    from tests.conftest import ROOT
    from tests.readme import blocks, commands, section

    found = blocks(section((ROOT / "README.md").read_text(), "Coming from BackAnt"))
    for block in found:
        if block.lang == "json":
            (tmp_path / block.header["path"]).write_text(block.body)
    cwd = tmp_path
    ran = []
    for block in (b for b in found if b.lang == "bash"):
        for command in commands(block):
            words = shlex.split(command, comments=True)
            if words[0] == "cd":
                cwd = cwd / words[1]
                continue
            assert words[0] == "layerkit", command
            code, out, err = cli(*words[1:], cwd=cwd)
            assert code == 0, (command, err)
            ran.append((words, out))
    assert len(ran) == 7
    project = tmp_path / "my-api"
    manifest = tomllib.loads((project / ".layerkit.toml").read_text())
    assert set(manifest["routes"]) == {"users", "health", "customers", "audit"}  # flags was a dry run
    assert manifest["routes"]["customers"]["subroutes"]["settings"]["method"] == "PATCH"
    assert json.loads(ran[5][1])["status"] == "updated"  # --report
    assert "nothing to do" in ran[6][1]


def test_route_commands_have_help(cli: Cli, tmp_path: Path) -> None:
    for args in (["generate", "route"], ["g", "subroute"]):
        code, out, _ = cli(*args, "--help", cwd=tmp_path)
        assert code == 0 and "--mock" in out and "--type" in out and "--report" in out


def test_a_new_api_version_serves_every_route_too(cli: Cli, project: Path) -> None:
    assert cli("g", "route", "users", "--mock", "[1]", cwd=project)[0] == 0
    assert cli("g", "version", "v2", cwd=project)[0] == 0
    assert "router.include_router(users_router)" in (project / "app/api/v2.py").read_text()
    assert (project / "app/api/v1.py").read_text().count("include_router(users_router)") == 1


def _ruff_check(project: Path, *paths: str) -> None:
    import subprocess
    import sys

    ruff = Path(sys.executable).parent / "ruff"
    for command in (["check"], ["format", "--check"]):
        result = subprocess.run(
            [str(ruff), *command, *paths], cwd=project, capture_output=True, text=True, check=False
        )
        assert result.returncode == 0, result.stdout + result.stderr


def _nested(levels: int, leaf: object) -> object:
    for _ in range(levels):
        leaf = [leaf]
    return leaf


@pytest.mark.parametrize(
    "mock",
    [
        {"k" * 39: "v" * 39, "nested": _nested(14, {"k" * 39: "v" * 39})},
        _nested(40, [1, 2, "text with spaces"]),
        {"short": [1, 2, 3]},
        "a long text " * 30,
    ],
    ids=["long-and-deep", "very-deep", "short", "long-string"],
)
def test_generated_mock_files_pass_the_project_s_ruff(cli: Cli, project: Path, mock: object) -> None:
    assert cli("g", "route", "users", "--mock", json.dumps(mock), cwd=project)[0] == 0
    service = (project / "app/users/service.py").read_text()
    _ruff_check(project, "app/users/service.py", "tests/users/test_router.py")
    exempt = "# ruff: noqa: E501" in service
    assert exempt == (max(map(len, service.splitlines())) > 100)


def test_contracts_name_only_modules_a_route_has() -> None:
    from layerkit.edit.contracts import contracts
    from layerkit.presets import get_preset
    from layerkit.spec.names import resource_names

    layout = get_preset("fastapi").layout
    found = contracts(
        layout, [resource_names("book")], routes=[route_names("users")], features=frozenset({"admin"})
    )
    by_id = {str(c["id"]): c for c in found}
    layers = by_id["layerkit-layers"]
    assert layers["containers"] == ["app.books"]  # a route has no layers below its service
    http = by_id["layerkit-no-http-below-router"]["source_modules"]
    assert "app.users.service" in http and "app.users.repository" not in http  # type: ignore[operator]
    admin = by_id["layerkit-admin-reads-models"]["forbidden_modules"]
    assert "app.users.router" in admin and "app.users.schemas" not in admin  # type: ignore[operator]
    alone = {str(c["id"]) for c in contracts(layout, [], routes=[route_names("users")])}
    assert "layerkit-layers" not in alone and "layerkit-no-http-below-router" in alone


def test_apply_adds_a_backant_spec_s_routes_and_subroutes(cli: Cli, project: Path, tmp_path: Path) -> None:
    spec = tmp_path / "more.json"
    spec.write_text(json.dumps({"routes": {"users": {"type": "GET", "subroutes": {"me": {"type": "GET"}}}}}))
    assert cli("g", "route", "users", cwd=project)[0] == 0
    code, out, err = cli("apply", spec, cwd=project)
    assert code == 0, err
    assert "def get_me" in (project / "app/users/service.py").read_text()
    before = snapshot(project)
    code, out, _ = cli("apply", EXAMPLES / "backant.json", cwd=project)
    assert code == 1 and snapshot(project) == before  # users exists with another mock
    code, out, _ = cli("apply", spec, cwd=project)
    assert code == 0 and "nothing to do" in out
    spec.write_text(json.dumps({"routes": {"orders": {"type": "POST", "mock": {"id": 7}}}}))
    assert cli("apply", spec, cwd=project)[0] == 0
    assert '@router.post("", status_code=201)' in (project / "app/orders/router.py").read_text()


def test_new_from_backant_s_spec_dry_run_and_report(cli: Cli, tmp_path: Path) -> None:
    before = snapshot(tmp_path)
    args = ("new", "my-api", "--spec", EXAMPLES / "backant.json", "--no-input")
    code, out, _ = cli(*args, "--dry-run", cwd=tmp_path)
    assert code == 0 and "would create  app/users/router.py" in out and snapshot(tmp_path) == before
    code, out, _ = cli("--report", *args, "--preset", "flask-subapps", cwd=tmp_path)
    assert code == 0 and "app/users/routes.py" in json.loads(out)["created"]


def test_outside_a_project_and_forking_a_route_are_refused(cli: Cli, project: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    assert "no .layerkit.toml" in refused(cli, outside, "g", "route", "users")
    assert "no .layerkit.toml" in refused(cli, outside, "g", "subroute", "users", "profile")
    assert cli("g", "route", "users", cwd=project)[0] == 0
    assert "is a route" in refused(cli, project, "g", "version", "v2", "--fork", "users")


def test_flask_layered_routes_are_backant_s_files(cli: Cli, fresh: Path, tmp_path: Path) -> None:
    """BackAnt's documented spelling: `api/routes/users_route.py` with `users_bp` (registered in
    api/app.py), `api/services/users_service.py` with `UsersService.get_users()` returning
    `mock_data`, a subroute's `get_<sub>()` / `create_<sub>(data)`; no model, schema or repository."""
    project = copy_of(fresh, tmp_path, "flask-layered")
    assert (
        cli("g", "route", "users", "--mock", '[{"id": 1, "active": true, "bio": null}]', cwd=project)[0] == 0
    )
    assert cli("g", "subroute", "users", "profile", "--mock", '{"id": 1}', cwd=project)[0] == 0
    assert cli("g", "subroute", "users", "signup", "--type", "POST", cwd=project)[0] == 0
    route = (project / "api/routes/users_route.py").read_text()
    assert "from services.users_service import JsonValue, UsersService\n" in route
    assert 'users_bp = APIBlueprint("users_route", __name__, url_prefix="/api/v1/users"' in route
    assert '@users_bp.get("")\n' in route and '@users_bp.get("/profile")\n' in route
    assert "return json_response(service.create_signup(_body()), 201)" in route
    service = (project / "api/services/users_service.py").read_text()
    assert "class UsersService:\n    def get_users(self) -> JsonValue:\n" in service
    assert (
        'mock_data: JsonValue = [{"id": 1, "active": True, "bio": None}]\n        return mock_data' in service
    )
    assert "def get_profile(self) -> JsonValue:" in service
    assert "def create_signup(self, data: JsonValue) -> JsonValue:" in service
    assert 'return f"Successfully created signup for users with data: {data}"' in service
    assert 'URL = "/api/v1/users"' in (project / "tests/test_users.py").read_text()
    assert "from routes.users_route import users_bp\n" in (project / "api/app.py").read_text()
    created = [p.relative_to(project).as_posix() for p in project.rglob("*users*")]
    assert sorted(created) == [
        "api/routes/users_route.py",
        "api/services/users_service.py",
        "tests/test_users.py",
    ]


def test_a_resource_may_not_overwrite_a_route_s_file(cli: Cli, fresh: Path, tmp_path: Path) -> None:
    project = copy_of(fresh, tmp_path, "flask-layered")
    assert cli("g", "route", "books_service", cwd=project)[0] == 0
    err = refused(cli, project, "g", "resource", "book", "title:str")
    assert "tests/test_books_service.py, a file of route 'books_service'" in err


def test_flask_layered_lints_only_the_folders_that_hold_modules(
    cli: Cli, fresh: Path, tmp_path: Path
) -> None:
    """Routes alone bring services/ to import-linter's roots (models/ and schemas/ are still
    empty, and no contract names them); the first resource brings the rest and the layers."""
    project = copy_of(fresh, tmp_path, "flask-layered")

    def linter() -> dict[str, object]:
        document = tomllib.loads((project / "pyproject.toml").read_text())
        found: dict[str, object] = document["tool"]["importlinter"]
        return found

    assert "services" not in linter()["root_packages"]  # type: ignore[operator]
    assert cli("g", "route", "users", cwd=project)[0] == 0
    roots = linter()["root_packages"]
    assert "services" in roots and "models" not in roots and "schemas" not in roots  # type: ignore[operator]
    by_id = {c["id"]: c for c in linter()["contracts"]}  # type: ignore[attr-defined]
    assert "layerkit-layers" not in by_id
    assert by_id["layerkit-no-http-below-routes"]["source_modules"] == ["services", "repositories"]
    assert "services.users_service" in by_id["layerkit-foundation"]["forbidden_modules"]
    assert cli("g", "resource", "note", "body:text", cwd=project)[0] == 0
    roots = linter()["root_packages"]
    assert {"services", "models", "schemas"} <= set(roots)  # type: ignore[arg-type]
    assert len(roots) == len(set(roots))  # type: ignore[arg-type]
    by_id = {c["id"]: c for c in linter()["contracts"]}  # type: ignore[attr-defined]
    assert by_id["layerkit-layers"]["layers"] == ["routes", "services", "repositories", "schemas", "models"]
    http = by_id["layerkit-no-http-below-routes"]["source_modules"]
    assert http == ["services", "repositories", "schemas", "models"]
    forbidden = by_id["layerkit-foundation"]["forbidden_modules"]
    assert {"services.users_service", "services.notes_service", "models.Notes_model"} <= set(forbidden)
