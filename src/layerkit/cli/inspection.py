"""`layerkit list` (alias `show`) and `layerkit check`: read a project, write nothing."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from layerkit.cli.common import ProjectDir
from layerkit.cli.output import say, show

if TYPE_CHECKING:
    from layerkit.checks import CheckReport
    from layerkit.listing import ProjectListing

AsJson = Annotated[bool, typer.Option("--json", "--report", help="Print one JSON document.")]


def list_project(directory: ProjectDir = None, as_json: AsJson = False) -> None:
    """Show the project as .layerkit.toml records it: preset, database, versions, resources
    (fields, versions, forks), routes and services."""

    def action() -> ProjectListing:
        from layerkit.listing import list_project as listing

        return listing(directory)

    show(action, as_json=as_json, human=print_listing)


def print_listing(listing: ProjectListing) -> None:
    say(f"{listing.name}: {listing.preset} preset, {listing.database} database, in {listing.root}", bold=True)
    versions = ", ".join(listing.versions) or "none (the preset serves one API without versions)"
    say(f"versions: {versions}")
    if listing.features:
        say(f"features: {', '.join(listing.features)}")
    _heading("resources", len(listing.resources), "`layerkit generate resource NAME FIELD...`")
    for resource in listing.resources:
        served = [f"versions {', '.join(resource['versions'])}"] if resource["versions"] else []
        served += [f"forks {', '.join(resource['forks'])}"] if resource["forks"] else []
        say(f"  {resource['name']}" + (f" ({'; '.join(served)})" if served else ""), bold=True)
        for item in resource["fields"]:
            say(f"    {item['text']}")
    _heading("routes", len(listing.routes), "`layerkit generate route NAME`")
    for route in listing.routes:
        say(f"  {route['method']:<6} {route['name']}")
        for sub in route["subroutes"]:
            say(f"    {sub['method']:<6} {route['name']}/{sub['name']}")
    _heading("services", len(listing.services), "`layerkit generate service NAME`")
    for name in listing.services:
        say(f"  {name}")


def _heading(what: str, count: int, how: str) -> None:
    say(f"{what} ({count}):" if count else f"{what}: none (add one with {how})")


class CheckName(StrEnum):
    """The checks `layerkit check` runs (layerkit.checks.CHECKS), for Typer to list and validate."""

    CONTRACT = "contract"
    DRIFT = "drift"
    MIGRATIONS = "migrations"


def check(
    names: Annotated[
        list[CheckName] | None,
        typer.Argument(
            metavar="[CHECK]...",
            help="Run only these: contract, drift, migrations (default: all three).",
            show_default=False,
        ),
    ] = None,
    directory: ProjectDir = None,
    as_json: AsJson = False,
) -> None:
    """Check the project: its import contract (lint-imports), drift from .layerkit.toml (missing
    files, resources it does not know; files you edited are listed, not failed) and its migrations
    against its models (alembic check on a throwaway SQLite database). Exit code 1 when a check
    failed; with CI=true, a check that cannot run (no project environment) fails too."""

    def action() -> CheckReport:
        from layerkit.checks import check_project

        return check_project(directory, only=[name.value for name in names or []])

    show(action, as_json=as_json, human=print_checks)


_STATUS_COLOURS = {"ok": "green", "failed": "red", "skipped": "yellow"}
_SHOWN_DETAILS = ("broken", "error")  # a difference's or a file's message says it all


def print_checks(report: CheckReport) -> None:
    width = max((len(check.name) for check in report.checks), default=0)
    for result in report.checks:
        say(f"{result.name:<{width}}  ", nl=False)
        say(f"{result.status:<7}", fg=_STATUS_COLOURS.get(result.status), bold=True, nl=False)
        say(f"  {result.reason}")
        for finding in result.findings:
            say(f"  {_label(finding.kind)}{finding.message}")
            if finding.kind in _SHOWN_DETAILS:
                for line in finding.details:
                    say(f"      {line}")
    counts = {s: sum(c.status == s for c in report.checks) for s in ("ok", "failed", "skipped")}
    summary = ", ".join(f"{n} {status}" for status, n in counts.items() if n)
    say(
        f"{report.status}: {summary} in {Path(report.root)}",
        fg="red" if counts["failed"] else None,
        bold=True,
    )


def _label(kind: str) -> str:
    return {"broken": "broken: ", "difference": "differs: "}.get(kind, "")
