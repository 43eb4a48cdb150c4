"""All-or-nothing writes: stage every file, then move them into place; undo on any failure."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


def write_atomically(root: Path, files: dict[str, str]) -> None:
    """Write `files` (relative posix path -> content) under `root`, all or none."""
    if not root.exists():
        _create_tree(root, files)
    else:
        _replace_files(root, files)


def _stage(folder: Path, files: dict[str, str]) -> None:
    for relative, content in files.items():
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")


def _create_tree(root: Path, files: dict[str, str]) -> None:
    """A new project: build it next to its final place, then one rename makes it appear."""
    root.parent.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=f".{root.name}.layerkit-", dir=root.parent))
    try:
        _stage(stage, files)
        os.rename(stage, root)
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise


def _replace_files(root: Path, files: dict[str, str]) -> None:
    stage = Path(tempfile.mkdtemp(prefix=".layerkit-stage-", dir=root))
    new_dir, backup_dir = stage / "new", stage / "backup"
    done: list[tuple[Path, Path | None]] = []  # (target, its backup or None if it was new)
    made_dirs: list[Path] = []
    try:
        _stage(new_dir, files)
        for relative in files:
            target = root / relative
            for parent in reversed(target.relative_to(root).parents[:-1]):
                folder = root / parent
                if not folder.exists():
                    folder.mkdir()
                    made_dirs.append(folder)
            backup = None
            if target.exists():
                backup = backup_dir / relative
                backup.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(target, backup)
            done.append((target, backup))
            os.replace(new_dir / relative, target)
    except BaseException:
        for target, backup in reversed(done):
            if backup is None:
                target.unlink(missing_ok=True)
            else:
                os.replace(backup, target)
        for folder in reversed(made_dirs):
            shutil.rmtree(folder, ignore_errors=True)
        raise
    finally:
        shutil.rmtree(stage, ignore_errors=True)
