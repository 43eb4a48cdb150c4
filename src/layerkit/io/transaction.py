"""All-or-nothing writes, even when killed: a new tree appears whole by one rename; changes to an
existing tree go through a journal (see journal.py) that the next command completes or undoes."""

from __future__ import annotations

import os
import secrets
import shutil
import tempfile
import time
from contextlib import suppress
from pathlib import Path, PurePosixPath

from layerkit.io.journal import (
    ROLLBACK,
    STAGE_PREFIX,
    Entry,
    Journal,
    finish,
    fsync_file,
    fsync_folder,
    locked,
    move_in,
    new_project_stage_name,
    undo,
    write_durably,
)

# Test-only: seconds to sleep before each move (for a new project: before each staged file), so
# tests/test_kill_recovery.py can kill a run inside its write phase.
MOVE_DELAY_VARIABLE = "LAYERKIT_TEST_MOVE_DELAY"


def _move_delay() -> float:
    return float(os.environ.get(MOVE_DELAY_VARIABLE) or 0)


def write_atomically(root: Path, files: dict[str, str | None]) -> None:
    """Write `files` (relative posix path -> content; None: delete it) under `root`, all or none."""
    if not root.exists():
        _create_tree(root, files)
    elif files:
        _replace_files(root, files)


def _create_tree(root: Path, files: dict[str, str | None]) -> None:
    """A new project: build it next to its final place, then one rename makes it appear.

    Killed before the rename, it leaves only `.NAME.layerkit-*` beside ROOT, which the next
    command on ROOT removes (journal.recover).
    """
    root.parent.mkdir(parents=True, exist_ok=True)
    with locked(root.parent):
        stage = _make_folder(root)
        delay = _move_delay()
        try:
            for relative, content in files.items():
                if content is None:  # nothing to delete in a new tree
                    continue
                if delay:
                    time.sleep(delay)
                target = stage / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(content.encode("utf-8"))
            os.rename(stage, root)
        except BaseException:
            shutil.rmtree(stage, ignore_errors=True)
            raise


def _make_folder(root: Path) -> Path:
    """The stage of a new project: made by mkdir, so it (and the project) follows the umask."""
    while True:
        stage = root.parent / new_project_stage_name(root, secrets.token_hex(4))
        try:
            stage.mkdir()
            return stage
        except FileExistsError:
            continue


def _replace_files(root: Path, files: dict[str, str | None]) -> None:
    with locked(root):
        stage = Path(tempfile.mkdtemp(prefix=STAGE_PREFIX, dir=root))
        try:
            journal = _stage(root, stage, files)
            journal.commit(stage)  # the commit point: from here on, recovery rolls forward
            fsync_folder(root)  # the stage's own entry
        except BaseException:
            shutil.rmtree(stage, ignore_errors=True)
            raise
        try:
            move_in(root, stage, journal, delay=_move_delay())
        except BaseException:
            with suppress(OSError):  # without the mark, recovery would roll forward: also whole
                journal.commit(stage, ROLLBACK)  # from here on, recovery rolls back
            undo(root, stage, journal)
            finish(stage)
            raise
        finish(stage)


def _stage(root: Path, stage: Path, files: dict[str, str | None]) -> Journal:
    """Write every new content and a backup of every replaced or deleted file into the stage,
    durably."""
    entries: list[Entry] = []
    folders: list[str] = []
    for number, (relative, content) in enumerate(files.items()):
        target, new = root / relative, None
        if content is not None:
            new = stage / f"{number}.new"
            write_durably(new, content.encode("utf-8"))
        backup = None
        if target.exists():
            backup = f"{number}.old"
            shutil.copy2(target, stage / backup)  # bytes, mode and times, to restore exactly
            fsync_file(stage / backup)
            if new is not None:
                shutil.copymode(target, new)  # a replaced file keeps its permissions
        elif new is None:
            continue  # deleting what is not there
        for parent in reversed(PurePosixPath(relative).parents[:-1]):
            if parent.as_posix() not in folders and not (root / parent).exists():
                folders.append(parent.as_posix())
        entries.append(Entry(relative, None if new is None else new.name, backup))
    return Journal(entries, folders)
