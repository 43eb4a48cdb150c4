"""All-or-nothing writes: a new tree appears whole; an existing tree is left as it was on failure."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from layerkit.io.transaction import write_atomically


def tree(root: Path) -> dict[str, bytes | None]:
    """Every file (relative path -> bytes) and folder (relative path -> None) under root."""
    return {
        path.relative_to(root).as_posix(): (path.read_bytes() if path.is_file() else None)
        for path in sorted(root.rglob("*"))
    }


def existing_project(tmp_path: Path) -> Path:
    root = tmp_path / "shop"
    (root / "app" / "api").mkdir(parents=True)
    (root / "app" / "api" / "router.py").write_text("api_router = 1\n", encoding="utf-8")
    (root / "app" / "models.py").write_text("__all__ = []  # é\n", encoding="utf-8")
    (root / "pyproject.toml").write_bytes(b"[project]\r\nname = 'shop'\r\n")  # CRLF kept as it is
    return root


class FailOnMove:
    """`os.replace` that raises on the n-th move of a staged file into the project."""

    def __init__(self, failing_move: int, real: Callable[..., None]) -> None:
        self.failing_move = failing_move
        self.real = real
        self.moves = 0

    def __call__(self, src: str | Path, dst: str | Path) -> None:
        if Path(src).name.endswith(".new"):
            self.moves += 1
            if self.moves == self.failing_move:
                raise OSError("disk full")
        self.real(src, dst)


def test_new_tree_is_created_with_every_file(tmp_path: Path) -> None:
    root = tmp_path / "parent" / "shop"

    write_atomically(root, {"README.md": "# shop\n", "app/__init__.py": "", "app/core/config.py": "X = 1\n"})

    assert tree(root) == {
        "README.md": b"# shop\n",
        "app": None,
        "app/__init__.py": b"",
        "app/core": None,
        "app/core/config.py": b"X = 1\n",
    }
    assert [p.name for p in root.parent.iterdir()] == ["shop"]  # no stage folder left


def test_content_is_written_as_utf8(tmp_path: Path) -> None:
    write_atomically(tmp_path / "shop", {"a.txt": "café ✓\n"})

    assert (tmp_path / "shop" / "a.txt").read_bytes() == "café ✓\n".encode()


def test_existing_tree_gets_new_and_replaced_files_and_keeps_the_rest(tmp_path: Path) -> None:
    root = existing_project(tmp_path)
    before = tree(root)

    write_atomically(
        root,
        {
            "app/api/router.py": "api_router = 2\n",
            "app/books/__init__.py": "",
            "app/books/tests/test_x.py": "X = 1\n",
        },
    )

    after = tree(root)
    assert after["app/api/router.py"] == b"api_router = 2\n"
    assert after["app/books/__init__.py"] == b""
    assert after["app/books/tests/test_x.py"] == b"X = 1\n"
    unchanged = {path: content for path, content in before.items() if path != "app/api/router.py"}
    assert unchanged.items() <= after.items()
    assert set(after) - set(before) == {
        "app/books",
        "app/books/__init__.py",
        "app/books/tests",
        "app/books/tests/test_x.py",
    }


def test_writing_nothing_to_an_existing_tree_changes_nothing(tmp_path: Path) -> None:
    root = existing_project(tmp_path)
    before = tree(root)

    write_atomically(root, {})

    assert tree(root) == before


@pytest.mark.parametrize(
    "files",
    [
        # the 2nd move is a new file in a new folder
        {"app/api/router.py": "changed\n", "app/books/router.py": "new\n", "app/models.py": "changed\n"},
        # the 2nd move replaces an existing file
        {"app/api/router.py": "changed\n", "app/models.py": "changed\n", "app/books/router.py": "new\n"},
        # the 2nd move is a new file deep in new folders
        {"app/books/__init__.py": "", "tests/books/deep/test_x.py": "new\n", "pyproject.toml": "x\n"},
    ],
)
def test_failure_midway_leaves_the_existing_tree_byte_for_byte(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, files: dict[str, str]
) -> None:
    root = existing_project(tmp_path)
    before = tree(root)
    failing = FailOnMove(2, os.replace)
    monkeypatch.setattr(os, "replace", failing)

    with pytest.raises(OSError, match=r"disk full"):
        write_atomically(root, files)

    assert failing.moves == 2
    assert tree(root) == before  # same files, same bytes, no new folders, no stage folder


def test_failure_on_the_first_move_leaves_the_tree_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = existing_project(tmp_path)
    before = tree(root)
    monkeypatch.setattr(os, "replace", FailOnMove(1, os.replace))

    with pytest.raises(OSError, match=r"disk full"):
        write_atomically(root, {"app/models.py": "changed\n", "app/new.py": "new\n"})

    assert tree(root) == before


def test_failure_while_staging_leaves_the_tree_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = existing_project(tmp_path)
    before = tree(root)
    calls = 0
    real_fsync = os.fsync

    def failing_fsync(fd: int) -> None:
        nonlocal calls
        calls += 1
        if calls == 2:
            raise OSError("I/O error")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", failing_fsync)

    with pytest.raises(OSError, match=r"I/O error"):
        write_atomically(root, {"app/models.py": "changed\n", "app/books/new.py": "new\n"})

    assert tree(root) == before


def test_a_replaced_file_keeps_its_permissions(tmp_path: Path) -> None:
    root = existing_project(tmp_path)
    (root / "app" / "models.py").chmod(0o750)

    write_atomically(root, {"app/models.py": "changed\n"})

    assert (root / "app" / "models.py").stat().st_mode & 0o777 == 0o750


@pytest.mark.parametrize(
    ("umask", "folder_mode", "file_mode"), [(0o022, 0o755, 0o644), (0o027, 0o750, 0o640)]
)
def test_new_folders_and_files_follow_the_umask(
    tmp_path: Path, umask: int, folder_mode: int, file_mode: int
) -> None:
    previous = os.umask(umask)
    try:
        write_atomically(tmp_path / "shop", {"app/main.py": "X = 1\n"})
        write_atomically(tmp_path / "shop", {"app/books/models.py": "Y = 1\n"})  # folders made in place
    finally:
        os.umask(previous)

    root = tmp_path / "shop"
    for folder in (root, root / "app", root / "app" / "books"):
        assert folder.stat().st_mode & 0o777 == folder_mode, folder  # like mkdir, not mkdtemp's 0700
    for file in (root / "app" / "main.py", root / "app" / "books" / "models.py"):
        assert file.stat().st_mode & 0o777 == file_mode, file
