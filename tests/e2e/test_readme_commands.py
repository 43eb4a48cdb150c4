"""Every example of every README runs as written: the commands are taken out of the READMEs
(tests/readme.py), never copied here. layerkit runs as the installed .venv/bin/layerkit."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from tests.conftest import ROOT
from tests.e2e.helpers import own_tests, project_env, run, serve, tool
from tests.readme import Block, apply_python, blocks, commands, script, section, skipped

pytestmark = pytest.mark.e2e

README = ROOT / "README.md"


def run_block(block: Block, cwd: Path, **env: str) -> None:
    result = subprocess.run(
        ["bash", "-c", script(block)],
        cwd=cwd,
        env=project_env(**env),
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    if result.returncode != 0:
        pytest.fail(
            f"README block failed ({result.returncode}) in {cwd}:\n{block.code}\n"
            f"{result.stdout[-3000:]}\n{result.stderr[-5000:]}"
        )


def run_readme(markdown: str, cwd: Path) -> list[str]:
    """Write its spec files, then run its bash blocks and apply its python blocks, in order."""
    found = blocks(markdown)
    for block in found:
        if block.lang in ("yaml", "json"):
            (cwd / block.header["path"]).write_text(block.body)
    ran = []
    for block in found:
        if block.lang == "bash":
            run_block(block, cwd)
            ran += [command for command in commands(block) if skipped(command) is None]
        elif block.lang == "python":
            apply_python(block, cwd)
        else:
            assert block.lang in ("yaml", "json"), f"a {block.lang} block nothing runs:\n{block.code}"
    return ran


def test_layerkit_readme_using_it_runs_as_written(tmp_path: Path) -> None:
    ran = run_readme(section(README.read_text(), "Using it"), tmp_path)

    assert any(command.startswith("layerkit apply") for command in ran)
    assert {p.name for p in (tmp_path / "bookshop/app").iterdir()} >= {"authors", "books"}
    assert not (tmp_path / "bookshop/app/reviews").exists()  # that one was a --dry-run
    assert "postgresql+asyncpg" in (tmp_path / "shop/.env.example").read_text()
    assert (tmp_path / "library/app/loans/router.py").is_file()
    assert (tmp_path / "bookshop/app/books/v2/router.py").is_file()
    assert "shelves_router" in (tmp_path / "bookshop/app/api/v2.py").read_text()
    assert "shelves_router" not in (tmp_path / "bookshop/app/api/v1.py").read_text()
    assert (tmp_path / "backoffice/app/admin/panel.py").is_file()
    assert (tmp_path / "layered/app/database/data_layer/base_dao.py").is_file()
    assert (tmp_path / "bookshop/app/services/mailer/tasks.py").is_file()
    assert (tmp_path / "bookshop/app/core/celery.py").is_file()
    books = (tmp_path / "bookshop/app/books/models.py").read_text()  # generate field, then a dry run
    assert "stock" in books and "subtitle" in books and "String(200)" in books
    assert not (tmp_path / "bookshop/app/tags").exists()  # made, then destroyed
    assert "tags" not in (tmp_path / "bookshop/app/api/v1.py").read_text()
    assert list((tmp_path / "bookshop").glob("app/db/migrations/versions/*_drop_tag.py"))


def test_layerkit_readme_install_puts_layerkit_on_a_path(tmp_path: Path) -> None:
    (install,) = blocks(section(README.read_text(), "Installing the `layerkit` command"))
    tools, bin_dir = tmp_path / "tools", tmp_path / "bin"
    run_block(install, ROOT, UV_TOOL_DIR=str(tools), UV_TOOL_BIN_DIR=str(bin_dir))

    result = subprocess.run(
        ["layerkit", "--version"],
        env={"PATH": f"{bin_dir}:/usr/bin:/bin", "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0 and result.stdout.startswith("layerkit "), result.stderr


@pytest.fixture(scope="module")
def grown(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh project after every command and code block of its own README."""
    folder = tmp_path_factory.mktemp("readme")
    subprocess.run(
        [tool("layerkit"), "new", "fresh", "--no-input"], cwd=folder, check=True, capture_output=True
    )
    project = folder / "fresh"
    ran = run_readme((project / "README.md").read_text(), project)
    assert {"make test", "make lint", "make format"} <= {c.split("#")[0].strip() for c in ran}
    return project


def test_generated_readme_runs_as_written_with_the_custom_endpoint(grown: Path) -> None:
    assert "async def ticket_board" in (grown / "app/tickets/router.py").read_text()
    assert (grown / "tests/tickets/test_board.py").is_file()
    # `make lint` and `make test` ran after the README's code went in; its own test is among them.
    output = run(
        [tool("python"), "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/tickets/test_board.py"],
        cwd=grown,
    )
    assert "1 passed" in output


def exercise_board(client: httpx.Client) -> None:
    ada = client.post("/api/v1/people", json={"name": "Ada"}).json()
    first = client.post("/api/v1/tickets", json={"title": "one", "status": "doing", "assignee_id": ada["id"]})
    assert first.status_code == 201, first.text
    board = client.get("/api/v1/tickets/board")
    assert board.status_code == 200, board.text
    assert board.json()["columns"] == {
        "open": [],
        "doing": [{"id": first.json()["id"], "title": "one", "status": "doing", "assignee": "Ada"}],
        "done": [],
    }
    # The generated id routes still answer, and still refuse what is not an id.
    assert client.get(f"/api/v1/tickets/{first.json()['id']}").status_code == 200
    assert client.get("/api/v1/tickets/nope").status_code == 404
    assert "/api/v1/tickets/board" in client.get("/openapi.json").json()["paths"]


def test_the_readme_endpoint_over_http_on_sqlite(grown: Path, tmp_path: Path) -> None:
    with serve(grown, f"sqlite+aiosqlite:///{tmp_path / 'app.db'}") as client:
        exercise_board(client)


def test_the_readme_endpoint_on_postgres(grown: Path, make_database: Callable[[], str]) -> None:
    output = own_tests(grown, TEST_DATABASE_URL=make_database())
    assert "failed" not in output and " passed" in output
    with serve(grown, make_database()) as client:
        exercise_board(client)


@pytest.mark.parametrize("preset", ["fastapi-layered", "fastapi-services", "flask-subapps", "flask-layered"])
def test_every_presets_readme_grows_its_project_as_written(preset: str, tmp_path: Path) -> None:
    """The other presets' "Growing it" sections (the fastapi README runs whole, above): their
    resources, the field added to one and their migrations applied."""
    command = [tool("layerkit"), "new", "fresh", "--preset", preset, "--no-input"]
    subprocess.run(command, cwd=tmp_path, check=True, capture_output=True)
    project = tmp_path / "fresh"
    ran = run_readme(section((project / "README.md").read_text(), "Growing it"), project)
    assert any(c.startswith("layerkit generate field ticket") for c in ran)
    assert any(c.split("#")[0].strip() == "make migrate" for c in ran)
    manifest = (project / ".layerkit.toml").read_text()
    assert '"due:date:optional"' in manifest and "person" in manifest
