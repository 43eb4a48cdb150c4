"""`layerkit apply SPEC`: add every resource of a spec file to an existing project."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from layerkit.cli.common import AsJson, DryRun, Force, ProjectDir
from layerkit.cli.output import run

if TYPE_CHECKING:
    from layerkit.actions import Report


def apply(
    spec: Annotated[
        Path,
        typer.Argument(
            metavar="SPEC",
            help="YAML or JSON spec file (its `resources` are used), or BackAnt's JSON spec (its routes).",
            dir_okay=False,
        ),
    ],
    directory: ProjectDir = None,
    dry_run: DryRun = False,
    as_json: AsJson = False,
    force: Force = False,
) -> None:
    """Add every resource of a spec file, in dependency order (refs first)."""

    def action() -> Report:
        from layerkit.actions import apply_spec

        return apply_spec(spec, directory=directory, force=force, dry_run=dry_run)

    run(action, as_json=as_json)
