"""Printing reports and errors, and turning LayerkitErrors into exit codes, in one place."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from typing import TYPE_CHECKING, NoReturn, Protocol, TypeVar

import typer

from layerkit.errors import ConflictError, LayerkitError

if TYPE_CHECKING:
    from layerkit.actions import Report


# `layerkit --report COMMAND` (BackAnt's place for it): every command reports in JSON.
REPORT_ALL = {"json": False}


T = TypeVar("T")


def run(action: Callable[[], Report], *, as_json: bool) -> None:
    """Run an API call; print its report; map every failure to a message and an exit code."""
    as_json = as_json or REPORT_ALL["json"]
    report = _attempt(action, as_json=as_json)
    if as_json:
        typer.echo(json.dumps(report.to_json(), indent=2))
        return
    _print_human(report)


class Document(Protocol):
    """What a read-only command answers (`layerkit list`, `layerkit check`)."""

    @property
    def exit_code(self) -> int: ...

    def to_json(self) -> dict[str, object]: ...


D = TypeVar("D", bound=Document)


def show(action: Callable[[], D], *, as_json: bool, human: Callable[[D], None]) -> None:
    """Run a read-only API call; print its document (JSON, or `human`); exit with its code.
    Failures are one line (or one JSON document), as for every command."""
    as_json = as_json or REPORT_ALL["json"]
    document = _attempt(action, as_json=as_json)
    if as_json:
        typer.echo(json.dumps(document.to_json(), indent=2))
    else:
        human(document)
    if document.exit_code:
        raise typer.Exit(document.exit_code)


def _attempt(action: Callable[[], T], *, as_json: bool) -> T:
    try:
        return action()
    except LayerkitError as error:
        _fail(error, as_json=as_json)
    except Exception as error:  # a bug in layerkit, not a user mistake
        if os.environ.get("LAYERKIT_DEBUG"):
            raise
        _fail(
            LayerkitError(
                f"internal error: {type(error).__name__}: {error} (nothing was written;"
                " rerun with LAYERKIT_DEBUG=1 and report it)"
            ),
            as_json=as_json,
        )


def _fail(error: LayerkitError, *, as_json: bool) -> NoReturn:
    conflicts = error.conflicts if isinstance(error, ConflictError) else []
    if as_json:
        document = {
            "status": "conflict" if conflicts else "error",
            "created": [],
            "modified": [],
            "deleted": [],
            "unchanged": [],
            "conflicts": conflicts,
            "warnings": [],
            "errors": [error.message, *error.details] if not conflicts else [error.message],
        }
        typer.echo(json.dumps(document, indent=2))
    else:
        say(f"error: {error.message}", fg="red", err=True)
        for detail in error.details:
            say(f"  - {detail}", err=True)
    raise typer.Exit(error.exit_code)


def say(text: str, *, fg: str | None = None, err: bool = False, bold: bool = False, nl: bool = True) -> None:
    """Print, in colour only on a terminal and never when NO_COLOR is set (https://no-color.org)."""
    no_color = bool(os.environ.get("NO_COLOR"))
    typer.secho(text, fg=fg, bold=bold or None, err=err, nl=nl, color=False if no_color else None)


_LABEL_COLOURS = {"create": "green", "modify": "yellow", "delete": "red"}
_DIFF_COLOURS = {"+": "green", "-": "red", "@": "cyan"}


def _print_human(report: Report) -> None:
    dry = report.status == "dry-run"
    changed = (("create", report.created), ("modify", report.modified), ("delete", report.deleted))
    for label, paths in changed:
        for path in paths:
            say(f"{'would ' if dry else ''}{label:>6}", fg=_LABEL_COLOURS[label], nl=False)
            say(f"  {path}")
    if dry:
        for diff in report.diffs.values():
            for line in diff.splitlines(keepends=True):
                header = line.startswith(("+++", "---"))
                say(line, fg=None if header else _DIFF_COLOURS.get(line[:1]), bold=header, nl=False)
    for warning in report.warnings:
        say(f"warning: {warning}", fg="yellow", err=True)
    if dry:
        say(
            f"dry run: {len(report.created)} file(s) to create, {len(report.modified)} to modify"
            + (f", {len(report.deleted)} to delete" if report.deleted else "")
            + "; nothing written",
            bold=True,
        )
    else:
        say(report.message, bold=True)
