"""`layerkit generate resource NAME FIELD...` (alias `layerkit g resource`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from layerkit.cli.common import AsJson, DryRun, Force, ProjectDir
from layerkit.cli.output import run

if TYPE_CHECKING:
    from layerkit.actions import Report

app = typer.Typer(help="Add code to an existing project.", no_args_is_help=True, rich_markup_mode=None)

FIELD_HELP = """Fields as NAME:TYPE[:MODIFIER]... Shell-safe forms first:
title:str:max=200:index  isbn:str:unique:max=13  price:decimal:min=0  pages:int:optional:min=1
published:bool:default=false  genre:enum=fiction,science  author:ref  writer:ref=author.
Types: str text int float decimal bool date datetime uuid json email url enum ref.
Modifiers: optional (or ? after the type), unique, index, default=V, min=N, max=N."""


@app.command("resource")
def resource(
    name: Annotated[
        str, typer.Argument(metavar="NAME", help="Resource name, singular (e.g. book, order_item).")
    ],
    fields: Annotated[
        list[str] | None, typer.Argument(metavar="FIELD...", help=FIELD_HELP, show_default=False)
    ] = None,
    directory: ProjectDir = None,
    dry_run: DryRun = False,
    as_json: AsJson = False,
    force: Force = False,
) -> None:
    """Add a resource: model, schemas, repository, service, router, tests and a migration."""

    def action() -> Report:
        from layerkit.actions import add_resources
        from layerkit.errors import FieldSyntaxError
        from layerkit.spec.fields import parse_field
        from layerkit.spec.model import make_resource

        if not fields:
            raise FieldSyntaxError(f"resource {name!r} needs at least one field, e.g. `title:str:max=200`")
        parsed = make_resource(name, [parse_field(text) for text in fields])
        return add_resources([parsed], directory=directory, force=force, dry_run=dry_run)

    run(action, as_json=as_json)
