"""`layerkit generate route NAME` and `layerkit generate subroute ROUTE NAME` (BackAnt's commands)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from layerkit.cli.common import AsJson, DryRun, Force, ProjectDir
from layerkit.cli.output import run

if TYPE_CHECKING:
    from layerkit.actions import Report

MOCK_HELP = (
    "What the endpoint answers: any JSON value ('[{\"id\": 1}]', 'true', 'null', '\"text\"'), or"
    " @FILE / FILE.json to read it from a file. Without it: BackAnt's placeholder text."
)
METHOD_HELP = "The endpoint's HTTP method: GET, POST, PUT, PATCH or DELETE (--type: BackAnt's spelling)."

Mock = Annotated[str | None, typer.Option("--mock", metavar="JSON|@FILE", help=MOCK_HELP, show_default=False)]
# BackAnt spells it --type
Method = Annotated[str, typer.Option("--method", "--type", metavar="METHOD", help=METHOD_HELP)]


def route(
    name: Annotated[
        str, typer.Argument(metavar="NAME", help="Route name, used as given (users -> /api/v1/users).")
    ],
    method: Method = "GET",
    mock: Mock = None,
    directory: ProjectDir = None,
    dry_run: DryRun = False,
    as_json: AsJson = False,
    force: Force = False,
) -> None:
    """Add a route: an HTTP layer and a service answering MOCK, registered like a resource
    (no model, no migration: it has no fields yet). 200, or 201 for POST."""

    def action() -> Report:
        from layerkit.route_actions import generate_route
        from layerkit.spec.routes import make_route, read_mock

        value = read_mock(mock) if mock is not None else None
        made = make_route(name, method, value, has_mock=mock is not None)
        return generate_route(made, directory=directory, force=force, dry_run=dry_run)

    run(action, as_json=as_json)


def subroute(
    route_name: Annotated[str, typer.Argument(metavar="ROUTE", help="An existing route (e.g. users).")],
    name: Annotated[
        str,
        typer.Argument(metavar="NAME", help="Subroute name: ROUTE/NAME (users profile -> /users/profile)."),
    ],
    method: Method = "GET",
    mock: Mock = None,
    directory: ProjectDir = None,
    dry_run: DryRun = False,
    as_json: AsJson = False,
    force: Force = False,
) -> None:
    """Add METHOD /ROUTE/NAME to a route: its files are rendered again from .layerkit.toml
    (files you edited are conflicts, kept unless --force)."""

    def action() -> Report:
        from layerkit.route_actions import generate_subroute
        from layerkit.spec.routes import check_subroute_name, make_endpoint, read_mock

        check_subroute_name(route_name, name)
        value = read_mock(mock) if mock is not None else None
        sub = make_endpoint(name, method, value, has_mock=mock is not None)
        return generate_subroute(route_name, sub, directory=directory, force=force, dry_run=dry_run)

    run(action, as_json=as_json)
