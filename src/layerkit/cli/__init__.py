"""The `layerkit` command line: thin Typer commands that call the API and print its report."""

from __future__ import annotations

import logging

import typer

from layerkit.cli import apply as apply_command
from layerkit.cli import change as change_command
from layerkit.cli import generate as generate_command
from layerkit.cli import inspection as inspection_command
from layerkit.cli import new as new_command
from layerkit.cli import presets as presets_command
from layerkit.version import __version__

app = typer.Typer(
    name="layerkit",
    help="Create and grow layered web-API projects (FastAPI). Exit codes: 0 success, 1 user error, 2 usage error.",
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"layerkit {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
    report: bool = typer.Option(
        False, "--report", "--json", help="Print the command's report as JSON (as its --json does)."
    ),
) -> None:
    """Create and grow layered web-API projects."""
    from layerkit.cli.output import REPORT_ALL

    REPORT_ALL["json"] = report


app.command("new")(new_command.new)
app.command("apply")(apply_command.apply)
app.command("presets")(presets_command.presets)
app.command("list")(inspection_command.list_project)
app.command("show", hidden=True)(inspection_command.list_project)  # `layerkit list`'s alias
app.command("check")(inspection_command.check)
app.add_typer(generate_command.app, name="generate")
app.add_typer(generate_command.app, name="g", hidden=True)
app.add_typer(change_command.destroy_app, name="destroy")
app.command("update")(change_command.update)


def main() -> None:
    logging.basicConfig(format="%(message)s")  # notices (e.g. a recovered write): one line on stderr
    app()
