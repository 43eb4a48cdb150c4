"""Every name the grammar accepts yields a working project; any other is refused before writing.

Names are drawn from what breaks generated code: builtins and types (a field `date` once shadowed
the type `date` in its schema), SQL keywords (tables `order`, `user`), the list endpoint's own
parameters and the names the generated class bodies call.
"""

from __future__ import annotations

import builtins
import keyword
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import snapshot
from tests.e2e.helpers import own_tests, project_env, run, static_checks, tool

pytestmark = pytest.mark.e2e

SQL_KEYWORDS = ["order", "user", "group", "select", "table", "where", "from", "limit", "index", "check"]
GENERATED_NAMES = ["filters", "sort", "offset", "mapped_column", "relationship", "sa", "field", "query"]
TYPE_NAMES = ["date", "datetime", "time", "decimal", "uuid", "json", "text", "str", "int", "bool"]
BUILTIN_NAMES = sorted(n for n in dir(builtins) if n.islower() and not n.startswith("_"))
HOSTILE = st.sampled_from(SQL_KEYWORDS + GENERATED_NAMES + TYPE_NAMES + BUILTIN_NAMES)
TYPES = st.sampled_from(
    ["str", "text", "int", "float", "decimal", "bool", "date", "datetime", "uuid", "json"]
)
FIELD = st.tuples(HOSTILE, TYPES, st.booleans()).map(lambda f: f"{f[0]}:{f[1]}{':optional' if f[2] else ''}")


def layerkit(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [tool("layerkit"), *args], cwd=cwd, env=project_env(), capture_output=True, text=True, check=False
    )


def grows_or_refuses(project: Path, resource: str, fields: list[str]) -> bool:
    """`generate resource`: either it works or it is a one-line refusal that changed nothing."""
    before = snapshot(project)
    result = layerkit("generate", "resource", resource, *fields, cwd=project)
    if result.returncode == 0:
        return True
    assert result.returncode == 1, result.stderr
    assert result.stderr.startswith("error: ") and "Traceback" not in result.stderr, result.stderr
    assert snapshot(project) == before
    return False


def holds_to_the_bar(project: Path, make_database: Callable[[], str]) -> None:
    static_checks(project)
    assert "failed" not in own_tests(project)
    assert "failed" not in own_tests(project, TEST_DATABASE_URL=make_database())


@pytest.mark.parametrize("preset", ["fastapi", "fastapi-services", "flask-subapps", "flask-layered"])
def test_the_reported_names_work(tmp_path: Path, make_database: Callable[[], str], preset: str) -> None:
    """The issue's example, plus SQL keywords as resources and the list's own parameter names."""
    run([tool("layerkit"), "new", "names", "--no-input", "--preset", preset], cwd=tmp_path)
    project = tmp_path / "names"
    fields = ["date:date", "time:datetime", "type:str", "hash:str", "filter:str", "list:int", "statement:str"]
    assert grows_or_refuses(project, "meeting", [*fields, "float:float?", "bool:bool", "object:json?"])
    for resource in ("order", "user", "group", "select"):
        assert grows_or_refuses(project, resource, ["int:int", "str:str?", "meeting:ref"])
    assert not grows_or_refuses(project, "note", ["limit:int"])  # the list's own parameter
    assert not grows_or_refuses(project, "note", ["mapped_column:str"])
    holds_to_the_bar(project, make_database)


# Names marshmallow's Schema has (methods, options, instance attributes): a Flask schema's field
# of that name is declared under another attribute, its JSON key and loaded key left as they are.
SCHEMA_NAMES = [
    "fields",
    "load",
    "dump",
    "context",
    "opts",
    "many",
    "only",
    "partial",
    "unknown",
    "dict_class",
]


def test_marshmallow_names_work_in_flask(tmp_path: Path, make_database: Callable[[], str]) -> None:
    run([tool("layerkit"), "new", "names", "--no-input", "--preset", "flask-subapps"], cwd=tmp_path)
    project = tmp_path / "names"
    kinds = ["str", "int?", "json?", "date", "bool", "decimal?", "enum=a,b", "datetime?", "uuid?", "text"]
    fields = [f"{name}:{kind}" for name, kind in zip(SCHEMA_NAMES, kinds, strict=True)]
    assert grows_or_refuses(project, "record", fields)
    assert grows_or_refuses(project, "entry", ["load:str", "record:ref"])
    holds_to_the_bar(project, make_database)


@pytest.mark.parametrize("preset", ["fastapi", "flask-subapps"])
@settings(
    max_examples=3,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    resource=HOSTILE.filter(lambda n: not keyword.iskeyword(n)),
    fields=st.lists(FIELD, min_size=1, max_size=6, unique_by=lambda f: f.split(":")[0]),
)
def test_any_accepted_names_make_a_working_project(
    tmp_path_factory: pytest.TempPathFactory,
    make_database: Callable[[], str],
    resource: str,
    fields: list[str],
    preset: str,
) -> None:
    folder = tmp_path_factory.mktemp("names")
    run([tool("layerkit"), "new", "names", "--no-input", "--preset", preset], cwd=folder)
    project = folder / "names"
    if grows_or_refuses(project, resource, fields):
        holds_to_the_bar(project, make_database)
