"""The API benchmark's results as markdown: per-app numbers, ratios to the yardsticks, the issue's goals."""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from api_load import LoadResult
from measure import Samples
from run import markdown_table

REF_RAW = "ref_raw"
REF_FASTAPI = "ref_fastapi"
REF_RAW_TOTAL = "ref_raw_total"  # ref_raw whose pages also count the total, as the generated list does
REF_FLASK = "ref_flask"  # Flask + sync ORM on gunicorn: the yardstick of the Flask presets
REF_FLASK_TOTAL = "ref_flask_total"  # ref_flask whose pages also count the total, as generated lists do
DEFAULT_PRESET = "fastapi"


def generated_name(preset: str) -> str:
    """The generated app of a preset, as the tables name it."""
    return "generated" if preset == DEFAULT_PRESET else f"gen {preset}"


# Issue 7: each case is judged against the yardstick doing the same work: ref_raw, and for the
# list (page + exact total) ref_raw_total.
THROUGHPUT_GOAL = 0.5  # generated req/s over the yardstick's, at least
THROUGHPUT_CASES = ("by-id", "list")  # the cases the throughput goal applies to
P99_GOAL = 2.0  # generated p99 over the yardstick's, at most
FLASK_THROUGHPUT_GOAL = 1.5  # a generated Flask app's req/s over ref_flask's, at least


@dataclass(frozen=True)
class Summary:
    """One app on one case over all rounds: medians, and the errors of every round added up."""

    rps: float
    p50_ms: float
    p99_ms: float
    errors: int

    @classmethod
    def of(cls, results: Sequence[LoadResult]) -> Summary:
        return cls(
            rps=statistics.median(result.rps for result in results),
            p50_ms=statistics.median(result.p50_ms for result in results),
            p99_ms=statistics.median(result.p99_ms for result in results),
            errors=sum(result.errors for result in results),
        )


Summaries = Mapping[tuple[str, str], Summary]  # (case, app) -> summary


@dataclass(frozen=True)
class Verdict:
    """A generated app against the yardsticks on one case."""

    app: str
    case: str
    rps_vs_raw: float
    rps_vs_fastapi: float
    rps_vs_raw_total: float  # on list only: against ref_raw doing the same counting
    p99_vs_raw: float
    p99_vs_raw_total: float
    errors: int

    @property
    def yardstick(self) -> str:
        return REF_RAW_TOTAL if self.case == "list" else REF_RAW

    @property
    def rps_vs_yardstick(self) -> float:
        return self.rps_vs_raw_total if self.case == "list" else self.rps_vs_raw

    @property
    def p99_vs_yardstick(self) -> float:
        return self.p99_vs_raw_total if self.case == "list" else self.p99_vs_raw

    @property
    def throughput_ok(self) -> bool | None:
        """None where the throughput goal does not apply."""
        return self.rps_vs_yardstick >= THROUGHPUT_GOAL if self.case in THROUGHPUT_CASES else None

    @property
    def p99_ok(self) -> bool:
        return self.p99_vs_yardstick <= P99_GOAL

    @property
    def errors_ok(self) -> bool:
        return self.errors == 0

    def misses(self) -> list[str]:
        missed = []
        if self.throughput_ok is False:
            missed.append(
                f"{self.app} {self.case}: req/s {self.rps_vs_yardstick:.2f}x {self.yardstick}'s"
                f" (goal >= {THROUGHPUT_GOAL}x)"
            )
        if not self.p99_ok:
            missed.append(
                f"{self.app} {self.case}: p99 {self.p99_vs_yardstick:.2f}x {self.yardstick}'s"
                f" (goal <= {P99_GOAL:g}x)"
            )
        if not self.errors_ok:
            missed.append(f"{self.app} {self.case}: {self.errors} error(s) (goal 0)")
        return missed


@dataclass(frozen=True)
class FlaskVerdict:
    """A generated Flask app against ref_flask on one case (the issue's goals for the Flask family)."""

    app: str
    case: str
    rps_ratio: float
    p99_ratio: float
    errors: int
    rps_vs_total: float  # on list only: against ref_flask doing the same counting

    @property
    def throughput_ok(self) -> bool | None:
        return self.rps_ratio >= FLASK_THROUGHPUT_GOAL if self.case in THROUGHPUT_CASES else None

    @property
    def p99_ok(self) -> bool:
        return self.p99_ratio <= P99_GOAL

    def misses(self) -> list[str]:
        missed = []
        if self.throughput_ok is False:
            missed.append(
                f"{self.app} {self.case}: req/s {self.rps_ratio:.2f}x {REF_FLASK}'s"
                f" (goal >= {FLASK_THROUGHPUT_GOAL}x)"
            )
        if not self.p99_ok:
            missed.append(
                f"{self.app} {self.case}: p99 {self.p99_ratio:.2f}x {REF_FLASK}'s (goal <= {P99_GOAL:g}x)"
            )
        if self.errors:
            missed.append(f"{self.app} {self.case}: {self.errors} error(s) (goal 0)")
        return missed


def flask_verdict(app: str, case: str, summaries: Summaries) -> FlaskVerdict:
    generated, flask = summaries[case, app], summaries[case, REF_FLASK]
    total = summaries.get((case, REF_FLASK_TOTAL))
    return FlaskVerdict(
        app,
        case,
        ratio(generated.rps, flask.rps),
        ratio(generated.p99_ms, flask.p99_ms),
        generated.errors,
        ratio(generated.rps, total.rps) if total is not None else float("nan"),
    )


def flask_ratios_table(verdicts: Sequence[FlaskVerdict]) -> str:
    header = [
        "app",
        "case",
        "req/s gen/ref_flask",
        "req/s gen/ref_flask_total",
        "p99 gen/ref_flask",
        f"req/s >= {FLASK_THROUGHPUT_GOAL}x ref_flask",
        f"p99 <= {P99_GOAL:g}x ref_flask",
        "0 errors",
    ]
    body = [
        [
            item.app,
            item.case,
            f"{item.rps_ratio:.2f}x",
            f"{item.rps_vs_total:.2f}x" if item.case == "list" else "",
            f"{item.p99_ratio:.2f}x",
            mark(item.throughput_ok),
            mark(item.p99_ok),
            mark(item.errors == 0),
        ]
        for item in verdicts
    ]
    return markdown_table(header, body)


def ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator else float("inf")


def verdict(app: str, case: str, summaries: Summaries) -> Verdict:
    generated, raw, fastapi = (summaries[case, name] for name in (app, REF_RAW, REF_FASTAPI))
    return Verdict(
        app=app,
        case=case,
        rps_vs_raw=ratio(generated.rps, raw.rps),
        rps_vs_fastapi=ratio(generated.rps, fastapi.rps),
        rps_vs_raw_total=ratio(generated.rps, summaries[case, REF_RAW_TOTAL].rps),
        p99_vs_raw=ratio(generated.p99_ms, raw.p99_ms),
        p99_vs_raw_total=ratio(generated.p99_ms, summaries[case, REF_RAW_TOTAL].p99_ms),
        errors=generated.errors,
    )


def mark(passed: bool | None) -> str:
    return "n/a" if passed is None else "PASS" if passed else "**FAIL**"


def results_table(cases: Sequence[str], apps: Sequence[str], summaries: Summaries) -> str:
    header = ["case", "app", "req/s", "p50 ms", "p99 ms", "errors"]
    body = [
        [
            case,
            app,
            f"{summary.rps:,.0f}",
            f"{summary.p50_ms:.2f}",
            f"{summary.p99_ms:.2f}",
            str(summary.errors),
        ]
        for case in cases
        for app in apps
        for summary in [summaries[case, app]]
    ]
    return markdown_table(header, body)


def ratios_table(verdicts: Sequence[Verdict]) -> str:
    header = [
        "app",
        "case",
        "req/s gen/ref_raw",
        "req/s gen/ref_fastapi",
        "req/s gen/ref_raw_total",
        "p99 gen/ref_raw",
        f"req/s >= {THROUGHPUT_GOAL}x yardstick",
        f"p99 <= {P99_GOAL:g}x yardstick",
        "0 errors",
    ]
    body = [
        [
            item.app,
            item.case,
            f"{item.rps_vs_raw:.2f}x",
            f"{item.rps_vs_fastapi:.2f}x",
            f"{item.rps_vs_raw_total:.2f}x" if item.case == "list" else "",
            f"{item.p99_vs_raw:.2f}x",
            mark(item.throughput_ok),
            mark(item.p99_ok),
            mark(item.errors_ok),
        ]
        for item in verdicts
    ]
    return markdown_table(header, body)


def goals_summary(verdicts: Sequence[Verdict | FlaskVerdict]) -> str:
    missed = [line for item in verdicts for line in item.misses()]
    if not missed:
        return "All goals met."
    return "\n".join([f"{len(missed)} goal(s) missed:", *(f"- {line}" for line in missed)])


def database_section(
    label: str,
    cases: Sequence[str],
    apps: Sequence[str],
    generated: Sequence[str],
    summaries: Summaries,
    flask_generated: Sequence[str] = (),
) -> str:
    """`generated`: the FastAPI apps judged against ref_raw & co; `flask_generated`: the Flask
    apps judged against ref_flask (one app per preset)."""
    verdicts = [verdict(app, case, summaries) for app in generated for case in cases]
    flask = [flask_verdict(app, case, summaries) for app in flask_generated for case in cases]
    tables = ([ratios_table(verdicts)] if verdicts else []) + ([flask_ratios_table(flask)] if flask else [])
    return "\n\n".join(
        [f"## {label}", results_table(cases, apps, summaries), *tables, goals_summary([*verdicts, *flask])]
    )


def startup_table(rows: Sequence[tuple[str, int, Samples]]) -> str:
    """(app, resource count, launch-to-200 seconds) per row."""
    header = ["app", "resources", "median s", "min s", "max s", "launches"]
    return markdown_table(header, [startup_cells(*row) for row in rows])


def startup_cells(app: str, resources: int, samples: Samples) -> list[str]:
    seconds = (samples.median, samples.min, max(samples.values))
    return [app, str(resources), *(f"{value:.2f}" for value in seconds), str(samples.runs)]
