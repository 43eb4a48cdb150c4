"""The command line: what users see and what it does (or refuses to do) to their tree."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from layerkit.cli import app
from layerkit.cli import new as new_command
from tests.conftest import EXAMPLES, Cli, snapshot

REPORT_KEYS = {"status", "created", "modified", "unchanged", "conflicts", "warnings", "errors"}


@pytest.fixture
def project(cli: Cli, tmp_path: Path) -> Path:
    code, _, err = cli("new", "shop", "--no-input", cwd=tmp_path)
    assert code == 0, err
    code, _, err = cli("g", "resource", "author", "name:str:max=120", cwd=tmp_path / "shop")
    assert code == 0, err
    return tmp_path / "shop"


def test_console_script_and_module_entry_points() -> None:
    for command in (["layerkit", "--version"], [sys.executable, "-m", "layerkit", "--version"]):
        exe = (
            [str(Path(sys.executable).parent / command[0]), *command[1:]]
            if command[0] == "layerkit"
            else command
        )
        result = subprocess.run(exe, capture_output=True, text=True, check=False)
        assert result.returncode == 0 and result.stdout.startswith("layerkit ")


def test_every_command_has_help(cli: Cli, tmp_path: Path) -> None:
    for args in (
        [],
        ["new"],
        ["generate"],
        ["generate", "resource"],
        ["g", "resource"],
        ["g", "version"],
        ["apply"],
    ):
        code, out, _ = cli(*args, "--help", cwd=tmp_path)
        assert code == 0 and "Usage:" in out


def test_new_records_every_file_it_wrote(cli: Cli, tmp_path: Path) -> None:
    code, out, _ = cli("new", "shop", "--db", "postgres", "--no-input", cwd=tmp_path)
    assert code == 0 and "created project 'shop'" in out
    manifest = tomllib.loads((tmp_path / "shop/.layerkit.toml").read_text())
    assert manifest["project"] == {
        "name": "shop",
        "database": "postgres",
        "features": [],
        "versions": ["v1"],
        "order": ["version:v1"],
    }
    assert "app/main.py" in manifest["files"] and len(manifest["files"]["app/main.py"]) == 64
    assert "postgresql+asyncpg://" in (tmp_path / "shop/app/core/config.py").read_text()


def test_new_without_a_terminal_uses_defaults(cli: Cli, tmp_path: Path) -> None:
    code, _, _ = cli("new", cwd=tmp_path)
    assert code == 0
    assert "sqlite+aiosqlite" in (tmp_path / "myapi/.env.example").read_text()


def test_new_asks_on_a_terminal(cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(new_command, "_is_terminal", lambda: True)
    result = cli.runner.invoke(
        app,
        ["new", "--dir", str(tmp_path / "asked")],
        input="asked\npostgres\n",
    )
    assert result.exit_code == 0, result.output
    assert "Project name" in result.output and "Database" in result.output
    assert 'name = "asked"' in (tmp_path / "asked/.layerkit.toml").read_text()


def test_new_on_an_existing_project_is_refused(cli: Cli, project: Path) -> None:
    before = snapshot(project)
    code, _, err = cli("new", "shop", "--no-input", cwd=project.parent)
    assert code == 1 and "already a layerkit project" in err
    assert snapshot(project) == before


def test_new_into_a_folder_with_other_files_refuses_to_overwrite(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "existing"
    (target / "app").mkdir(parents=True)
    (target / "app/main.py").write_text("print('mine')\n")
    before = snapshot(target)
    code, _, err = cli("new", "existing", "--no-input", cwd=tmp_path)
    assert code == 1 and "app/main.py" in err and "--force" in err
    assert snapshot(target) == before
    code, _, _ = cli("new", "existing", "--no-input", "--force", cwd=tmp_path)
    assert code == 0 and "create_app" in (target / "app/main.py").read_text()


def test_generate_registers_once_and_is_idempotent(cli: Cli, project: Path) -> None:
    args = ("generate", "resource", "book", "title:str", "author:ref")
    assert cli(*args, cwd=project)[0] == 0
    before = snapshot(project)
    code, out, err = cli(*args, cwd=project)
    assert code == 0 and "nothing to do" in out and "skipped: book" in err
    assert snapshot(project) == before
    assert (project / "app/api/v1.py").read_text().count("include_router(books_router)") == 1
    assert '"Book"' in (project / "app/models.py").read_text()
    assert "app.books" in (project / "pyproject.toml").read_text()


BAD_GENERATE = [
    (["resource", "class", "a:str"], "Python keyword"),
    (["resource", "list", "a:str"], "builtin"),
    (["resource", "type", "a:str"], "builtin"),
    (["resource", "core", "a:str"], "project's own"),
    (["resource", "tests", "a:str"], "project's own"),
    (["resource", "Bad-Name!", "a:str"], "invalid resource name"),
    (["resource", "author", "name:str"], "already exists"),
    (["resource", "book", "writer:ref=ghost"], "unknown resource 'ghost'"),
    (["resource", "book", "title:strng"], "unknown type"),
    (["resource", "book", "title:str:huge"], "unknown modifier"),
    (["resource", "book", "pages:int:min=5:max=1"], "greater than"),
    (["resource", "book", "pages:int:min=5:default=1"], "below min"),
    (["resource", "book", "genre:enum=a,b:default=c"], "not one of the choices"),
    (["resource", "book", "id:int"], "reserved"),
    (["resource", "book", "from:str"], "Python keyword"),
    (["resource", "book"], "at least one field"),
    (["resource", "node", "parent:ref=node"], "must be optional"),
    (["resource", "Author", "name:str"], "already exists"),
    (["resource", "authors", "name:str"], "singular ('author')"),
]


@pytest.mark.parametrize(("args", "message"), BAD_GENERATE)
def test_bad_input_is_one_clear_line_and_changes_nothing(
    cli: Cli, project: Path, args: list[str], message: str
) -> None:
    before = snapshot(project)
    code, out, err = cli("generate", *args, cwd=project)
    assert code == 1
    assert err.startswith("error: ") and message in err and err.count("\n") == 1
    assert "Traceback" not in out + err
    assert snapshot(project) == before


def test_generate_outside_a_project_is_refused(cli: Cli, tmp_path: Path) -> None:
    code, _, err = cli("generate", "resource", "book", "title:str", cwd=tmp_path)
    assert code == 1 and "layerkit new" in err
    assert list(tmp_path.iterdir()) == []


def test_usage_errors_exit_2(cli: Cli, project: Path) -> None:
    assert cli("generate", "resource", "--no-such-option", cwd=project)[0] == 2
    assert cli("frobnicate", cwd=project)[0] == 2


def test_dry_run_prints_files_and_diffs_and_writes_nothing(cli: Cli, project: Path) -> None:
    before = snapshot(project)
    code, out, _ = cli("g", "resource", "book", "title:str", "author:ref", "--dry-run", cwd=project)
    assert code == 0
    assert "would create  app/books/router.py" in out
    assert "would modify  app/api/v1.py" in out
    assert "+++ b/app/api/v1.py" in out and "+router.include_router(books_router)" in out
    assert snapshot(project) == before


def test_json_report(cli: Cli, project: Path) -> None:
    code, out, _ = cli("g", "resource", "book", "title:str", "--json", cwd=project)
    report = json.loads(out)
    assert code == 0 and set(report) >= REPORT_KEYS and report["status"] == "updated"
    assert "app/books/models.py" in report["created"] and "app/api/v1.py" in report["modified"]
    code, out, _ = cli("g", "resource", "book", "title:str", "--json", cwd=project)
    assert code == 0 and json.loads(out)["status"] == "unchanged"
    code, out, _ = cli("g", "resource", "class", "a:str", "--json", cwd=project)
    report = json.loads(out)
    assert code == 1 and report["status"] == "error" and "keyword" in report["errors"][0]


def test_a_file_the_user_wrote_is_never_overwritten(cli: Cli, project: Path) -> None:
    mine = project / "app/books/models.py"
    mine.parent.mkdir()
    mine.write_text("# my own books model\n")
    before = snapshot(project)
    code, out, _ = cli("g", "resource", "book", "title:str", "--json", cwd=project)
    report = json.loads(out)
    assert code == 1 and report["status"] == "conflict" and report["conflicts"] == ["app/books/models.py"]
    assert snapshot(project) == before
    code, _, _ = cli("g", "resource", "book", "title:str", "--force", cwd=project)
    assert code == 0 and "class Book(Entity)" in mine.read_text()


def test_apply_adds_resources_in_dependency_order(cli: Cli, project: Path, tmp_path: Path) -> None:
    spec = tmp_path / "more.yaml"
    spec.write_text(
        "resources:\n"
        "  review:\n    fields: {book: ref, stars: 'int:min=1:max=5'}\n"
        "  book:\n    fields: {title: str, author: ref}\n"
    )
    code, _, err = cli("apply", spec, cwd=project)
    assert code == 0, err
    versions = sorted(p.name for p in (project / "app/db/migrations/versions").glob("v_*.py"))
    assert versions == ["v_0001_create_author.py", "v_0002_create_book.py", "v_0003_create_review.py"]


def test_apply_lists_every_spec_problem_with_its_location(cli: Cli, project: Path, tmp_path: Path) -> None:
    spec = tmp_path / "bad.yaml"
    spec.write_text(
        "colour: blue\n"
        "database: oracle\n"
        "resources:\n"
        "  book:\n    fields: {title: 'str:max=-1', pages: 'int:min=9:max=1', kind: 'enum()'}\n"
        "  list:\n    fields: {a: str}\n"
    )
    before = snapshot(project)
    code, _, err = cli("apply", spec, cwd=project)
    assert code == 1
    for location in (
        "colour:",
        "database:",
        "resources.book.fields.title:",
        "resources.book.fields.pages:",
        "resources.book.fields.kind:",
        "resources.list:",
    ):
        assert f"  - {location}" in err, location
    assert snapshot(project) == before


def test_new_from_spec_creates_its_resources(cli: Cli, tmp_path: Path) -> None:
    code, out, err = cli(
        "new", "--spec", EXAMPLES / "bookshop.yaml", "--dir", tmp_path / "b", "--no-input", cwd=tmp_path
    )
    assert code == 0, err
    assert "with 3 resource(s)" in out
    assert {"author", "book", "review"} <= set(
        tomllib.loads((tmp_path / "b/.layerkit.toml").read_text())["resources"]
    )


def test_missing_spec_file_is_a_clear_error(cli: Cli, tmp_path: Path) -> None:
    code, _, err = cli("new", "--spec", tmp_path / "nope.yaml", "--no-input", cwd=tmp_path)
    assert code == 1 and "cannot read spec file" in err
    assert list(tmp_path.iterdir()) == []


def test_every_bad_field_is_reported_at_once(cli: Cli, project: Path) -> None:
    before = snapshot(project)
    code, _, err = cli("g", "resource", "x", "name:strr", "age:intt", "ok:str", cwd=project)
    assert code == 1
    lines = err.splitlines()
    assert lines[0] == "error: resource 'x' has 2 problems:"
    assert lines[1].startswith("  - invalid field 'name:strr': unknown type 'strr'; did you mean 'str'?")
    assert lines[2].startswith("  - invalid field 'age:intt': unknown type 'intt'; did you mean 'int'?")
    assert len(lines) == 3
    code, out, _ = cli("g", "resource", "x", "name:strr", "age:intt", "--json", cwd=project)
    errors = json.loads(out)["errors"]
    assert code == 1 and errors[0] == "resource 'x' has 2 problems:" and len(errors) == 3
    assert "'strr'" in errors[1] and "'intt'" in errors[2]
    assert snapshot(project) == before


def test_a_bad_field_and_unknown_references_are_reported_together(cli: Cli, project: Path) -> None:
    code, _, err = cli("g", "resource", "book", "title:strr", "author:ref", "editor:ref=ghost", cwd=project)
    assert code == 1
    assert err.splitlines() == [
        "error: resource 'book' has 2 problems:",
        err.splitlines()[1],
        "  - field 'editor' of 'book' references unknown resource 'ghost' (known: author, book);"
        " create 'ghost' first",
    ]
    assert "unknown type 'strr'" in err.splitlines()[1]
    # Alone, unknown references are all named too.
    code, _, err = cli("g", "resource", "book", "editor:ref=ghost", "owner:ref=person", cwd=project)
    assert code == 1 and "2 problems" in err and "'ghost'" in err and "'person'" in err


def test_other_tools_type_spellings_are_recorded_canonically(cli: Cli, project: Path) -> None:
    code, _, err = cli(
        "g", "resource", "book", "title:string", "pages:Integer?", "seen:timestamp", cwd=project
    )
    assert code == 0, err
    recorded = tomllib.loads((project / ".layerkit.toml").read_text())["resources"]["book"]["fields"]
    assert recorded == ["title:str", "pages:int:optional", "seen:datetime"]
    code, out, _ = cli("g", "resource", "book", "title:str", "pages:int?", "seen:datetime", cwd=project)
    assert code == 0 and "nothing to do" in out  # the same resource, whatever the spelling


def test_apply_reports_a_bad_type_and_an_unknown_reference(cli: Cli, project: Path, tmp_path: Path) -> None:
    spec = tmp_path / "bad.yaml"
    spec.write_text("resources:\n  book:\n    fields: {pages: intt, author: ref, editor: ref=ghost}\n")
    before = snapshot(project)
    code, _, err = cli("apply", spec, cwd=project)
    assert code == 1
    assert "  - resources.book.fields.pages: invalid field 'pages:intt'" in err
    assert "  - resources.book.fields.editor: references unknown resource 'ghost'" in err
    assert "fields.author" not in err  # `author` is a resource of the project
    assert snapshot(project) == before


def test_dry_run_stops_on_a_conflict_exactly_like_the_real_run(cli: Cli, project: Path) -> None:
    mine = project / "app/books/models.py"
    mine.parent.mkdir()
    mine.write_text("# my own books model\n")
    before = snapshot(project)
    args = ("g", "resource", "book", "title:str")
    real = cli(*args, cwd=project)
    dry = cli(*args, "--dry-run", cwd=project)
    assert real[0] == dry[0] == 1
    assert dry[2] == real[2] and "app/books/models.py" in dry[2] and "--force" in dry[2]
    assert dry[1] == ""  # no "would modify" list that suggests it would go through
    report = json.loads(cli(*args, "--dry-run", "--json", cwd=project)[1])
    assert report["status"] == "conflict" and report["conflicts"] == ["app/books/models.py"]
    assert snapshot(project) == before
    code, out, _ = cli(*args, "--dry-run", "--force", cwd=project)
    assert code == 0 and "would modify  app/books/models.py" in out
    assert snapshot(project) == before


def test_prompts_ask_again_until_the_answer_is_valid(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(new_command, "_is_terminal", lambda: True)
    result = cli.runner.invoke(
        app, ["new", "--dir", str(tmp_path / "asked")], input="9lives\nbad name\nasked\noracle\npostgres\n"
    )
    assert result.exit_code == 0, result.output
    assert result.output.count("Project name [myapi]: ") == 3
    assert "Error: invalid project name '9lives'" in result.output
    assert result.output.count("Database (sqlite, postgres) [sqlite]: ") == 2
    assert "'oracle' is not one of 'sqlite', 'postgres'" in result.output
    manifest = tomllib.loads((tmp_path / "asked/.layerkit.toml").read_text())
    assert manifest["project"]["database"] == "postgres"


def test_db_lists_its_choices_and_refuses_others(cli: Cli, tmp_path: Path) -> None:
    _, out, _ = cli("new", "--help", cwd=tmp_path)
    assert "--db <sqlite|postgres>" in out
    code, _, err = cli("new", "shop", "--db", "oracle", "--no-input", cwd=tmp_path)
    assert code == 2 and "'oracle' is not one of 'sqlite', 'postgres'" in err
    assert list(tmp_path.iterdir()) == []


def _run_on_a_pty(args: list[str], cwd: Path, **env: str) -> str:
    """Run the installed `layerkit` with stdout and stderr on a pseudo-terminal; return its output."""
    import os
    import pty

    leader, follower = pty.openpty()
    environment = {k: v for k, v in os.environ.items() if k != "NO_COLOR"} | env
    process = subprocess.Popen(
        [str(Path(sys.executable).parent / "layerkit"), *args],
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        stdout=follower,
        stderr=follower,
        env=environment,
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    assert process.wait(timeout=30) in (0, 1)
    return b"".join(chunks).decode()


def test_output_has_colour_on_a_terminal_and_none_with_no_color_or_a_pipe(project: Path) -> None:
    args = ["g", "resource", "book", "title:str", "--dry-run"]
    coloured = _run_on_a_pty(args, project)
    assert "\x1b[32mwould create" in coloured and "\x1b[33mwould modify" in coloured
    assert "\x1b[32m+router.include_router(books_router)" in coloured
    error = _run_on_a_pty(["g", "resource", "book", "title:strr"], project)
    assert "\x1b[31merror: " in error
    plain = _run_on_a_pty(args, project, NO_COLOR="1")
    assert "\x1b[" not in plain and "would create  app/books/router.py" in plain
    piped = subprocess.run(
        [str(Path(sys.executable).parent / "layerkit"), *args], cwd=project, capture_output=True, text=True
    )
    assert piped.returncode == 0 and "\x1b[" not in piped.stdout + piped.stderr


def test_presets_lists_each_preset_with_its_description_and_seed(cli: Cli, tmp_path: Path) -> None:
    from layerkit.presets import CATALOG

    code, out, _ = cli("presets", cwd=tmp_path)
    assert code == 0
    lines = out.splitlines()
    assert [line.split()[0] for line in lines] == list(CATALOG)
    for line, (name, entry) in zip(lines, CATALOG.items(), strict=True):
        assert entry.description in line and (not entry.seed or entry.seed in line), name
    code, out, _ = cli("presets", "--json", cwd=tmp_path)
    assert code == 0 and [item["name"] for item in json.loads(out)] == list(CATALOG)


def test_an_unknown_preset_is_refused_in_one_line_and_writes_nothing(cli: Cli, tmp_path: Path) -> None:
    code, _, err = cli("new", "shop", "--preset", "django", "--no-input", cwd=tmp_path)
    assert code == 1
    assert len(err.strip().splitlines()) == 1 and "unknown preset 'django'" in err
    assert not (tmp_path / "shop").exists()


def test_a_feature_the_preset_does_not_offer_is_refused(cli: Cli, tmp_path: Path) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text("name: shop\nfeatures: [telepathy]\n")
    code, _, err = cli("new", "--spec", spec, "--no-input", cwd=tmp_path)
    assert code == 1 and "no telepathy feature" in err
    assert not (tmp_path / "shop").exists()
