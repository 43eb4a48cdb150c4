"""The benchmark cases: what each one runs, its target and how many times it runs."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from big_spec import write_spec
from measure import Samples, sample, time_command
from project_tests import TestRun, run_project_tests

ROOT = Path(__file__).resolve().parent.parent
BOOKSHOP = ROOT / "examples" / "bookshop.yaml"
# The console script next to the interpreter running the bench (.venv/bin under `make bench`).
LAYERKIT = Path(sys.executable).parent / "layerkit"
BIG_RESOURCE_COUNT = 50
EXTRA_FIELDS = (
    "title:str:max=100",
    "summary:text?",
    "quantity:int:min=0:default=0",
    "price:decimal:min=0",
    "active:bool:default=true",
    "north_store:ref",
)


@dataclass(frozen=True)
class Outcome:
    samples: Samples
    notes: str = ""


@dataclass(frozen=True)
class Case:
    title: str
    target: float  # the median must be below this, in `unit`
    unit: str
    runs: int
    quick_runs: int
    measure: Callable[[Path, int], Outcome]  # (scratch folder, number of timed runs)


def new_command(spec: Path, directory: Path) -> list[str]:
    return [str(LAYERKIT), "new", "--spec", str(spec), "--dir", str(directory), "--no-input"]


def big_spec(scratch: Path) -> Path:
    return write_spec(scratch / "big.json", "bigshop", BIG_RESOURCE_COUNT)


def cli_startup(scratch: Path, runs: int) -> Outcome:
    return Outcome(sample(lambda _: [str(LAYERKIT), "--help"], runs))


def new_bookshop(scratch: Path, runs: int) -> Outcome:
    return Outcome(sample(lambda index: new_command(BOOKSHOP, scratch / f"bookshop-{index}"), runs))


def new_big_project(scratch: Path, runs: int) -> Outcome:
    spec = big_spec(scratch)
    samples = sample(lambda index: new_command(spec, scratch / f"big-{index}"), runs)
    return Outcome(samples, f"{BIG_RESOURCE_COUNT} resources, every field type, ref chains")


def generate_into_big_project(scratch: Path, runs: int) -> Outcome:
    base = scratch / "big-base"
    time_command(new_command(big_spec(scratch), base))
    copies = [scratch / f"big-copy-{index}" for index in range(runs + 1)]
    for copy in copies:
        shutil.copytree(base, copy)
    argv = [str(LAYERKIT), "generate", "resource", "extra", *EXTRA_FIELDS]
    samples = sample(lambda index: [*argv, "--dir", str(copies[index])], runs)
    return Outcome(
        samples, f"{len(EXTRA_FIELDS)} fields into a fresh copy of the {BIG_RESOURCE_COUNT}-resource project"
    )


def bookshop_tests(scratch: Path, runs: int) -> Outcome:
    project = scratch / "bookshop"
    time_command(new_command(BOOKSHOP, project))
    run_project_tests(project, scratch / "junit-warm-up.xml")
    test_runs = [run_project_tests(project, scratch / f"junit-{index}.xml") for index in range(runs)]
    samples = Samples(tuple(run.per_test * 1000 for run in test_runs))
    return Outcome(samples, describe_tests(test_runs))


def describe_tests(test_runs: list[TestRun]) -> str:
    """Describe the median run: test count, wall time and its slowest test."""
    typical = sorted(test_runs, key=lambda run: run.per_test)[len(test_runs) // 2]
    name, seconds = typical.slowest
    return (
        f"{typical.count} tests; whole run {typical.wall:.2f} s wall ="
        f" {typical.wall_per_test * 1000:.1f} ms/test with start-up; slowest {name} {seconds * 1000:.0f} ms"
    )


CASES = (
    Case("`layerkit --help` (start-up)", 0.3, "s", 10, 3, cli_startup),
    Case("`layerkit new` bookshop", 1.0, "s", 5, 2, new_bookshop),
    Case(f"`layerkit new` {BIG_RESOURCE_COUNT} resources", 5.0, "s", 3, 1, new_big_project),
    Case(
        f"`layerkit generate resource` into {BIG_RESOURCE_COUNT}", 1.0, "s", 3, 1, generate_into_big_project
    ),
    Case("bookshop tests (SQLite), mean per test", 30.0, "ms/test", 3, 1, bookshop_tests),
)
