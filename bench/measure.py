"""Timing subprocesses: a clean environment, one untimed warm-up, then N timed runs."""

from __future__ import annotations

import os
import statistics
import subprocess
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from time import perf_counter


class BenchError(Exception):
    """A benchmarked command failed, so its case has no valid measurement."""


@dataclass(frozen=True)
class Samples:
    """The timed values of one case, in the case's unit."""

    values: tuple[float, ...]

    @property
    def runs(self) -> int:
        return len(self.values)

    @property
    def median(self) -> float:
        return statistics.median(self.values)

    @property
    def min(self) -> float:
        return min(self.values)


def clean_env() -> dict[str, str]:
    """The current environment, minus what would make runs slower than on a normal machine."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # bytecode caches are part of normal start-up
    return env


def time_command(argv: Sequence[str], cwd: Path | None = None) -> float:
    """Run a command; return its wall time in seconds; raise BenchError if it fails."""
    start = perf_counter()
    completed = subprocess.run(argv, cwd=cwd, env=clean_env(), capture_output=True, text=True, check=False)
    elapsed = perf_counter() - start
    if completed.returncode != 0:
        output = (completed.stderr.strip() or completed.stdout.strip()).splitlines()[-3:]
        raise BenchError(f"`{short(argv)}` exited {completed.returncode}: {'; '.join(output)}")
    return elapsed


def short(argv: Sequence[str], words: int = 4) -> str:
    """The start of a command line, for error messages."""
    return " ".join(argv[:words]) + (" ..." if len(argv) > words else "")


def sample(command_for_run: Callable[[int], Sequence[str]], runs: int) -> Samples:
    """Run index 0 untimed (warm-up), then time runs 1..N; each run may get its own command."""
    time_command(command_for_run(0))
    return Samples(tuple(time_command(command_for_run(index)) for index in range(1, runs + 1)))
