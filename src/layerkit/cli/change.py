"""`layerkit generate field`, `layerkit destroy` and `layerkit update`: commands that change
what exists, by a three-way merge that keeps every edit of yours."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from layerkit.cli.common import AsJson, DryRun, ProjectDir
from layerkit.cli.output import run

if TYPE_CHECKING:
    from layerkit.actions import Report


class Conflicts(StrEnum):
    stop = "stop"
    markers = "markers"


ConflictsOption = Annotated[
    Conflicts,
    typer.Option(
        "--conflicts",
        help="What a file that cannot be merged does: stop (list it, write nothing) or markers"
        " (write both versions between <<<<<<< and >>>>>>>, to resolve by hand).",
    ),
]
MergeForce = Annotated[
    bool, typer.Option("--force", help="Take layerkit's version of every file that cannot be merged.")
]


def field(
    resource: Annotated[str, typer.Argument(metavar="RESOURCE", help="An existing resource.")],
    fields: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="FIELD...",
            help="Fields to add, as in `generate resource`; one with an existing name replaces its"
            " definition (type, optional, unique, index, default, min, max, ref target).",
            show_default=False,
        ),
    ] = None,
    remove: Annotated[
        list[str] | None,
        typer.Option("--remove", metavar="NAME", help="Remove this field (repeatable).", show_default=False),
    ] = None,
    filled: Annotated[
        bool,
        typer.Option(
            "--filled",
            help="A field made required has a value in every row already: the migration checks it"
            " (and stops if one is empty) instead of asking for a default.",
        ),
    ] = False,
    directory: ProjectDir = None,
    dry_run: DryRun = False,
    as_json: AsJson = False,
    force: MergeForce = False,
    conflicts: ConflictsOption = Conflicts.stop,
) -> None:
    """Add, change or remove fields of a resource: every layer follows, with a migration."""

    def action() -> Report:
        from layerkit.change_actions import change_fields
        from layerkit.errors import FieldSyntaxError
        from layerkit.spec.fields import parse_field
        from layerkit.spec.model import raise_problems

        if not fields and not remove:
            raise FieldSyntaxError(
                f"give fields to add or change (e.g. `layerkit generate field {resource} pages:int?`)"
                " or --remove NAME"
            )
        parsed, problems = [], []
        for text in fields or []:
            try:
                parsed.append(parse_field(text))
            except FieldSyntaxError as error:
                problems.append(error.message)
        raise_problems(problems, f"the fields for {resource!r}")
        return change_fields(
            resource,
            parsed,
            list(remove or []),
            directory=directory,
            force=force,
            dry_run=dry_run,
            markers=conflicts is Conflicts.markers,
            filled=filled,
        )

    run(action, as_json=as_json)


destroy_app = typer.Typer(
    help="Remove a resource, route or service: its files, registrations, contract entries and"
    " record (a resource's table by a new migration).",
    no_args_is_help=True,
    rich_markup_mode=None,
)


DestroyForce = Annotated[bool, typer.Option("--force", help="Delete its files even where you edited them.")]
DESTROYS = {
    "resource": "Remove a resource and drop its table (refused while another resource references it).",
    "route": "Remove a route (`generate route`) and its subroutes.",
    "service": "Remove a service package (`generate service`) and its tests.",
}


def _destroyer(kind: str) -> Callable[..., None]:
    def command(
        name: Annotated[str, typer.Argument(metavar="NAME")],
        directory: ProjectDir = None,
        dry_run: DryRun = False,
        as_json: AsJson = False,
        force: DestroyForce = False,
    ) -> None:
        def action() -> Report:
            from layerkit.change_actions import destroy

            return destroy(kind, name, directory=directory, force=force, dry_run=dry_run)

        run(action, as_json=as_json)

    command.__doc__ = DESTROYS[kind]
    return command


for _kind in DESTROYS:
    destroy_app.command(_kind)(_destroyer(_kind))


def update(
    directory: ProjectDir = None,
    dry_run: DryRun = False,
    as_json: AsJson = False,
    force: MergeForce = False,
    conflicts: ConflictsOption = Conflicts.stop,
) -> None:
    """Bring the project's generated code to this layerkit: every file rendered again from the
    recorded options and resources and merged three ways with yours (--dry-run shows the diffs)."""

    def action() -> Report:
        from layerkit.change_actions import update_project

        return update_project(
            directory=directory, force=force, dry_run=dry_run, markers=conflicts is Conflicts.markers
        )

    run(action, as_json=as_json)
