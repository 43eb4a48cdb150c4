"""layerkit's speed benchmarks: `make bench` (or `.venv/bin/python bench/run.py [--quick]`).

Each case gets one untimed warm-up run, then N timed runs; it passes when the median beats its
target. Prints a markdown table and the targets that were missed; always exits 0.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from cases import CASES, Case, Outcome
from measure import BenchError


@dataclass(frozen=True)
class Row:
    case: Case
    outcome: Outcome | None
    error: str = ""

    @property
    def passed(self) -> bool:
        return self.outcome is not None and self.outcome.samples.median < self.case.target


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="fewer timed runs: a fast sanity check")
    return parser.parse_args(argv)


def run_case(case: Case, scratch: Path, runs: int) -> Row:
    scratch.mkdir()
    try:
        return Row(case, case.measure(scratch, runs))
    except (BenchError, OSError) as error:
        return Row(case, None, f"{type(error).__name__}: {error}")


def run_all(quick: bool) -> list[Row]:
    rows = []
    with tempfile.TemporaryDirectory(prefix="layerkit-bench-") as tmp:
        for number, case in enumerate(CASES, start=1):
            runs = case.quick_runs if quick else case.runs
            print(f"[{number}/{len(CASES)}] {case.title}: warm-up + {runs} run(s)", file=sys.stderr)
            rows.append(run_case(case, Path(tmp) / f"case-{number}", runs))
    return rows


def load_average() -> str:
    """1-minute load: other work on the machine makes every case slower."""
    return f"{os.getloadavg()[0]:.2f}" if hasattr(os, "getloadavg") else "n/a"


def fmt(value: float, unit: str) -> str:
    return f"{value:.1f} {unit}" if unit.startswith("ms") else f"{value:.3f} {unit}"


def table_cells(row: Row) -> list[str]:
    case, outcome = row.case, row.outcome
    target = f"< {fmt(case.target, case.unit)}"
    if outcome is None:
        return [case.title, "-", "-", "-", target, "ERROR", row.error.replace("|", "/")]
    samples = outcome.samples
    result = "PASS" if row.passed else "**FAIL**"
    median, minimum = fmt(samples.median, case.unit), fmt(samples.min, case.unit)
    return [case.title, str(samples.runs), median, minimum, target, result, outcome.notes]


def markdown_table(header: list[str], body: list[list[str]]) -> str:
    widths = [max(len(line[column]) for line in [header, *body]) for column in range(len(header))]

    def line(cells: list[str]) -> str:
        return "| " + " | ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True)) + " |"

    rule = "|" + "|".join("-" * (width + 2) for width in widths) + "|"
    return "\n".join([line(header), rule, *(line(cells) for cells in body)])


def summary(rows: list[Row]) -> str:
    missed = [row for row in rows if not row.passed]
    if not missed:
        return "All targets met."
    lines = [f"{len(missed)} target(s) missed:"]
    for row in missed:
        if row.outcome is None:
            lines.append(f"- {row.case.title}: ERROR ({row.error})")
        else:
            actual = fmt(row.outcome.samples.median, row.case.unit)
            lines.append(
                f"- {row.case.title}: median {actual}, target < {fmt(row.case.target, row.case.unit)}"
            )
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    load_before = load_average()
    rows = run_all(args.quick)
    header = ["Case", "N", "Median", "Min", "Target", "Result", "Notes"]
    mode = "quick" if args.quick else "full"
    print(f"\nlayerkit benchmarks ({mode}; Python {platform.python_version()}, {platform.platform()})")
    print(f"CPUs: {os.cpu_count()}, load average before/after: {load_before} / {load_average()}\n")
    print(markdown_table(header, [table_cells(row) for row in rows]))
    print()
    print(summary(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
