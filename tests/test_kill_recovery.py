"""`kill -9` at random moments of real `layerkit` runs, as git tests its lock files: the next command
leaves the project byte for byte as it was before or as a clean run makes it, with nothing left behind.

LAYERKIT_TEST_MOVE_DELAY (test-only) makes each move last long enough for random kills to land in the
write phase; LAYERKIT_KILL_SEED replays a failing run's kill times.
"""

from __future__ import annotations

import json
import logging
import os
import random
import shutil
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, Cli, snapshot

LAYERKIT = [sys.executable, "-m", "layerkit"]
TAG = ["generate", "resource", "tag", "label:str:max=40:unique", "book:ref"]
MOVE_DELAY = 0.03  # seconds per file: about half of a `generate resource` run is then its move phase


def run(*args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k != "LAYERKIT_TEST_MOVE_DELAY"} | env
    return subprocess.run(
        [*LAYERKIT, *args], cwd=cwd, env=environment, capture_output=True, text=True, check=False
    )


def start(*args: str, cwd: Path) -> subprocess.Popen[bytes]:
    environment = os.environ | {"LAYERKIT_TEST_MOVE_DELAY": str(MOVE_DELAY)}
    return subprocess.Popen(
        [*LAYERKIT, *args], cwd=cwd, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )


def state(root: Path) -> tuple[dict[str, str], list[str]]:
    """Every file's sha256 and every folder (an empty folder left behind counts too)."""
    folders = sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_dir())
    return snapshot(root), folders


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".layerkit-" in p.name)


def kill_after(process: subprocess.Popen[bytes], seconds: float) -> bool:
    """SIGKILL the process after `seconds` unless it ended; True if it was killed."""
    try:
        process.wait(timeout=seconds)
        return False
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        return True


def timed(*args: str, cwd: Path) -> float:
    began = time.perf_counter()
    process = start(*args, cwd=cwd)
    assert process.wait() == 0
    return time.perf_counter() - began


@pytest.fixture(scope="module")
def bookshop(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("base") / "bookshop"
    result = run(
        "new", "--spec", str(EXAMPLES / "bookshop.yaml"), "--dir", str(root), "--no-input", cwd=root.parent
    )
    assert result.returncode == 0, result.stderr
    return root


@pytest.mark.e2e
def test_generate_killed_at_random_moments_ends_before_or_after(
    bookshop: Path, tmp_path: Path, cli: Cli, caplog: pytest.LogCaptureFixture
) -> None:
    tries = 40
    seed = int(os.environ.get("LAYERKIT_KILL_SEED", time.time_ns() % 10**6))
    rng = random.Random(seed)
    before = state(bookshop)
    reference = shutil.copytree(bookshop, tmp_path / "reference")
    duration = timed(*TAG, cwd=reference)
    after = state(reference)
    assert after != before
    # the next command, whatever it is, repairs first: a dry run, or `new` of the same folder
    next_commands = [[*TAG, "--dry-run"], ["new", "bookshop", "--dir", ".", "--no-input"]]
    outcomes: Counter[str] = Counter()

    for attempt in range(tries):
        project = shutil.copytree(bookshop, tmp_path / f"try{attempt}")
        moment = duration * 1.1 * (attempt + rng.random()) / tries  # spread over the whole run
        was_killed = kill_after(start(*TAG, cwd=project), moment)
        left = state(project)
        staged = bool(leftovers(project))
        caplog.clear()

        code, _, err = cli(*next_commands[attempt % 2], cwd=project)

        where = f"try {attempt}, killed at {moment:.3f} s of {duration:.3f} s (LAYERKIT_KILL_SEED={seed})"
        now = state(project)
        assert now in (before, after), f"{where}: the project is neither the before- nor the after-state"
        assert leftovers(project) == [] and leftovers(project.parent) == [], where
        assert code == (0 if attempt % 2 == 0 else 1), f"{where}: {err}"
        notices = [r.getMessage() for r in caplog.records if r.getMessage().startswith("notice:")]
        assert len(notices) == staged, f"{where}: {notices}"  # one notice exactly when there was a repair
        if staged:
            outcomes["rolled forward" if now == after else "rolled back"] += 1
            outcomes["half-written when killed"] += left not in (before, after)
        else:
            outcomes["after (not killed or killed after its write)" if now == after else "before"] += 1
        outcomes["killed"] += was_killed

    print(f"\n{tries} kills over {duration:.2f} s runs, LAYERKIT_KILL_SEED={seed}: {dict(outcomes)}")
    # the kills really landed inside the write phase, where a plain move-in leaves half a project
    assert outcomes["rolled forward"] >= 3 and outcomes["half-written when killed"] >= 3, dict(outcomes)
    assert outcomes["before"] + outcomes["rolled back"] >= 3, dict(outcomes)


@pytest.mark.e2e
def test_new_killed_at_random_moments_never_leaves_half_a_project(
    tmp_path: Path, cli: Cli, caplog: pytest.LogCaptureFixture
) -> None:
    tries = 8
    seed = int(os.environ.get("LAYERKIT_KILL_SEED", time.time_ns() % 10**6))
    rng = random.Random(seed)
    new = ["new", "--spec", str(EXAMPLES / "bookshop.yaml"), "--dir", "bookshop", "--no-input"]
    (tmp_path / "reference").mkdir()
    duration = timed(*new, cwd=tmp_path / "reference")
    complete = state(tmp_path / "reference" / "bookshop")
    stale = 0  # tries killed while the project was being built beside its final name

    for attempt in range(tries):
        parent = tmp_path / f"try{attempt}"
        parent.mkdir()
        moment = duration * 1.1 * (attempt + rng.random()) / tries
        kill_after(start(*new, cwd=parent), moment)
        where = f"try {attempt}, killed at {moment:.3f} s of {duration:.3f} s (LAYERKIT_KILL_SEED={seed})"
        project = parent / "bookshop"
        existed, staged = project.exists(), bool(leftovers(parent))
        assert not existed or state(project) == complete, f"{where}: half a project under its name"
        caplog.clear()

        code, _, err = cli(*new, cwd=parent)

        assert state(project) == complete, where
        assert leftovers(parent) == [], where
        assert code == (1 if existed else 0), f"{where}: {err}"  # 1: "already a layerkit project"
        notices = [r.getMessage() for r in caplog.records if r.getMessage().startswith("notice:")]
        assert len(notices) == staged, f"{where}: {notices}"
        stale += staged

    assert stale >= 1, "no kill landed while the project was being built"


@pytest.mark.e2e
def test_the_notice_is_one_line_on_stderr_and_json_stays_json(bookshop: Path, tmp_path: Path) -> None:
    project = shutil.copytree(bookshop, tmp_path / "bookshop")
    process = start(*TAG, cwd=project)
    deadline = time.monotonic() + 30
    while not list(project.glob(".layerkit-stage-*/journal.json")):  # the move phase has begun
        assert time.monotonic() < deadline and process.poll() is None
        time.sleep(0.005)
    time.sleep(MOVE_DELAY * 3.5)
    assert kill_after(process, 0)

    result = run(*TAG, "--dry-run", "--json", cwd=project)

    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [result.stderr.strip()] and result.stderr.startswith(
        f"notice: completed the interrupted write of an earlier layerkit command in {project}"
    )
    assert json.loads(result.stdout)["status"] == "dry-run"
    assert leftovers(project) == []


def test_layerkit_new_of_an_interrupted_project_repairs_it_first(
    tmp_path: Path, cli: Cli, caplog: pytest.LogCaptureFixture
) -> None:
    """In-process: a stage left in a folder by a killed write is repaired by `new` of that folder."""
    from layerkit.io.journal import JOURNAL, STAGE_PREFIX

    root = tmp_path / "shop"
    code, _, err = cli("new", "shop", "--no-input", cwd=tmp_path)
    assert code == 0, err
    before = state(root)
    stage = root / f"{STAGE_PREFIX}killed"  # what a kill before the journal's commit leaves
    stage.mkdir()
    (stage / "0.new").write_text("half\n")
    (stage / f"{JOURNAL}.tmp").write_text("{")

    with caplog.at_level(logging.WARNING, logger="layerkit"):
        code, _, err = cli("new", "shop", "--no-input", cwd=tmp_path)

    assert code == 1 and "already a layerkit project" in err
    assert [r.getMessage() for r in caplog.records] == [
        f"notice: removed the staging folder of an earlier layerkit command in {root}, interrupted"
        " before it changed any file"
    ]
    assert state(root) == before


def test_new_project_folders_follow_the_umask(tmp_path: Path, cli: Cli) -> None:
    previous = os.umask(0o022)
    try:
        code, _, err = cli("new", "shop", "--no-input", cwd=tmp_path)
    finally:
        os.umask(previous)

    assert code == 0, err
    assert (tmp_path / "shop").stat().st_mode & 0o777 == 0o755  # not mkdtemp's drwx------
    assert (tmp_path / "shop" / "app").stat().st_mode & 0o777 == 0o755
    assert (tmp_path / "shop" / "pyproject.toml").stat().st_mode & 0o777 == 0o644
