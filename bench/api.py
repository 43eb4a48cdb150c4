"""A generated API against hand-written yardsticks: `make bench-api` (or `.venv/bin/python bench/api.py`).

Generates a project with one `item` resource, seeds the same 10,000 rows as ../shared/perf/seed.py,
serves it and the yardsticks (ref_raw: Starlette + raw SQL; ref_fastapi: FastAPI + ORM; for Flask
presets ref_flask: Flask + sync ORM) one at a time with `uvicorn --workers 2` (`gunicorn -w 2` for
WSGI apps, a generated one with its own gunicorn.conf.py) on loopback, and loads each with `wrk -t2 -c32` (2 s warm-up, then
the timed run): GET by id, GET a page of 50, the same page counted (`with_total=true`: judged
against bench/yardsticks/, the yardsticks whose pages also count), POST. Rounds interleave the apps; tables show medians
over rounds (errors: all rounds added up), ratios to the yardsticks (the median of each round's
ratio) and the issue's goals. Ends with
the start-up time of a generated app with 1 and with 50 resources. Needs Debian's `wrk` and, for
PostgreSQL, a server at 127.0.0.1:5432 (user postgres, trust; BENCH_POSTGRES_URL overrides).
Exits 1 when something could not be measured; missed goals are reported, not an exit status.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import signal
import sys
import tempfile
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from types import FrameType

from api_load import (
    HOST,
    WRK_CONNECTIONS,
    WRK_THREADS,
    LoadResult,
    ServerSpec,
    launch_to_ok,
    run_wrk,
    serving,
)
from api_report import (
    COUNTED_LIST,
    DEFAULT_PRESET,
    REF_FASTAPI,
    REF_FLASK,
    REF_FLASK_TOTAL,
    REF_RAW,
    REF_RAW_TOTAL,
    Summary,
    database_section,
    generated_name,
    startup_table,
)
from api_setup import (
    BIG_RESOURCE_COUNT,
    N_ITEMS,
    PROJECT_NAME,
    Databases,
    app_of,
    find_perf_dir,
    generate_big_project,
    generate_project,
    migrate,
    postgres_databases,
    prepare,
    restore,
    sqlite_databases,
    sqlite_url,
)
from measure import BenchError, Samples

from layerkit.presets import CATALOG

BENCH_DIR = Path(__file__).resolve().parent
YARDSTICKS = BENCH_DIR / "yardsticks"  # variants of ../shared/perf's apps
WARM_UP_SECONDS = 2
QUICK_SECONDS = 3
STARTUP_LAUNCHES = 3
DATABASE_CHOICES = {"sqlite": ("sqlite",), "postgres": ("postgres",), "both": ("sqlite", "postgres")}
DATABASE_LABELS = {"sqlite": "SQLite", "postgres": "PostgreSQL"}
GENERATED_ENV = {"LOG_REQUESTS": "false", "LOG_LEVEL": "WARNING"}
# Every FastAPI preset's generated app is measured against the same yardsticks; Flask presets'
# against ref_flask.
FASTAPI_PRESETS = tuple(name for name, entry in CATALOG.items() if entry.framework == "fastapi")
FLASK_PRESETS = tuple(name for name, entry in CATALOG.items() if entry.framework == "flask")


@dataclass(frozen=True)
class Settings:
    seconds: int  # of each timed wrk run
    rounds: int
    databases: tuple[str, ...]  # "sqlite" and/or "postgres"
    quick: bool
    presets: tuple[str, ...]  # a generated app per preset


@dataclass(frozen=True)
class App:
    name: str
    server: ServerSpec
    items_path: str  # where the item collection is served
    # The cases it has work for: a yardstick whose pages count serves only the counted page;
    # the others every case but that one; a generated app every case.
    cases: frozenset[str] | None = None  # None: every case

    def serves(self, case: LoadCase) -> bool:
        return self.cases is None or case.name in self.cases

    @property
    def ready_path(self) -> str:
        return f"{self.items_path}/1"


@dataclass(frozen=True)
class LoadCase:
    name: str
    script: Path  # a wrk script that prints a RESULT line
    query: str = ""  # appended to the collection's path

    def url(self, port: int, app: App) -> str:
        return f"http://{HOST}:{port}{app.items_path}{self.query}"

    def env(self, app: App) -> dict[str, str]:
        return {"ID_PREFIX": f"{app.items_path}/", "N_ITEMS": str(N_ITEMS)}


def parse_args(argv: Sequence[str]) -> Settings:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--duration", type=int, default=10, metavar="S", help="seconds per timed run (10)")
    parser.add_argument("--rounds", type=int, default=2, metavar="N", help="interleaved rounds (2)")
    parser.add_argument("--db", choices=sorted(DATABASE_CHOICES), default="both", help="database(s) (both)")
    parser.add_argument("--quick", action="store_true", help=f"{QUICK_SECONDS} s runs, 1 round")
    parser.add_argument(
        "--presets",
        default=",".join((*FASTAPI_PRESETS, *FLASK_PRESETS)),
        metavar="P,Q",
        help=f"the presets whose generated app is measured ({','.join((*FASTAPI_PRESETS, *FLASK_PRESETS))})",
    )
    args = parser.parse_args(argv)
    if args.duration < 1 or args.rounds < 1:
        parser.error("--duration and --rounds must be at least 1")
    presets = tuple(name.strip() for name in args.presets.split(",") if name.strip())
    unknown = sorted(set(presets) - set(CATALOG))
    if unknown or not presets:
        parser.error(f"--presets: {', '.join(unknown) or 'none given'}; choose from {', '.join(CATALOG)}")
    seconds, rounds = (QUICK_SECONDS, 1) if args.quick else (args.duration, args.rounds)
    return Settings(seconds, rounds, DATABASE_CHOICES[args.db], args.quick, presets)


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


PLAIN_CASES = frozenset({"by-id", "list", "POST"})  # what the yardsticks of ../shared/perf serve
COUNTED_CASES = frozenset({COUNTED_LIST})  # what the yardsticks whose pages count serve


def load_cases(perf_dir: Path) -> tuple[LoadCase, ...]:
    page = "?limit=50&offset=0"
    return (
        LoadCase("by-id", perf_dir / "wrk" / "by_id.lua"),
        LoadCase("list", BENCH_DIR / "wrk" / "list.lua", page),
        LoadCase(COUNTED_LIST, BENCH_DIR / "wrk" / "list.lua", f"{page}&with_total=true"),
        LoadCase("POST", BENCH_DIR / "wrk" / "post.lua"),
    )


def apps_for(databases: Databases, perf_dir: Path, projects: Mapping[str, Path]) -> tuple[App, ...]:
    ref_env = {"DATABASE_URL": databases.ref_url}
    total_env = {**ref_env, "PYTHONPATH": str(perf_dir)}
    generated = tuple(
        App(
            generated_name(preset),
            ServerSpec(
                app_of(preset),
                project,
                {"DATABASE_URL": databases.generated_urls[preset], **GENERATED_ENV},
                wsgi=preset in FLASK_PRESETS,
            ),
            "/api/v1/items",
        )
        for preset, project in projects.items()
    )
    yardsticks = []
    if any(preset not in FLASK_PRESETS for preset in projects):
        yardsticks += [
            App(REF_RAW, ServerSpec("ref_raw:app", perf_dir, ref_env), "/items", PLAIN_CASES),
            App(REF_FASTAPI, ServerSpec("ref_fastapi:app", perf_dir, ref_env), "/items", PLAIN_CASES),
            App(
                REF_RAW_TOTAL, ServerSpec("ref_raw_total:app", YARDSTICKS, total_env), "/items", COUNTED_CASES
            ),
        ]
    if any(preset in FLASK_PRESETS for preset in projects):
        # As its docstring serves it: `gunicorn -w 2` (sync workers); and with the list's total.
        yardsticks += [
            App(REF_FLASK, ServerSpec("ref_flask:app", perf_dir, ref_env, wsgi=True), "/items", PLAIN_CASES),
            App(
                REF_FLASK_TOTAL,
                ServerSpec("ref_flask_total:app", YARDSTICKS, total_env, wsgi=True),
                "/items",
                COUNTED_CASES,
            ),
        ]
    return (*yardsticks, *generated)


def rotated(apps: Sequence[App], round_index: int) -> list[App]:
    """Each round starts with the next app, so no app always runs first (or last)."""
    shift = round_index % len(apps)
    return [*apps[shift:], *apps[:shift]]


def load(case: LoadCase, app: App, port: int, seconds: int) -> LoadResult:
    url, env = case.url(port, app), case.env(app)
    run_wrk(url, case.script, WARM_UP_SECONDS, env)
    result = run_wrk(url, case.script, seconds, env)
    progress(
        f"    {case.name}: {result.rps:,.0f} req/s, p99 {result.p99_ms:.1f} ms, {result.describe_errors()}"
    )
    return result


def measure_app(app: App, cases: Sequence[LoadCase], seconds: int, log: Path) -> dict[str, LoadResult]:
    with serving(app.server, app.ready_path, log) as port:
        results = {case.name: load(case, app, port, seconds) for case in cases if app.serves(case)}
    restore(app.server.env["DATABASE_URL"])  # every app and round starts from the same 10,000 rows
    return results


def measure_apps(
    label: str, apps: Sequence[App], cases: Sequence[LoadCase], settings: Settings, logs: Path
) -> dict[tuple[str, str], Summary]:
    results: defaultdict[tuple[str, str], list[LoadResult]] = defaultdict(list)
    for round_index in range(settings.rounds):
        for app in rotated(apps, round_index):
            progress(f"[{label}, round {round_index + 1}/{settings.rounds}] {app.name}")
            log = logs / f"{label}-{app.name}.log"
            for case_name, result in measure_app(app, cases, settings.seconds, log).items():
                results[case_name, app.name].append(result)
    return {key: Summary.of(values) for key, values in results.items()}


def open_databases(name: str, scratch: Path, presets: Sequence[str]) -> AbstractContextManager[Databases]:
    return sqlite_databases(scratch, presets) if name == "sqlite" else postgres_databases(presets)


def bench_database(
    name: str, scratch: Path, perf_dir: Path, projects: Mapping[str, Path], settings: Settings
) -> str:
    cases = load_cases(perf_dir)
    with open_databases(name, scratch, list(projects)) as databases:
        progress(f"[{databases.label}] seeding the yardsticks' and the generated apps' databases")
        prepare(databases, perf_dir, projects)
        apps = apps_for(databases, perf_dir, projects)
        summaries = measure_apps(databases.label, apps, cases, settings, scratch)
    return database_section(
        databases.label,
        [case.name for case in cases],
        [app.name for app in apps],
        [generated_name(preset) for preset in projects if preset not in FLASK_PRESETS],
        summaries,
        [generated_name(preset) for preset in projects if preset in FLASK_PRESETS],
    )


def launch_times(project: Path, url: str, log: Path) -> Samples:
    """Launch to first 200 on /health, one worker; one untimed launch first writes the bytecode caches."""
    spec = ServerSpec(app_of(DEFAULT_PRESET), project, {"DATABASE_URL": url, **GENERATED_ENV}, workers=1)
    launch_to_ok(spec, "/health", log)
    return Samples(tuple(launch_to_ok(spec, "/health", log) for _ in range(STARTUP_LAUNCHES)))


def bench_startup(scratch: Path, project: Path) -> str:
    progress(f"[start-up] generating a {BIG_RESOURCE_COUNT}-resource project; timing launches")
    projects = ((PROJECT_NAME, project, 1), ("bigshop", generate_big_project(scratch), BIG_RESOURCE_COUNT))
    rows = []
    for name, directory, resources in projects:
        url = sqlite_url(scratch / f"startup-{name}.db")
        migrate(directory, url)
        rows.append((name, resources, launch_times(directory, url, scratch / f"startup-{name}.log")))
    title = (
        f"## Start-up: launch to first 200 on /health (SQLite, 1 worker,"
        f" median of {STARTUP_LAUNCHES} after 1 untimed launch)"
    )
    return f"{title}\n\n{startup_table(rows)}"


def load_averages() -> str:
    return " / ".join(f"{value:.2f}" for value in os.getloadavg()) if hasattr(os, "getloadavg") else "n/a"


def header(settings: Settings) -> str:
    mode = "quick" if settings.quick else "full"
    return "\n".join(
        [
            f"# layerkit API benchmark ({mode})",
            "",
            f"Machine: {os.cpu_count()} CPUs, Python {platform.python_version()}, {platform.platform()}",
            f"Load average (1/5/15 min) before: {load_averages()}",
            f"Method: uvicorn --workers 2 (WSGI apps: gunicorn -w 2); wrk -t{WRK_THREADS} -c{WRK_CONNECTIONS}, {WARM_UP_SECONDS} s warm-up,"
            f" {settings.seconds} s runs, {settings.rounds} interleaved round(s); medians over rounds,"
            " errors summed, ratios the median of each round's ratio; 10,000 rows.",
        ]
    )


def print_section(title: str, build: Callable[[], str]) -> bool:
    """Print a section, or its error; True when it could be measured."""
    try:
        section = build()
    except BenchError as error:
        print(f"\n## {title}\n\nERROR: {error}", flush=True)
        return False
    print(f"\n{section}", flush=True)
    return True


def require_wrk() -> None:
    if shutil.which("wrk") is None:
        raise BenchError("`wrk` is not on the PATH: install Debian's wrk (apt-get install wrk)")


def exit_on_signal(signum: int, _frame: FrameType | None) -> None:
    """Turn SIGTERM into SystemExit, so that servers and databases are still cleaned up."""
    raise SystemExit(128 + signum)


def run_all(settings: Settings, perf_dir: Path, scratch: Path) -> bool:
    try:
        projects = {preset: generate_project(scratch, preset) for preset in settings.presets}
    except BenchError as error:
        print(f"\nERROR: could not generate the project: {error}", flush=True)
        return False
    measured = [
        print_section(
            DATABASE_LABELS[name],
            partial(bench_database, name, scratch, perf_dir, projects, settings),
        )
        for name in settings.databases
    ]
    default = projects.get(DEFAULT_PRESET) or generate_project(scratch, DEFAULT_PRESET)
    measured.append(print_section("Start-up", partial(bench_startup, scratch, default)))
    return all(measured)


def main(argv: Sequence[str]) -> int:
    settings = parse_args(argv)
    signal.signal(signal.SIGTERM, exit_on_signal)
    try:
        perf_dir = find_perf_dir()
        require_wrk()
    except BenchError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(header(settings), flush=True)
    with tempfile.TemporaryDirectory(prefix="layerkit-bench-api-") as scratch:
        complete = run_all(settings, perf_dir, Path(scratch))
    print(f"\nLoad average (1/5/15 min) after: {load_averages()}")
    return 0 if complete else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
