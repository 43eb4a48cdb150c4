"""Changing what exists — `generate field`, `destroy`, `update` — keeps every edit of the user's:
golden scenarios of a layerkit change x a user edit in the same hunk / another hunk x a file
the user deleted or renamed, and the refusals (nothing written)."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from layerkit.version import __version__
from tests.conftest import EXAMPLES, Cli, snapshot

BASE = ".layerkit.base.json"
PRESETS = ["fastapi", "fastapi-layered", "fastapi-services", "flask-subapps", "flask-layered"]


def bookshop_in(cli: Cli, tmp_path: Path, preset: str = "fastapi") -> Path:
    """examples/bookshop.yaml (author, book, review) generated in `preset`."""
    spec = EXAMPLES / "bookshop.yaml"
    code, _, err = cli("new", "--spec", spec, "--dir", "shop", "--preset", preset, "--no-input", cwd=tmp_path)
    assert code == 0, err
    return tmp_path / "shop"


@pytest.fixture
def shop(cli: Cli, tmp_path: Path) -> Path:
    return bookshop_in(cli, tmp_path)


def manifest(project: Path) -> dict[str, object]:
    return tomllib.loads((project / ".layerkit.toml").read_text())


def fields_of(project: Path, resource: str) -> list[str]:
    resources = manifest(project)["resources"]
    assert isinstance(resources, dict)
    return list(resources[resource]["fields"])


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"{old!r} is not in {path}"
    path.write_text(text.replace(old, new, 1))


# --- generate field ------------------------------------------------------------------------


@pytest.mark.parametrize("preset", PRESETS)
def test_a_field_added_reaches_every_layer_with_a_migration(cli: Cli, tmp_path: Path, preset: str) -> None:
    project = bookshop_in(cli, tmp_path, preset)
    before = snapshot(project)
    code, out, err = cli("g", "field", "book", "subtitle:str?:max=80", "--json", cwd=project)
    report = json.loads(out)
    assert code == 0, err
    assert fields_of(project, "book")[-1] == "subtitle:str:optional:max=80"
    (migration,) = report["created"]
    assert "/versions/" in migration and "subtitle_to_book" in migration
    changed = [p for p in report["modified"] if p not in (BASE, ".layerkit.toml")]
    assert changed and all(before[p] != snapshot(project)[p] for p in changed)
    texts = "".join((project / p).read_text() for p in changed)
    assert "subtitle" in texts
    # the same command again changes nothing
    code, out, _ = cli("g", "field", "book", "subtitle:str?:max=80", cwd=project)
    assert code == 0 and "nothing to do" in out


def test_fields_are_altered_and_removed_in_place(cli: Cli, shop: Path) -> None:
    code, _, err = cli("g", "field", "book", "title:str:max=300", "--remove", "pages", cwd=shop)
    assert code == 0, err
    fields = fields_of(shop, "book")
    assert (
        fields[0] == "title:str:index:max=300" if "index" in fields[0] else fields[0] == "title:str:max=300"
    )
    assert not any(f.startswith("pages:") for f in fields)
    model = (shop / "app/books/models.py").read_text()
    assert "String(300)" in model and "pages" not in model


def test_a_user_edit_in_another_hunk_is_merged(cli: Cli, shop: Path) -> None:
    schemas = shop / "app/books/schemas.py"
    edit(
        schemas,
        '"""',
        '"""\n# my note about books: kept\n',
    )
    code, _, err = cli("g", "field", "book", "subtitle:str?", cwd=shop)
    assert code == 0, err
    text = schemas.read_text()
    assert "# my note about books: kept" in text and "subtitle" in text


def test_a_user_edit_in_the_same_hunk_stops_the_command_and_writes_nothing(cli: Cli, shop: Path) -> None:
    model = shop / "app/books/models.py"
    edit(model, "    pages:", "    # pages may be absent for e-books\n    pages:")
    before = snapshot(shop)
    code, out, err = cli("g", "field", "book", "--remove", "pages", "--json", cwd=shop)
    report = json.loads(out)
    assert code == 1 and report["status"] == "conflict"
    assert any(c.startswith("app/books/models.py") for c in report["conflicts"])
    assert snapshot(shop) == before
    # asked for: both versions between conflict markers, the rest of the change applied
    code, out, err = cli("g", "field", "book", "--remove", "pages", "--conflicts", "markers", cwd=shop)
    assert code == 0, err
    text = model.read_text()
    assert "<<<<<<< yours (on disk)" in text and ">>>>>>> layerkit" in text
    assert "# pages may be absent for e-books" in text
    assert "conflict markers written in app/books/models.py" in err
    assert not any(f.startswith("pages:") for f in fields_of(shop, "book"))


def test_force_takes_layerkits_version_of_a_conflict(cli: Cli, shop: Path) -> None:
    model = shop / "app/books/models.py"
    edit(model, "    pages:", "    # gone with --force\n    pages:")
    code, _, err = cli("g", "field", "book", "--remove", "pages", "--force", cwd=shop)
    assert code == 0, err
    assert "gone with --force" not in model.read_text() and "pages" not in model.read_text()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nobook", "x:int?"], "the project has no resource 'nobook'"),
        (["book", "--remove", "nothing"], "has no field 'nothing' to remove"),
        (["book", "x:nope"], "unknown type"),
        (["book", "editor:ref=person?"], "unknown resource 'person'"),
        (["book"], "give fields to add or change"),
        (
            [
                "review",
                "--remove",
                "book",
                "--remove",
                "rating",
                "--remove",
                "body",
                "--remove",
                "reviewed_at",
            ],
            "would have no field left",
        ),
    ],
)
def test_bad_field_changes_are_refused_and_change_nothing(
    cli: Cli, shop: Path, args: list[str], message: str
) -> None:
    before = snapshot(shop)
    code, _, err = cli("g", "field", *args, cwd=shop)
    assert code == 1 and message in err, err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert snapshot(shop) == before


@pytest.mark.parametrize("preset", PRESETS)
def test_a_field_can_reference_a_resource_made_after_its_own(cli: Cli, tmp_path: Path, preset: str) -> None:
    """The project is rendered again in the order things were added: book before shelf, whose
    table book's new ref points at (the render of book's files knows shelf all the same)."""
    project = bookshop_in(cli, tmp_path, preset)
    assert cli("g", "resource", "shelf", "name:str", cwd=project)[0] == 0
    code, out, err = cli("g", "field", "book", "shelf:ref?", "--json", cwd=project)
    assert code == 0, err
    report = json.loads(out)
    assert any("shelf_to_book" in path for path in report["created"])
    assert any('"shelf.id"' in (project / path).read_text() for path in report["modified"])
    # later commands render the project from its manifest again: the ref still resolves
    assert cli("g", "resource", "tag", "label:str", cwd=project)[0] == 0
    code, _, err = cli("destroy", "resource", "shelf", cwd=project)
    assert code == 1 and "book.shelf" in err
    assert cli("g", "field", "book", "--remove", "shelf", cwd=project)[0] == 0
    code, _, err = cli("destroy", "resource", "shelf", cwd=project)
    assert code == 0, err


def test_apply_with_an_edited_spec_changes_the_fields(cli: Cli, shop: Path, tmp_path: Path) -> None:
    spec = (
        (EXAMPLES / "bookshop.yaml")
        .read_text()
        .replace("      body: text?\n", "      body: text?\n      likes: int?\n")
    )
    edited = tmp_path / "edited.yaml"
    edited.write_text(spec)
    code, out, err = cli("apply", edited, "--dry-run", cwd=shop)
    assert code == 0, err
    assert "likes" in out and "likes_to_review" in out
    code, _, err = cli("apply", edited, cwd=shop)
    assert code == 0, err
    assert "likes:int:optional" in fields_of(shop, "review")  # in the spec's order


# --- destroy ---------------------------------------------------------------------------------


@pytest.mark.parametrize("preset", PRESETS)
def test_destroy_removes_a_resource_and_drops_its_table(cli: Cli, tmp_path: Path, preset: str) -> None:
    project = bookshop_in(cli, tmp_path, preset)
    code, out, err = cli("destroy", "resource", "review", "--json", cwd=project)
    report = json.loads(out)
    assert code == 0, err
    assert "review" not in manifest(project)["resources"]  # type: ignore[operator]
    (migration,) = report["created"]
    assert "drop_review" in migration
    assert report["deleted"] and all(not (project / p).exists() for p in report["deleted"])
    for path in report["modified"]:  # registrations and contracts: no trace of it is left
        if path not in (BASE, ".layerkit.toml"):
            assert "review" not in (project / path).read_text().lower().replace("reviewed_at", ""), path
    assert "review" not in (project / BASE).read_text().replace("reviewed_at", "").replace("Review", "")


def test_destroy_refuses_a_referenced_resource(cli: Cli, shop: Path) -> None:
    before = snapshot(shop)
    code, _, err = cli("destroy", "resource", "author", cwd=shop)
    assert code == 1 and "book.author" in err and "--remove" in err
    assert snapshot(shop) == before


def test_destroy_needs_force_for_files_the_user_edited(cli: Cli, shop: Path) -> None:
    service = shop / "app/reviews/service.py"
    edit(service, '"""', '"""\n# my own rule\n')
    mine = shop / "app/reviews/my_helpers.py"
    mine.write_text("X = 1\n")
    before = snapshot(shop)
    code, _, err = cli("destroy", "resource", "review", cwd=shop)
    assert code == 1 and "app/reviews/service.py" in err and "--force" in err
    assert snapshot(shop) == before
    code, _, err = cli("destroy", "resource", "review", "--force", cwd=shop)
    assert code == 0, err
    assert not service.exists() and mine.read_text() == "X = 1\n"  # the user's own file stays


def test_destroy_a_route_and_a_service(cli: Cli, shop: Path) -> None:
    assert cli("g", "route", "ping", "--mock", '{"ok": true}', cwd=shop)[0] == 0
    assert cli("g", "service", "mailer", cwd=shop)[0] == 0
    code, _, err = cli("destroy", "route", "ping", cwd=shop)
    assert code == 0, err
    assert not (shop / "app/ping").exists() and "ping" not in (shop / "app/api/v1.py").read_text()
    code, _, err = cli("destroy", "service", "mailer", cwd=shop)
    assert code == 0, err
    assert not (shop / "app/services/mailer").exists()
    assert "routes" not in manifest(shop) and "services" not in manifest(shop)
    code, _, err = cli("destroy", "route", "ping", cwd=shop)
    assert code == 1 and "no route 'ping'" in err


# --- update ------------------------------------------------------------------------------------


def as_made_by_an_older_layerkit(project: Path, path: str, ours: str, older: str) -> None:
    """Make `project` look generated by a layerkit whose template wrote `older` where this one
    writes `ours` in `path` (its record, the file and its hash), version 0.1.0."""
    import hashlib

    record = json.loads((project / BASE).read_text())
    record["version"] = "0.1.0"
    assert ours in record["files"][path]
    record["files"][path] = record["files"][path].replace(ours, older, 1)
    (project / BASE).write_text(json.dumps(record))
    edit(project / path, ours, older)
    text = (
        (project / ".layerkit.toml").read_text().replace(f'version = "{__version__}"', 'version = "0.1.0"', 1)
    )
    digest = hashlib.sha256((project / path).read_bytes()).hexdigest()
    lines = [
        line if not line.startswith(f'"{path}" = ') else f'"{path}" = "{digest}"'
        for line in text.splitlines()
    ]
    (project / ".layerkit.toml").write_text("\n".join(lines) + "\n")


OURS = '"""HTTP for books: parse the request, call the service, choose the status code."""'
OLDER = '"""HTTP for books (an older docstring)."""'


def test_update_brings_a_template_change_and_keeps_an_edit_in_another_hunk(cli: Cli, shop: Path) -> None:
    as_made_by_an_older_layerkit(shop, "app/books/router.py", OURS, OLDER)
    router = shop / "app/books/router.py"
    router.write_text(router.read_text() + "\n\n# my extra endpoint goes here\n")
    code, out, err = cli("g", "field", "book", "x:int?", cwd=shop)
    assert code == 1 and "layerkit update" in err  # an older project is updated first
    code, out, err = cli("update", "--dry-run", cwd=shop)
    assert code == 0, err
    assert f"-{OLDER}" in out and f"+{OURS}" in out
    code, out, err = cli("update", cwd=shop)
    assert code == 0, err
    text = router.read_text()
    assert text.startswith(OURS) and "# my extra endpoint goes here" in text
    assert manifest(shop)["layerkit"]["version"] == __version__  # type: ignore[index]
    code, out, err = cli("update", cwd=shop)
    assert code == 0 and "nothing to do" in out


def test_update_stops_on_an_edit_in_the_same_hunk(cli: Cli, shop: Path) -> None:
    as_made_by_an_older_layerkit(shop, "app/books/router.py", OURS, OLDER)
    router = shop / "app/books/router.py"
    edit(router, OLDER, '"""HTTP for books, as I put it."""')
    before = snapshot(shop)
    code, out, err = cli("update", "--json", cwd=shop)
    assert code == 1 and json.loads(out)["conflicts"] == [
        "app/books/router.py (you and layerkit changed the same lines)"
    ]
    assert snapshot(shop) == before
    code, _, err = cli("update", "--conflicts", "markers", cwd=shop)
    assert code == 0, err
    text = router.read_text()
    assert '"""HTTP for books, as I put it."""' in text and OURS in text and "=======" in text


@pytest.mark.parametrize("gone", ["deleted", "renamed"])
def test_update_and_a_file_the_user_deleted_or_renamed(cli: Cli, shop: Path, gone: str) -> None:
    as_made_by_an_older_layerkit(shop, "app/books/router.py", OURS, OLDER)
    router = shop / "app/books/router.py"
    unchanged = shop / "tests/books/factory.py"  # the same in both versions
    if gone == "renamed":
        router.rename(shop / "app/books/routes.py")
        unchanged.rename(shop / "tests/books/factories.py")
    else:
        router.unlink()
        unchanged.unlink()
    before = snapshot(shop)
    code, _, err = cli("update", cwd=shop)
    assert code == 1 and "app/books/router.py" in err and "deleted it" in err
    assert snapshot(shop) == before
    code, _, err = cli("update", "--force", cwd=shop)
    assert code == 0, err
    assert router.read_text().startswith(OURS)  # asked for: layerkit's new version is back
    assert not unchanged.exists()  # what layerkit did not change stays as the user left it


def test_a_manifest_from_a_newer_layerkit_is_refused(cli: Cli, shop: Path) -> None:
    edit(shop / ".layerkit.toml", f'version = "{__version__}"', 'version = "9.0.0"')
    before = snapshot(shop)
    for args in (
        ["g", "resource", "shelf", "name:str"],
        ["update"],
        ["list"],
        ["destroy", "resource", "review"],
    ):
        code, _, err = cli(*args, cwd=shop)
        assert code == 1 and "layerkit 9.0.0, newer than this one" in err, (args, err)
        assert len(err.strip().splitlines()) == 1
    assert snapshot(shop) == before


def test_an_older_manifest_makes_other_commands_suggest_update(
    cli: Cli, shop: Path, caplog: pytest.LogCaptureFixture
) -> None:
    edit(shop / ".layerkit.toml", f'version = "{__version__}"', 'version = "0.1.0"')
    code, _, err = cli("g", "resource", "shelf", "name:str", cwd=shop)
    assert code == 0, err
    assert "made by layerkit 0.1.0; run `layerkit update`" in caplog.text


def test_check_fails_on_conflict_markers_left_by_a_merge(cli: Cli, shop: Path) -> None:
    model = shop / "app/books/models.py"
    edit(model, "    pages:", "    # mine\n    pages:")
    assert cli("g", "field", "book", "--remove", "pages", "--conflicts", "markers", cwd=shop)[0] == 0
    code, out, _ = cli("check", "drift", "--json", cwd=shop)
    (drift,) = json.loads(out)["checks"]
    assert code == 1 and drift["status"] == "failed"
    assert [f["path"] for f in drift["findings"] if f["kind"] == "conflict"] == ["app/books/models.py"]


def test_update_of_a_project_made_before_layerkit_kept_its_record(cli: Cli, shop: Path) -> None:
    """No .layerkit.base.json (layerkit 0.1.0): the recorded hashes tell what was generated as
    it is rendered now; an edit of the user's there is kept, a file of unknown origin conflicts."""
    (shop / BASE).unlink()
    edit(shop / ".layerkit.toml", f'version = "{__version__}"', 'version = "0.1.0"')
    service = shop / "app/books/service.py"
    service.write_text(service.read_text() + "\n\n# mine\n")
    code, _, err = cli("update", cwd=shop)
    assert code == 0, err
    assert service.read_text().endswith("# mine\n") and (shop / BASE).is_file()
    assert manifest(shop)["layerkit"]["version"] == __version__  # type: ignore[index]


def test_a_merged_edit_stays_yours_for_later_commands(cli: Cli, shop: Path) -> None:
    """After a merge, a file holding the user's lines is still "edited": a later command that
    writes it whole (a subroute renders its route's files again) stops instead of overwriting."""
    assert cli("g", "route", "ping", cwd=shop)[0] == 0
    router = shop / "app/ping/router.py"
    first = router.read_text().splitlines()[0]
    router.write_text(router.read_text() + "\n\n# my own note\n")
    as_made_by_an_older_layerkit(shop, "app/ping/router.py", first, '"""Older words."""')
    code, _, err = cli("update", cwd=shop)
    assert code == 0, err
    assert router.read_text().startswith(first) and router.read_text().endswith("# my own note\n")
    code, _, err = cli("g", "subroute", "ping", "pong", cwd=shop)
    assert code == 1 and "app/ping/router.py" in err
    assert router.read_text().endswith("# my own note\n")
