"""Options shared by several commands."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

DryRun = Annotated[
    bool, typer.Option("--dry-run", help="Print what would change (with diffs); write nothing.")
]
AsJson = Annotated[
    bool,
    typer.Option(
        "--json",
        "--report",
        help="Print one JSON report (--report: BackAnt's spelling): status, created, modified, unchanged, conflicts, warnings, errors.",
    ),
]
Force = Annotated[
    bool, typer.Option("--force", help="Overwrite files you changed since layerkit wrote them.")
]
ProjectDir = Annotated[
    Path | None,
    typer.Option(
        "--dir", help="The project folder (default: the current folder or a parent).", file_okay=False
    ),
]
