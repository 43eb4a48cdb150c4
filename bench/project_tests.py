"""Run a generated project's own test suite and read per-test times from its JUnit XML report."""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from pathlib import Path

from measure import BenchError, time_command


@dataclass(frozen=True)
class TestRun:
    """One pytest run: wall time of the whole process and the time of each test."""

    wall: float
    durations: dict[str, float]  # test id -> setup + call + teardown, seconds

    @property
    def count(self) -> int:
        return len(self.durations)

    @property
    def per_test(self) -> float:
        """Mean time of one test (setup + call + teardown), without pytest's start-up."""
        return sum(self.durations.values()) / self.count

    @property
    def wall_per_test(self) -> float:
        """Wall time of the whole run (start-up, imports, collection) over the test count."""
        return self.wall / self.count

    @property
    def slowest(self) -> tuple[str, float]:
        return max(self.durations.items(), key=lambda item: item[1])


def pytest_command(report: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        "--durations=0",
        f"--junitxml={report}",
        # JUnit's per-test time is setup + call + teardown (pytest's default junit_duration_report).
        "-o",
        "junit_duration_report=total",
    ]


def run_project_tests(project: Path, report: Path) -> TestRun:
    wall = time_command(pytest_command(report), cwd=project)
    durations = read_durations(report)
    if not durations:
        raise BenchError(f"pytest in {project} ran no tests")
    return TestRun(wall, durations)


def read_durations(report: Path) -> dict[str, float]:
    root = ElementTree.parse(report).getroot()
    return {
        f"{case.get('classname')}::{case.get('name')}": float(case.get("time", "0"))
        for case in root.iter("testcase")
    }
