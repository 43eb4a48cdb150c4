"""`layerkit new NAME`: create a project."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from layerkit.cli.common import AsJson, DryRun, Force
from layerkit.cli.output import run
from layerkit.presets import PRESET_NAMES

if TYPE_CHECKING:
    from layerkit.actions import Report

DEFAULT_NAME = "myapi"


class Database(StrEnum):
    """`--db`'s choices (spec.model.DATABASES): Typer lists them in --help and refuses others."""

    SQLITE = "sqlite"
    POSTGRES = "postgres"


def _is_terminal() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def _project_name(value: str) -> str:
    """A prompt's answer checked like the argument; the prompt asks again on BadParameter."""
    from layerkit.errors import LayerkitError
    from layerkit.spec.names import check_project_name

    try:
        check_project_name(value)
    except LayerkitError as error:
        raise typer.BadParameter(error.message) from None
    return value


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
        Database | None,
        typer.Option("--db", help="Database: sqlite (default, no server) or postgres.", show_default=False),
    ] = None,
    preset: Annotated[
        str | None,
        typer.Option(
            "--preset",
            help=f"Architecture: {', '.join(PRESET_NAMES)} (`layerkit presets` describes each); default fastapi.",
            show_default=False,
        ),
    ] = None,
    admin: Annotated[
        bool,
        typer.Option("--admin", help="Add an admin panel listing every resource (where the preset has one)."),
    ] = False,
    no_input: Annotated[
        bool, typer.Option("--no-input", help="Never ask; use defaults for what is missing.")
    ] = False,
    dry_run: DryRun = False,
    as_json: AsJson = False,
    force: Force = False,
) -> None:
    """Create a new project (SQLite by default) that runs, tests and lints on first try."""
    from layerkit.cli.output import REPORT_ALL  # `layerkit --report new ...`

    interactive = not (no_input or as_json or REPORT_ALL["json"]) and _is_terminal()

    def action() -> Report:
        from layerkit.actions import create_project
        from layerkit.spec.model import ProjectSpec
        from layerkit.spec.routes import load_project_spec

        project_name = name
        if spec is not None:  # ours, or BackAnt's JSON spec (its routes)
            parsed = load_project_spec(spec, name=project_name, presets=PRESET_NAMES)
        else:
            if project_name is None:
                project_name = (
                    typer.prompt("Project name", default=DEFAULT_NAME, value_proc=_project_name)
                    if interactive
                    else DEFAULT_NAME
                )
            parsed = ProjectSpec(name=project_name)
        database = db.value if db else None
        if database is None and interactive and spec is None:
            # An answer outside the choices is refused and asked again, as is a bad name above.
            answer = typer.prompt("Database", default=Database.SQLITE.value, type=Database)
            database = Database(answer).value
        parsed = ProjectSpec(
            parsed.name,
            preset or parsed.preset,
            database or parsed.database,
            parsed.resources,
            parsed.features | ({"admin"} if admin else set()),
            parsed.routes,
        )
        return create_project(parsed, directory=directory, force=force, dry_run=dry_run)

    run(action, as_json=as_json)
