"""`layerkit presets`: each preset with a line of description, the seed it follows and the
features it offers (`layerkit new --admin`, `features: [admin]`)."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from layerkit.presets import CATALOG


def presets(
    as_json: Annotated[bool, typer.Option("--json", help="Print them as JSON.")] = False,
) -> None:
    """List the presets (architectures) `layerkit new --preset` accepts."""
    if as_json:
        listing = [
            {
                "name": name,
                "framework": e.framework,
                "description": e.description,
                "seed": e.seed,
                "features": sorted(e.features),
            }
            for name, e in CATALOG.items()
        ]
        typer.echo(json.dumps(listing, indent=2))
        return
    width = max(len(name) for name in CATALOG)
    for name, entry in CATALOG.items():
        follows = f" (follows {entry.seed})" if entry.seed else ""
        offers = f" [features: {', '.join(sorted(entry.features))}]" if entry.features else ""
        typer.echo(f"{name:<{width}}  {entry.description}{follows}{offers}")
