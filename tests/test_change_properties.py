"""A property of every change command: for random sequences of generate / field changes / user
edits / destroy / update, no line the user wrote is ever lost (a command that cannot merge stops
and writes nothing), and every generated file is exactly what layerkit renders for the manifest
plus the user's lines. The project's own lint, migrations and tests after such steps are run
for real in tests/e2e/test_growth.py."""

from __future__ import annotations

import ast
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import Cli
from tests.test_change import BASE, as_made_by_an_older_layerkit

RUFF = str(Path(sys.executable).parent / "ruff")
FIELDS = [
    "note:str?:max=40",
    "rank:int:default=0",
    "flag:bool:default=false",
    "seen_on:date?",
    "code:str:default=x",
]


@st.composite
def steps(draw: st.DrawFn) -> list[tuple[str, object]]:
    ops = st.one_of(
        st.tuples(st.just("resource"), st.sampled_from(["shelf", "tag", "label"])),
        st.tuples(st.just("field"), st.sampled_from(FIELDS)),
        st.tuples(st.just("remove"), st.sampled_from(["note", "rank", "flag", "seen_on", "code"])),
        st.tuples(st.just("edit"), st.integers(0, 10_000)),
        st.tuples(st.just("destroy"), st.sampled_from(["shelf", "tag", "label"])),
        st.tuples(st.just("older"), st.integers(0, 10_000)),
        st.tuples(st.just("update"), st.none()),
    )
    return draw(st.lists(ops, min_size=3, max_size=7))


def generated_python(project: Path) -> list[str]:
    files = json.loads((project / BASE).read_text())["files"]
    return sorted(p for p in files if p.endswith(".py") and (project / p).is_file())


def user_edit(project: Path, seed: int, number: int) -> tuple[str, str]:
    """A comment line of the user's in a generated module, indented like the line after it."""
    files = generated_python(project)
    path = files[seed % len(files)]
    lines = (project / path).read_text().splitlines(keepends=True)
    at = 1 + seed % max(1, len(lines) - 1)
    following = lines[at] if at < len(lines) else ""
    indent = following[: len(following) - len(following.lstrip())] if following.strip() else ""
    mark = f"# user line {number}"
    lines.insert(at, f"{indent}{mark}\n")
    (project / path).write_text("".join(lines))
    return path, mark


def older_template(project: Path, seed: int) -> None:
    """As if an older layerkit had written one docstring line differently (record, file, version)."""
    files = json.loads((project / BASE).read_text())["files"]
    candidates = [p for p in generated_python(project) if files[p].startswith('"""')]
    path = candidates[seed % len(candidates)]
    first = files[path].splitlines()[0]
    if not first.endswith('"""') or first.count('"""') != 2 or "older" in first:
        return
    if first not in (project / path).read_text().splitlines():
        return  # the user's line sits there: leave this file alone
    as_made_by_an_older_layerkit(project, path, first, '"""An older docstring."""')


@pytest.mark.parametrize("preset", ["fastapi", "flask-layered"])
@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(sequence=steps())
def test_no_user_line_is_ever_lost(
    cli: Cli, tmp_path: Path, preset: str, sequence: list[tuple[str, object]]
) -> None:
    project = tmp_path / "p"
    shutil.rmtree(project, ignore_errors=True)
    code, _, err = cli("new", "p", "--preset", preset, "--no-input", cwd=tmp_path)
    assert code == 0, err
    assert cli("g", "resource", "book", "title:str:max=80", cwd=project)[0] == 0
    marks: dict[str, list[str]] = {}  # path -> the user's lines in it
    for number, (op, arg) in enumerate(sequence):
        if op == "edit":
            path, mark = user_edit(project, int(arg), number)  # type: ignore[call-overload]
            marks.setdefault(path, []).append(mark)
            continue
        if op == "older":
            older_template(project, int(arg))  # type: ignore[call-overload]
            continue
        args = {
            "resource": ["g", "resource", str(arg), "name:str:max=40"],
            "field": ["g", "field", "book", str(arg)],
            "remove": ["g", "field", "book", "--remove", str(arg)],
            "destroy": ["destroy", "resource", str(arg)],
            "update": ["update"],
        }[op]
        before = {p: (project / p).read_bytes() for p in marks if (project / p).exists()}
        code, out, err = cli(*args, "--json", cwd=project)
        assert "Traceback" not in err
        report = json.loads(out)
        if code != 0:  # refused or a conflict: nothing was written
            assert report["status"] in ("error", "conflict"), report
            assert {p: (project / p).read_bytes() for p in before} == before
    code, out, _ = cli("update", "--json", cwd=project)  # an older project's record is stale
    conflicted = {c.split(" (")[0] for c in json.loads(out)["conflicts"]}
    assert code == 0 or conflicted
    for path, lines in marks.items():
        text = (project / path).read_text()
        assert all(line in text.splitlines() or line in text for line in lines), (path, lines)
    record = json.loads((project / BASE).read_text())["files"]
    for path, text in record.items():
        on_disk = project / path
        if not on_disk.is_file() or path in conflicted or code != 0:
            continue
        kept = [
            line for line in on_disk.read_text().splitlines() if not line.strip().startswith("# user line")
        ]
        assert kept == text.splitlines(), f"{path}: not layerkit's render plus the user's lines"
    for path in generated_python(project):
        ast.parse((project / path).read_text(), path)
    # I001: a user's comment between two imports is their layout of the import block, not ours
    lint = subprocess.run(
        [RUFF, "check", "--quiet", "--extend-ignore", "I001", "."],
        cwd=project,
        capture_output=True,
        text=True,
    )
    assert lint.returncode == 0, lint.stdout + lint.stderr
