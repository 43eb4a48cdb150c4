"""`layerkit new NAME`: create a project."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from layerkit.cli.common import AsJson, DryRun, Force
from layerkit.cli.output import run

if TYPE_CHECKING:
    from layerkit.actions import Report

DEFAULT_NAME = "myapi"


def _is_terminal() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def new(
    name: Annotated[
        str | None,
        typer.Argument(
            metavar="NAME", help="Project name; also the folder (e.g. bookshop).", show_default=False
        ),
    ] = None,
    directory: Annotated[
        Path | None, typer.Option("--dir", help="Create the project here instead of ./NAME.", file_okay=False)
    ] = None,
    spec: Annotated[
        Path | None,
        typer.Option("--spec", help="YAML or JSON spec file: creates its resources too.", dir_okay=False),
    ] = None,
    db: Annotated[
        str | None,
        typer.Option("--db", help="Database: sqlite (default, no server) or postgres.", show_default=False),
    ] = None,
    no_input: Annotated[
        bool, typer.Option("--no-input", help="Never ask; use defaults for what is missing.")
    ] = False,
    dry_run: DryRun = False,
    as_json: AsJson = False,
    force: Force = False,
) -> None:
    """Create a new FastAPI project (SQLite by default) that runs, tests and lints on first try."""
    interactive = not (no_input or as_json) and _is_terminal()

    def action() -> Report:
        from layerkit.actions import create_project
        from layerkit.spec.loader import load_spec
        from layerkit.spec.model import ProjectSpec

        project_name = name
        if spec is not None:
            parsed = load_spec(spec, name=project_name)
        else:
            if project_name is None:
                project_name = (
                    typer.prompt("Project name", default=DEFAULT_NAME) if interactive else DEFAULT_NAME
                )
            parsed = ProjectSpec(name=project_name)
        database = db
        if database is None and interactive and spec is None:
            database = typer.prompt("Database (sqlite|postgres)", default="sqlite")
        if database is not None:
            parsed = ProjectSpec(parsed.name, parsed.preset, database, parsed.resources)
        return create_project(parsed, directory=directory, force=force, dry_run=dry_run)

    run(action, as_json=as_json)
