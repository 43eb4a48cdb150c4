"""Where the next migration goes: its number and the head it revises."""

from __future__ import annotations

from pathlib import Path

import pytest

from layerkit.edit.migrations import NextMigration, next_migration
from layerkit.errors import EditError
from layerkit.io.workspace import Workspace

VERSIONS = "app/db/migrations/versions"


def migration(revision: str, down: str | None) -> str:
    down_text = f'"{down}"' if down else "None"
    return (
        f'"""create something\n\nRevision ID: {revision}\n"""\n\n'
        f'revision: str = "{revision}"\n'
        f"down_revision: str | None = {down_text}\n"
        "branch_labels = None\n"
    )


def on_disk(root: Path, files: dict[str, str]) -> Workspace:
    folder = root / VERSIONS
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        (folder / name).write_text(content, encoding="utf-8")
    return Workspace(root)


def test_no_versions_folder_starts_the_chain(tmp_path: Path) -> None:
    assert next_migration(Workspace(tmp_path), VERSIONS) == NextMigration("0001", None)


def test_empty_versions_folder_starts_the_chain(tmp_path: Path) -> None:
    workspace = on_disk(tmp_path, {".gitkeep": ""})

    assert next_migration(workspace, VERSIONS) == NextMigration("0001", None)


def test_a_chain_on_disk_gives_the_next_number_and_the_head(tmp_path: Path) -> None:
    workspace = on_disk(
        tmp_path,
        {
            "v_0002_create_book.py": migration("0002", "0001"),
            "v_0001_create_author.py": migration("0001", None),
            "v_0003_create_loan.py": migration("0003", "0002"),
        },
    )

    assert next_migration(workspace, VERSIONS) == NextMigration("0004", "0003")


def test_plain_assignments_are_understood(tmp_path: Path) -> None:
    workspace = on_disk(
        tmp_path,
        {
            "a.py": 'revision = "0001"\ndown_revision = None\n',
            "b.py": 'revision = "0002"\ndown_revision = "0001"\n',
        },
    )

    assert next_migration(workspace, VERSIONS) == NextMigration("0003", "0002")


def test_hand_made_revision_ids_are_followed(tmp_path: Path) -> None:
    workspace = on_disk(
        tmp_path,
        {
            "v_0001_create_book.py": migration("0001", None),
            "ae1027a6acf_add_isbn.py": migration("ae1027a6acf", "0001"),
        },
    )

    assert next_migration(workspace, VERSIONS) == NextMigration("0003", "ae1027a6acf")


def test_a_number_already_taken_is_skipped(tmp_path: Path) -> None:
    workspace = on_disk(
        tmp_path,
        {"x.py": migration("0002", None), "y.py": migration("0003", "0002")},
    )

    assert next_migration(workspace, VERSIONS) == NextMigration("0004", "0003")


def test_pending_migrations_count_like_files_on_disk(tmp_path: Path) -> None:
    workspace = on_disk(tmp_path, {"v_0001_create_author.py": migration("0001", None)})
    workspace.write(f"{VERSIONS}/v_0002_create_book.py", migration("0002", "0001"))

    assert next_migration(workspace, VERSIONS) == NextMigration("0003", "0002")
    assert not (tmp_path / VERSIONS / "v_0002_create_book.py").exists()


def test_only_pending_migrations_in_a_new_project(tmp_path: Path) -> None:
    workspace = Workspace(tmp_path / "new")
    workspace.write(f"{VERSIONS}/v_0001_create_author.py", migration("0001", None))

    assert next_migration(workspace, VERSIONS) == NextMigration("0002", "0001")


def test_files_that_are_not_python_or_not_migrations_are_ignored(tmp_path: Path) -> None:
    workspace = on_disk(
        tmp_path,
        {
            "v_0001_create_author.py": migration("0001", None),
            "notes.txt": 'revision = "9999"\n',
            "__init__.py": "",
            "helpers.py": "def helper() -> None:\n    pass\n",
        },
    )

    assert next_migration(workspace, VERSIONS) == NextMigration("0002", "0001")


def test_migrations_in_subfolders_are_not_counted(tmp_path: Path) -> None:
    workspace = on_disk(tmp_path, {"v_0001_create_author.py": migration("0001", None)})
    (tmp_path / VERSIONS / "old").mkdir()
    (tmp_path / VERSIONS / "old" / "x.py").write_text(migration("0002", "0001"), encoding="utf-8")

    assert next_migration(workspace, VERSIONS) == NextMigration("0002", "0001")


def test_two_heads_raise_edit_error_naming_them(tmp_path: Path) -> None:
    workspace = on_disk(
        tmp_path,
        {
            "a.py": migration("0001", None),
            "b.py": migration("0002", "0001"),
            "c.py": migration("0003", "0001"),
        },
    )

    with pytest.raises(EditError) as caught:
        next_migration(workspace, VERSIONS)

    assert "2 heads (0002, 0003)" in caught.value.message
    assert "alembic merge heads" in caught.value.message


def test_two_roots_are_two_heads(tmp_path: Path) -> None:
    workspace = on_disk(tmp_path, {"a.py": migration("0001", None), "b.py": migration("0002", None)})

    with pytest.raises(EditError, match=r"2 heads"):
        next_migration(workspace, VERSIONS)


def test_invalid_python_in_a_migration_raises_edit_error(tmp_path: Path) -> None:
    workspace = on_disk(tmp_path, {"v_0001_broken.py": "revision = (\n"})

    with pytest.raises(EditError, match=r"v_0001_broken\.py is not valid Python"):
        next_migration(workspace, VERSIONS)


def test_a_merge_migration_joins_the_heads(tmp_path: Path) -> None:
    workspace = on_disk(
        tmp_path,
        {
            "a.py": migration("0001", None),
            "b.py": migration("0002", "0001"),
            "c.py": migration("0003", "0001"),
            "d_merge.py": 'revision = "0004"\ndown_revision = ("0002", "0003")\n',
        },
    )

    assert next_migration(workspace, VERSIONS) == NextMigration("0005", "0004")
