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
REF_RAW_TOTAL = "ref_raw_total"  # ref_raw whose pages also count: the yardstick of a counted page
REF_FLASK = "ref_flask"  # Flask + sync ORM on gunicorn: the yardstick of the Flask presets
REF_FLASK_TOTAL = "ref_flask_total"  # ref_flask whose pages also count: its counted-page yardstick
DEFAULT_PRESET = "fastapi"


def generated_name(preset: str) -> str:
    """The generated app of a preset, as the tables name it."""
    return "generated" if preset == DEFAULT_PRESET else f"gen {preset}"


# Each case is judged against the yardstick doing the same work: a page is a bare page in every
# app, and a counted page (`with_total=true`) against the yardstick whose pages also count.
COUNTED_LIST = "list+total"
THROUGHPUT_GOAL = 0.5  # a generated FastAPI app's req/s over its yardstick's (ref_raw), at least
FLASK_THROUGHPUT_GOAL = 1.5  # a generated Flask app's req/s over ref_flask's, at least
THROUGHPUT_CASES = ("by-id", "list", COUNTED_LIST)  # the cases the throughput goals apply to
P99_GOAL = 2.0  # generated p99 over the yardstick's, at most


@dataclass(frozen=True)
class Summary:
    """One app on one case over all rounds: medians, the errors of every round added up, and each
    round's numbers (a ratio pairs the rounds)."""

    rps: float
    p50_ms: float
    p99_ms: float
    errors: int
    rounds: tuple[LoadResult, ...]

    @classmethod
    def of(cls, results: Sequence[LoadResult]) -> Summary:
        return cls(
            rps=statistics.median(result.rps for result in results),
            p50_ms=statistics.median(result.p50_ms for result in results),
            p99_ms=statistics.median(result.p99_ms for result in results),
            errors=sum(result.errors for result in results),
            rounds=tuple(results),
        )


def paired_ratio(generated: Summary, yardstick: Summary, metric: str) -> float:
    """The median over rounds of generated / yardstick, each round's numbers against the same
    round's: this VM's speed drifts by half between rounds minutes apart (ref_flask by id went
    810 -> 1,306 req/s), which a ratio of medians would mix into the result."""
    pairs = zip(generated.rounds, yardstick.rounds, strict=True)  # every app runs every round
    return statistics.median(ratio(getattr(g, metric), getattr(y, metric)) for g, y in pairs)


Summaries = Mapping[tuple[str, str], Summary]  # (case, app) -> summary


def yardstick_of(case: str, *, flask: bool) -> str:
    if case == COUNTED_LIST:
        return REF_FLASK_TOTAL if flask else REF_RAW_TOTAL
    return REF_FLASK if flask else REF_RAW


@dataclass(frozen=True)
class Verdict:
    """A generated app against its family's yardstick on one case."""

    app: str
    case: str
    yardstick: str
    rps_ratio: float
    p99_ratio: float
    errors: int
    throughput_goal: float | None  # None where no throughput goal applies (POST)

    @property
    def throughput_ok(self) -> bool | None:
        return None if self.throughput_goal is None else self.rps_ratio >= self.throughput_goal

    @property
    def p99_ok(self) -> bool:
        return self.p99_ratio <= P99_GOAL

    def misses(self) -> list[str]:
        missed = []
        if self.throughput_ok is False:
            missed.append(
                f"{self.app} {self.case}: req/s {self.rps_ratio:.2f}x {self.yardstick}'s"
                f" (goal >= {self.throughput_goal}x)"
            )
        if not self.p99_ok:
            missed.append(
                f"{self.app} {self.case}: p99 {self.p99_ratio:.2f}x {self.yardstick}'s (goal <= {P99_GOAL:g}x)"
            )
        if self.errors:
            missed.append(f"{self.app} {self.case}: {self.errors} error(s) (goal 0)")
        return missed


def verdict(app: str, case: str, summaries: Summaries, *, flask: bool) -> Verdict:
    yardstick = yardstick_of(case, flask=flask)
    generated, reference = summaries[case, app], summaries[case, yardstick]
    goal = FLASK_THROUGHPUT_GOAL if flask else THROUGHPUT_GOAL
    return Verdict(
        app=app,
        case=case,
        yardstick=yardstick,
        rps_ratio=paired_ratio(generated, reference, "rps"),
        p99_ratio=paired_ratio(generated, reference, "p99_ms"),
        errors=generated.errors,
        throughput_goal=goal if case in THROUGHPUT_CASES else None,
    )


def ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator else float("inf")


def mark(passed: bool | None) -> str:
    return "n/a" if passed is None else "PASS" if passed else "**FAIL**"


def results_table(cases: Sequence[str], apps: Sequence[str], summaries: Summaries) -> str:
    """Every measured (case, app): a yardstick serves only the cases it has work for."""
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
        if (summary := summaries.get((case, app))) is not None
    ]
    return markdown_table(header, body)


def ratios_table(verdicts: Sequence[Verdict], summaries: Summaries) -> str:
    """One row per app and case: the ratio to its yardstick and to the textbook app (ref_fastapi
    for FastAPI presets; ref_flask is itself the textbook Flask app)."""
    header = [
        "app",
        "case",
        "yardstick",
        "req/s gen/yardstick",
        "req/s gen/ref_fastapi",
        "p99 gen/yardstick",
        "req/s goal",
        f"p99 <= {P99_GOAL:g}x",
        "0 errors",
    ]
    body = []
    for item in verdicts:
        textbook = summaries.get((item.case, REF_FASTAPI))
        versus_textbook = (
            ""
            if item.yardstick in (REF_FLASK, REF_FLASK_TOTAL) or textbook is None
            else f"{paired_ratio(summaries[item.case, item.app], textbook, 'rps'):.2f}x"
        )
        goal = "" if item.throughput_goal is None else f">= {item.throughput_goal}x: "
        body.append(
            [
                item.app,
                item.case,
                item.yardstick,
                f"{item.rps_ratio:.2f}x",
                versus_textbook,
                f"{item.p99_ratio:.2f}x",
                goal + mark(item.throughput_ok),
                mark(item.p99_ok),
                mark(item.errors == 0),
            ]
        )
    return markdown_table(header, body)


def goals_summary(verdicts: Sequence[Verdict]) -> str:
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
    """`generated`: the FastAPI apps, judged against ref_raw (and ref_raw_total); `flask_generated`:
    the Flask apps, judged against ref_flask (and ref_flask_total)."""
    verdicts = [
        *(verdict(app, case, summaries, flask=False) for app in generated for case in cases),
        *(verdict(app, case, summaries, flask=True) for app in flask_generated for case in cases),
    ]
    tables = [ratios_table(verdicts, summaries)] if verdicts else []
    return "\n\n".join(
        [f"## {label}", results_table(cases, apps, summaries), *tables, goals_summary(verdicts)]
    )


def startup_table(rows: Sequence[tuple[str, int, Samples]]) -> str:
    """(app, resource count, launch-to-200 seconds) per row."""
    header = ["app", "resources", "median s", "min s", "max s", "launches"]
    return markdown_table(header, [startup_cells(*row) for row in rows])


def startup_cells(app: str, resources: int, samples: Samples) -> list[str]:
    seconds = (samples.median, samples.min, max(samples.values))
    return [app, str(resources), *(f"{value:.2f}" for value in seconds), str(samples.runs)]
