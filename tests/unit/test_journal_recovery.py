"""A write killed at any step is completed or undone by the next recovery: the tree is then exactly
the before-state or the after-state. Each kill is a real SIGKILL of a forked writer at a chosen call."""

from __future__ import annotations

import json
import logging
import os
import shutil
import signal
from collections.abc import Callable
from pathlib import Path

import pytest

from layerkit.errors import LayerkitError
from layerkit.io import journal
from layerkit.io.journal import recover
from layerkit.io.manifest import find_project_root
from layerkit.io.transaction import write_atomically
from tests.unit.test_atomic_writes import existing_project, tree

CHANGES = {
    ".layerkit.toml": "[layerkit]\nversion = '2'\n",
    "app/api/router.py": "api_router = 2\n",
    "app/books/__init__.py": "",
    "app/books/tests/test_x.py": "X = 1\n",
    "pyproject.toml": "[project]\nname = 'shop'\nversion = '2'\n",
}
REPLACES = 1 + len(CHANGES)  # os.replace calls of a write: the journal's commit, then one per move


def killed(
    body: Callable[[], object],
    owner: object,
    name: str,
    call: int,
    patch: Callable[..., object] | None = None,
) -> bool:
    """Run `body` in a forked child that SIGKILLs itself at the `call`-th call of `owner.name`
    (or that replaces `owner.name` by `patch`, which kills where it likes).

    Returns whether it died (False: it ran to the end). Nothing of the child's cleanup
    (except/finally) runs after the kill, exactly as with `kill -9`.
    """
    pid = os.fork()
    if pid == 0:  # the child
        real = getattr(owner, name)
        calls = 0

        def dying(*args: object, **kwargs: object) -> object:
            nonlocal calls
            calls += 1
            if calls == call:
                os.kill(os.getpid(), signal.SIGKILL)
            return real(*args, **kwargs)

        setattr(owner, name, patch or dying)
        try:
            body()
        finally:
            os._exit(0)
    _, status = os.waitpid(pid, 0)
    return os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL


def states(
    tmp_path: Path, files: dict[str, str]
) -> tuple[Path, dict[str, bytes | None], dict[str, bytes | None]]:
    """A project, its tree now and its tree after `files` are written (on a copy)."""
    root = existing_project(tmp_path)
    reference = tmp_path / "reference"
    shutil.copytree(root, reference)
    write_atomically(reference, files)
    return root, tree(root), tree(reference)


@pytest.mark.parametrize("call", range(1, REPLACES + 1))
def test_killed_at_any_rename_recovers_to_before_or_after(
    tmp_path: Path, call: int, caplog: pytest.LogCaptureFixture
) -> None:
    root, before, after = states(tmp_path, CHANGES)

    assert killed(lambda: write_atomically(root, CHANGES), os, "replace", call)
    assert tree(root) != after  # really half-done (or not started): a stage folder at least
    notices = recover(root)

    if call == 1:  # killed while committing the journal: nothing was moved, it is undone
        assert tree(root) == before
        assert notices == [
            f"notice: removed the staging folder of an earlier layerkit command in {root},"
            " interrupted before it changed any file"
        ]
    else:  # the journal was complete: the remaining moves are done
        assert tree(root) == after
        assert notices == [
            f"notice: completed the interrupted write of an earlier layerkit command in {root}"
            f" (moved in the {REPLACES - call + 1} of its {len(CHANGES)} file(s) still staged)"
        ]
    assert [r.getMessage() for r in caplog.records if r.name == "layerkit"] == notices
    assert recover(root) == []  # nothing left to do


def test_a_write_that_is_not_killed_runs_to_the_end(tmp_path: Path) -> None:
    root, _, after = states(tmp_path, CHANGES)

    assert not killed(lambda: write_atomically(root, CHANGES), os, "replace", REPLACES + 1)
    assert tree(root) == after


@pytest.mark.parametrize("call", [1, 3, len(CHANGES) + 1])
def test_killed_while_staging_recovers_to_before(tmp_path: Path, call: int) -> None:
    root, before, _ = states(tmp_path, CHANGES)

    assert killed(lambda: write_atomically(root, CHANGES), os, "fsync", call)
    assert [p.name.startswith(journal.STAGE_PREFIX) for p in root.iterdir()].count(True) == 1
    recover(root)

    assert tree(root) == before


@pytest.mark.parametrize(("killed_at", "outcome"), [("mark", "after"), ("restore 1", "before")])
def test_killed_while_undoing_a_failed_move_recovers_whole(
    tmp_path: Path, killed_at: str, outcome: str
) -> None:
    root, before, after = states(tmp_path, CHANGES)
    real_replace = os.replace
    moves = restores = 0

    def last_move_fails(src: str | Path, dst: str | Path) -> None:
        """The last move raises (disk full); the command's own undo then dies at `killed_at`
        (its restore of app/api/router.py comes after it removed two new files)."""
        nonlocal moves, restores
        name = Path(src).name
        moves += name.endswith(".new")
        restores += name.endswith(".old")
        if moves == len(CHANGES) and name.endswith(".new"):
            raise OSError("disk full")
        if (killed_at == "mark" and name == f"{journal.ROLLBACK}.tmp") or killed_at == f"restore {restores}":
            os.kill(os.getpid(), signal.SIGKILL)
        real_replace(src, dst)

    assert killed(lambda: write_atomically(root, CHANGES), os, "replace", 0, last_move_fails)
    recover(root)

    # undoing had begun (the mark is written): it is finished; else the complete journal rolls forward
    assert tree(root) == (before if outcome == "before" else after)


def test_a_killed_recovery_is_recovered(tmp_path: Path) -> None:
    root, _, after = states(tmp_path, CHANGES)
    assert killed(lambda: write_atomically(root, CHANGES), os, "replace", 3)

    assert killed(lambda: recover(root), os, "replace", 2)  # the recovery itself dies midway
    recover(root)

    assert tree(root) == after


def test_a_killed_new_project_leaves_nothing_under_its_name_and_is_cleaned(tmp_path: Path) -> None:
    root = tmp_path / "shop"
    files = {"README.md": "# shop\n", "app/__init__.py": "", "app/core/config.py": "X = 1\n"}

    assert killed(lambda: write_atomically(root, files), os, "rename", 1)
    (stage,) = tmp_path.iterdir()
    assert stage.name.startswith(".shop.layerkit-")
    notices = recover(root)

    assert list(tmp_path.iterdir()) == []
    assert notices == [f"notice: removed {stage}, left by an interrupted `layerkit new` shop"]


def test_find_project_root_recovers_first(tmp_path: Path) -> None:
    root, _, after = states(tmp_path, CHANGES)
    (root / ".layerkit.toml").write_text("[layerkit]\nversion = '1'\n", encoding="utf-8")
    after[".layerkit.toml"] = CHANGES[".layerkit.toml"].encode()
    assert killed(lambda: write_atomically(root, CHANGES), os, "replace", 4)

    assert find_project_root(root / "app" / "api") == root
    assert tree(root) == after


def test_a_stage_whose_writer_is_alive_is_left_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root, before, _ = states(tmp_path, CHANGES)
    assert killed(lambda: write_atomically(root, CHANGES), os, "replace", 3)
    half = tree(root)
    monkeypatch.setattr(journal, "LOCK_WAIT", 0.2)

    with (
        journal.locked(root),
        pytest.raises(LayerkitError, match=r"another layerkit command has been writing"),
    ):
        recover(root)  # as if that writer still ran: its lock is held

    assert tree(root) == half
    assert tree(root) != before


@pytest.mark.parametrize("target", ["../outside.py", "/etc/passwd"])
def test_a_journal_naming_files_outside_the_project_is_refused(tmp_path: Path, target: str) -> None:
    root, _, _ = states(tmp_path, CHANGES)
    assert killed(lambda: write_atomically(root, CHANGES), os, "replace", 2)
    (stage,) = journal.stages_in(root)
    document = json.loads((stage / journal.JOURNAL).read_text())
    document["files"][0]["target"] = target
    (stage / journal.JOURNAL).write_text(json.dumps(document))
    half = tree(root)

    with pytest.raises(LayerkitError, match=r"is damaged: names .* outside the project; check the project"):
        recover(root)

    assert tree(root) == half
    assert not (tmp_path / "outside.py").exists()


def test_notices_are_logged_as_warnings(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    root, _, _ = states(tmp_path, CHANGES)
    assert killed(lambda: write_atomically(root, CHANGES), os, "replace", 2)

    with caplog.at_level(logging.WARNING, logger="layerkit"):
        recover(root)

    assert [r.levelno for r in caplog.records] == [logging.WARNING]


# A change that deletes files (`destroy`, a merge that drops a file): app/api/ is left empty.
DELETING: dict[str, str | None] = {
    "app/api/router.py": None,
    "pyproject.toml": "[project]\nname = 'shop'\nversion = '2'\n",
    "app/books/__init__.py": "",
}


@pytest.mark.parametrize(
    ("owner", "name", "call"), [(os, "replace", c) for c in (1, 2, 3)] + [(Path, "unlink", 1)]
)
def test_a_deletion_killed_at_any_step_recovers_to_before_or_after(
    tmp_path: Path, owner: object, name: str, call: int
) -> None:
    root, before, after = states(tmp_path, DELETING)
    assert "app/api" not in after and "app/api/router.py" not in after  # the emptied folder goes too

    assert killed(lambda: write_atomically(root, DELETING), owner, name, call)
    recover(root)

    assert tree(root) in (before, after)
    assert tree(root) == (before if (owner, call) == (os, 1) else after)


def test_a_failed_move_after_a_deletion_puts_the_deleted_file_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.unit.test_atomic_writes import FailOnMove

    root, before, _ = states(tmp_path, DELETING)
    monkeypatch.setattr(os, "replace", FailOnMove(2, os.replace))  # app/books/__init__.py fails

    with pytest.raises(OSError, match="disk full"):
        write_atomically(root, DELETING)

    assert tree(root) == before  # router.py (and its folder) restored, pyproject.toml as it was
