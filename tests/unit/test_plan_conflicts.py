"""Plans: which changes are conflicts, and applying writes all or nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from layerkit.errors import ConflictError
from layerkit.io.manifest import content_hash
from layerkit.io.workspace import Workspace
from layerkit.plan.plan import build_plan

OWNED = "app/books/models.py"
SHARED = "app/api/router.py"
WRITTEN = "class Book: ...\n"  # what layerkit wrote last time
EDITED = "class Book: ...  # the user's edit\n"
NEW = "class Book:\n    title: str\n"


def project(tmp_path: Path, files: dict[str, str]) -> Workspace:
    for relative, content in files.items():
        path = tmp_path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    return Workspace(tmp_path)


def disk(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_an_owned_file_the_user_edited_is_a_conflict(tmp_path: Path) -> None:
    workspace = project(tmp_path, {OWNED: EDITED})
    workspace.write(OWNED, NEW)

    plan = build_plan(workspace, owned={OWNED}, recorded={OWNED: content_hash(WRITTEN)}, force=False)

    assert plan.conflicts == [OWNED]
    assert plan.paths("modify") == [OWNED]


def test_an_owned_file_without_a_recorded_hash_is_a_conflict(tmp_path: Path) -> None:
    workspace = project(tmp_path, {OWNED: WRITTEN})
    workspace.write(OWNED, NEW)

    assert build_plan(workspace, owned={OWNED}, recorded={}, force=False).conflicts == [OWNED]


def test_an_owned_file_matching_its_recorded_hash_is_a_plain_modify(tmp_path: Path) -> None:
    workspace = project(tmp_path, {OWNED: WRITTEN})
    workspace.write(OWNED, NEW)

    plan = build_plan(workspace, owned={OWNED}, recorded={OWNED: content_hash(WRITTEN)}, force=False)

    assert plan.conflicts == []
    assert plan.paths("modify") == [OWNED]
    assert plan.has_changes


def test_force_reports_no_conflicts(tmp_path: Path) -> None:
    workspace = project(tmp_path, {OWNED: EDITED})
    workspace.write(OWNED, NEW)

    plan = build_plan(workspace, owned={OWNED}, recorded={OWNED: content_hash(WRITTEN)}, force=True)

    assert plan.conflicts == []
    assert plan.paths("modify") == [OWNED]


def test_an_edited_owned_file_whose_new_content_is_the_same_is_unchanged_not_a_conflict(
    tmp_path: Path,
) -> None:
    workspace = project(tmp_path, {OWNED: EDITED})
    workspace.write(OWNED, EDITED)

    plan = build_plan(workspace, owned={OWNED}, recorded={OWNED: content_hash(WRITTEN)}, force=False)

    assert plan.conflicts == []
    assert plan.paths("unchanged") == [OWNED]
    assert not plan.has_changes


def test_shared_files_edited_in_place_are_never_conflicts(tmp_path: Path) -> None:
    workspace = project(tmp_path, {SHARED: "api_router = APIRouter()  # mine\n"})
    workspace.write(SHARED, "api_router = APIRouter()  # mine\napi_router.include_router(x)\n")

    plan = build_plan(workspace, owned={OWNED}, recorded={}, force=False)

    assert plan.conflicts == []
    assert plan.paths("modify") == [SHARED]


def test_new_owned_files_are_creates_not_conflicts(tmp_path: Path) -> None:
    workspace = project(tmp_path, {})
    workspace.write(OWNED, NEW)

    plan = build_plan(workspace, owned={OWNED}, recorded={}, force=False)

    assert plan.conflicts == []
    assert plan.paths("create") == [OWNED]


def test_changes_are_sorted_and_carry_what_is_on_disk(tmp_path: Path) -> None:
    workspace = project(tmp_path, {SHARED: "old\n"})
    workspace.write(SHARED, "new\n")
    workspace.write(OWNED, NEW)

    plan = build_plan(workspace, owned={OWNED}, recorded={}, force=False)

    assert [(c.path, c.before, c.content) for c in plan.changes] == [
        (SHARED, "old\n", "new\n"),
        (OWNED, None, NEW),
    ]
    assert plan.changes[0].diff().splitlines()[-2:] == ["-old", "+new"]


def test_only_conflicting_owned_files_are_listed(tmp_path: Path) -> None:
    clean, touched = "app/books/service.py", "app/books/router.py"
    workspace = project(tmp_path, {clean: WRITTEN, touched: EDITED, SHARED: "x\n"})
    for path in (clean, touched, SHARED):
        workspace.write(path, NEW)
    recorded = {clean: content_hash(WRITTEN), touched: content_hash(WRITTEN)}

    plan = build_plan(workspace, owned={clean, touched}, recorded=recorded, force=False)

    assert plan.conflicts == [touched]


def test_apply_with_conflicts_raises_and_writes_nothing(tmp_path: Path) -> None:
    workspace = project(tmp_path, {OWNED: EDITED, SHARED: "old\n"})
    workspace.write(OWNED, NEW)
    workspace.write(SHARED, "new\n")
    workspace.write("app/books/service.py", "new file\n")
    plan = build_plan(workspace, owned={OWNED}, recorded={OWNED: content_hash(WRITTEN)}, force=False)
    before = disk(tmp_path)

    with pytest.raises(ConflictError) as caught:
        plan.apply()

    assert caught.value.conflicts == [OWNED]
    assert OWNED in caught.value.message
    assert "nothing was written" in caught.value.message
    assert "\n" not in caught.value.message
    assert disk(tmp_path) == before


def test_apply_without_conflicts_writes_creates_and_modifies(tmp_path: Path) -> None:
    workspace = project(tmp_path, {OWNED: WRITTEN, SHARED: "old\n"})
    workspace.write(OWNED, NEW)
    workspace.write(SHARED, "new\n")
    workspace.write("app/books/service.py", "new file\n")
    plan = build_plan(workspace, owned={OWNED}, recorded={OWNED: content_hash(WRITTEN)}, force=False)

    plan.apply()

    assert disk(tmp_path) == {
        SHARED: b"new\n",
        "app/books/models.py": NEW.encode(),
        "app/books/service.py": b"new file\n",
    }


def test_apply_with_force_overwrites_the_users_edit(tmp_path: Path) -> None:
    workspace = project(tmp_path, {OWNED: EDITED})
    workspace.write(OWNED, NEW)

    build_plan(workspace, owned={OWNED}, recorded={OWNED: content_hash(WRITTEN)}, force=True).apply()

    assert (tmp_path / OWNED).read_text(encoding="utf-8") == NEW


def test_an_owned_file_the_user_saved_in_another_encoding_is_a_conflict(tmp_path: Path) -> None:
    (tmp_path / "app" / "books").mkdir(parents=True)
    (tmp_path / OWNED).write_bytes("class Book: ...  # café\n".encode("latin-1"))
    workspace = Workspace(tmp_path)
    workspace.write(OWNED, NEW)

    plan = build_plan(workspace, owned={OWNED}, recorded={OWNED: content_hash(WRITTEN)}, force=False)

    assert plan.conflicts == [OWNED]
