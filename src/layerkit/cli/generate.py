"""`layerkit generate resource NAME FIELD...`, `layerkit generate version VERSION` and
`layerkit generate service NAME` (alias `g`)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

from layerkit.cli.common import AsJson, DryRun, Force, ProjectDir
from layerkit.cli.output import run

if TYPE_CHECKING:
    from layerkit.actions import Report
    from layerkit.spec.model import Resource

T = TypeVar("T")

app = typer.Typer(help="Add code to an existing project.", no_args_is_help=True, rich_markup_mode=None)

FIELD_HELP = """Fields as NAME:TYPE[:MODIFIER]... Shell-safe forms first:
title:str:max=200:index  isbn:str:unique:max=13  price:decimal:min=0  pages:int:optional:min=1
published:bool:default=false  genre:enum=fiction,science  author:ref  writer:ref=author.
Types: str text int float decimal bool date datetime uuid json email url enum ref (any case).
Aliases: string=str integer=int boolean=bool timestamp=datetime double=float number=float numeric=decimal.
Modifiers: optional (or ? after the type), unique, index, default=V, min=N, max=N."""


@app.command("resource")
def resource(
    name: Annotated[
        str, typer.Argument(metavar="NAME", help="Resource name, singular (e.g. book, order_item).")
    ],
    fields: Annotated[
        list[str] | None, typer.Argument(metavar="FIELD...", help=FIELD_HELP, show_default=False)
    ] = None,
    version: Annotated[
        str | None,
        typer.Option(
            "--version",
            metavar="VERSION",
            help="Serve it in this API version only (e.g. v2; its tests use that URL). Without it,"
            " the resource is served in every version the project has.",
            show_default=False,
        ),
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

        if not fields:
            raise FieldSyntaxError(f"resource {name!r} needs at least one field, e.g. `title:str:max=200`")
        resource = _parse_resource(name, fields, directory)
        return add_resources([resource], version=version, directory=directory, force=force, dry_run=dry_run)

    run(action, as_json=as_json)


@app.command("version")
def version(
    name: Annotated[str, typer.Argument(metavar="VERSION", help="The API version: v2, v3, ...")],
    forks: Annotated[
        list[str] | None,
        typer.Option(
            "--fork",
            metavar="RESOURCE",
            help="Give this resource code of its own in VERSION (repeatable; also on an existing"
            " version): the layers above its model (router, service, repository, schemas; a Flask"
            " sub-app's routes, utils, schemas) and its tests, to change freely.",
            show_default=False,
        ),
    ] = None,
    directory: ProjectDir = None,
    dry_run: DryRun = False,
    as_json: AsJson = False,
    force: Force = False,
) -> None:
    """Serve every resource under a new API version too (e.g. /api/v2): the same routers (or
    blueprints), registered once more, nothing copied; --fork gives a resource its own code there."""

    def action() -> Report:
        from layerkit.actions import add_version

        return add_version(name, forks=forks, directory=directory, force=force, dry_run=dry_run)

    run(action, as_json=as_json)


@app.command("service")
def service(
    name: Annotated[
        str,
        typer.Argument(metavar="NAME", help="Service name, a package name (e.g. mailer, sftp_sync)."),
    ],
    directory: ProjectDir = None,
    dry_run: DryRun = False,
    as_json: AsJson = False,
    force: Force = False,
) -> None:
    """Add a reusable service: a package with __all__, its service class, exceptions, database
    transactions, utils and Celery tasks, with tests (the first one adds the Celery app)."""

    def action() -> Report:
        from layerkit.actions import add_service

        return add_service(name, directory=directory, force=force, dry_run=dry_run)

    run(action, as_json=as_json)


from layerkit.cli import change as _change  # noqa: E402
from layerkit.cli import routes as _routes  # noqa: E402  (BackAnt's commands, in their own module)

app.command("field")(_change.field)
app.command("route")(_routes.route)
app.command("subroute")(_routes.subroute)


def _parse_resource(name: str, texts: list[str], directory: Path | None) -> Resource:
    """The resource, or one error naming every problem: name, each bad field, unknown refs."""
    from layerkit.errors import LayerkitError
    from layerkit.io.manifest import find_project_root, load_manifest
    from layerkit.spec.fields import parse_field
    from layerkit.spec.model import make_resource, raise_problems, unknown_references

    problems: list[str] = []

    def attempt(action: Callable[[], T]) -> T | None:
        try:
            return action()
        except LayerkitError as error:
            problems.append(error.message)
            return None

    fields = [f for f in (attempt(partial(parse_field, text)) for text in texts) if f]
    resource = attempt(partial(make_resource, name, fields))
    if problems and resource is not None:
        # Unknown refs are otherwise found later, alone; with other problems, name them too.
        try:
            existing = set(load_manifest(find_project_root(directory or Path.cwd())).resources)
        except LayerkitError:
            existing = None  # not in a project: that is reported once the fields are right
        if existing is not None:
            problems += unknown_references([resource], existing)
    raise_problems(problems, f"resource {name!r}")
    assert resource is not None  # no problems: it was made
    return resource
