"""The write-ahead journal that makes a killed write recoverable, and the recovery itself.

A change to an existing project is staged in `ROOT/.layerkit-stage-*/`: every new content
(`N.new`) and a backup of every file it replaces (`N.old`), all fsynced. Then `journal.json`
naming each target, its staged content and its backup is written and fsynced: that is the
commit point. Files are moved in; the journal is deleted; the stage folder is removed.

What the next command finds tells it what to do (`recover`):
- a stage without a journal: nothing was moved yet; the stage is deleted (rolled back);
- a stage with `journal.json`: staging was complete; the remaining moves are done (rolled forward);
- a stage with `rollback.json` (a failing command had started undoing itself): the undo is finished.
Each step only looks at what is still in the stage, so recovery that is itself killed is redone.
Moves, undo and recovery of one project are serialised by an flock on its folder, which the
kernel releases when its holder dies: a stage whose folder is not locked belongs to no live process.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from layerkit.errors import LayerkitError

if sys.platform != "win32":
    import fcntl

STAGE_PREFIX = ".layerkit-stage-"
JOURNAL = "journal.json"  # staging is complete: roll forward
ROLLBACK = "rollback.json"  # a failure is being undone: roll back
LOCK_WAIT = 10.0  # seconds to wait for another layerkit command writing to the same folder

# Notices go to the "layerkit" logger; the CLI prints them as one line on stderr.
log = logging.getLogger("layerkit")


@dataclass(frozen=True)
class Entry:
    target: str  # relative posix path in the project
    new: str | None  # file in the stage holding the new content; None: the target is deleted
    backup: str | None  # file in the stage holding the replaced content; None: the target is new


@dataclass(frozen=True)
class Journal:
    entries: list[Entry]
    folders: list[str]  # folders the change creates, parents first (removed by a roll back)

    def commit(self, stage: Path, name: str = JOURNAL) -> None:
        """Write the journal durably and atomically (a half-written journal is never read)."""
        document = {
            "layerkit_journal": 1,
            "files": [{"target": e.target, "new": e.new, "backup": e.backup} for e in self.entries],
            "folders": self.folders,
        }
        temporary = stage / f"{name}.tmp"
        write_durably(temporary, json.dumps(document, indent=1).encode("utf-8"))
        os.replace(temporary, stage / name)
        fsync_folder(stage)

    @classmethod
    def read(cls, path: Path) -> Journal:
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
            entries = [Entry(f["target"], f["new"], f["backup"]) for f in document["files"]]
            folders = [str(folder) for folder in document["folders"]]
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise _damaged(path, f"unreadable ({error})") from None
        for relative in [e.target for e in entries] + folders:
            parts = PurePosixPath(relative).parts
            if not parts or relative.startswith("/") or ".." in parts:
                raise _damaged(path, f"names {relative!r} outside the project")
        for name in [e.new for e in entries if e.new] + [e.backup for e in entries if e.backup]:
            if "/" in name or name.startswith("."):
                raise _damaged(path, f"names {name!r} outside its stage folder")
        return cls(entries, folders)


def _damaged(path: Path, problem: str) -> LayerkitError:
    return LayerkitError(
        f"the journal {path} of an interrupted layerkit command is damaged: {problem}; check the project"
        f" (e.g. `git status`), then delete {path.parent}"
    )


def write_durably(path: Path, data: bytes) -> None:
    with open(path, "wb") as file:
        file.write(data)
        file.flush()
        os.fsync(file.fileno())


def fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_folder(path: Path) -> None:
    """Make renames and new entries in `path` durable (a no-op where folders cannot be fsynced)."""
    if sys.platform != "win32":
        fsync_file(path)


@contextmanager
def locked(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on `folder` while writing to it or recovering it."""
    if sys.platform == "win32":
        yield
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        deadline = time.monotonic() + LOCK_WAIT
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise LayerkitError(
                        f"another layerkit command has been writing to {folder} for {LOCK_WAIT:.0f} s;"
                        " wait for it to finish (or stop it), then rerun"
                    ) from None
                time.sleep(0.05)
            except OSError:  # a file system without locks: go on, as before locks existed
                break
        yield
    finally:
        os.close(fd)  # releases the lock


def move_in(root: Path, stage: Path, journal: Journal, *, delay: float = 0.0) -> int:
    """Roll forward: move every staged file still in the stage to its target; returns how many."""
    moved = 0
    for entry in journal.entries:
        target = root / entry.target
        if entry.new is None:  # a deletion: its backup stays in the stage until the end
            if target.is_file():
                if delay:
                    time.sleep(delay)
                target.unlink()
                moved += 1
            continue
        staged = stage / entry.new
        if not staged.exists():  # moved in before an interruption
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        if delay:
            time.sleep(delay)  # LAYERKIT_TEST_MOVE_DELAY: lets the kill tests hit this loop
        os.replace(staged, target)
        moved += 1
    touched = {(root / e.target).parent for e in journal.entries} | {
        (root / f).parent for f in journal.folders
    }
    for folder in touched:
        if folder.is_dir():
            fsync_folder(folder)  # every move (and new folder) is durable before the journal goes
    _remove_emptied(root, journal)
    return moved


def _remove_emptied(root: Path, journal: Journal) -> None:
    """The folders a deletion left empty go too (a destroyed resource's package)."""
    for entry in journal.entries:
        if entry.new is not None:
            continue
        for parent in PurePosixPath(entry.target).parents[:-1]:
            with suppress(OSError):  # not empty (or gone): the folders above stay too
                (root / parent).rmdir()
                continue
            break


def undo(root: Path, stage: Path, journal: Journal) -> int:
    """Roll back: restore every target already moved in, remove the folders made; returns how many."""
    restored = 0
    for entry in reversed(journal.entries):
        if entry.new is not None and (stage / entry.new).exists():  # never moved in
            continue
        target = root / entry.target
        if entry.backup is None:
            target.unlink(missing_ok=True)
        elif (stage / entry.backup).exists():  # else restored before an interruption
            target.parent.mkdir(parents=True, exist_ok=True)  # a deletion may have removed it
            os.replace(stage / entry.backup, target)
        restored += 1
    for parent in {(root / e.target).parent for e in journal.entries if e.backup}:
        fsync_folder(parent)
    for folder in reversed(journal.folders):
        with suppress(OSError):  # missing, or holds files that are not ours
            (root / folder).rmdir()
    return restored


def finish(stage: Path) -> None:
    """Drop the stage: first its journal (from then on it has no effect), then the rest."""
    for name in (JOURNAL, ROLLBACK):
        (stage / name).unlink(missing_ok=True)
    shutil.rmtree(stage, ignore_errors=True)


def stages_in(folder: Path) -> list[Path]:
    try:
        with os.scandir(folder) as entries:
            return sorted(Path(e.path) for e in entries if e.name.startswith(STAGE_PREFIX) and e.is_dir())
    except OSError:  # not a folder (yet)
        return []


def new_project_stage_name(root: Path, suffix: str) -> str:
    return f".{root.name}.layerkit-{suffix}"


def new_project_stages(root: Path) -> list[Path]:
    """Folders a killed `layerkit new ROOT` left beside ROOT (the project is built there, then renamed)."""
    pattern = re.compile(re.escape(new_project_stage_name(root, "")) + r"[a-z0-9_]{8}")
    try:
        with os.scandir(root.parent) as entries:
            return sorted(Path(e.path) for e in entries if pattern.fullmatch(e.name) and e.is_dir())
    except OSError:
        return []


def recover(root: Path) -> list[str]:
    """Complete or undo what an interrupted layerkit command left in (or beside) `root`.

    Returns one notice per repair (also logged to "layerkit" as a warning); [] when there is none.
    """
    notices: list[str] = []
    if stages_in(root):
        with locked(root):
            # listed again under the lock: a live command may have just finished its own stage
            notices += [_recover_stage(root, stage) for stage in stages_in(root)]
    if new_project_stages(root):
        with locked(root.parent):
            for stage in new_project_stages(root):
                shutil.rmtree(stage)
                notices.append(f"notice: removed {stage}, left by an interrupted `layerkit new` {root.name}")
    for notice in notices:
        log.warning(notice)
    return notices


def _recover_stage(root: Path, stage: Path) -> str:
    if (stage / ROLLBACK).is_file():
        restored = undo(root, stage, Journal.read(stage / ROLLBACK))
        finish(stage)
        return (
            f"notice: undid the interrupted write of an earlier layerkit command in {root}"
            f" ({restored} file(s) put back as they were)"
        )
    if (stage / JOURNAL).is_file():
        journal = Journal.read(stage / JOURNAL)
        moved = move_in(root, stage, journal)
        finish(stage)
        return (
            f"notice: completed the interrupted write of an earlier layerkit command in {root}"
            f" (moved in the {moved} of its {len(journal.entries)} file(s) still staged)"
        )
    shutil.rmtree(stage)
    return (
        f"notice: removed the staging folder of an earlier layerkit command in {root}, interrupted"
        " before it changed any file"
    )
