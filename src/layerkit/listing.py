"""`layerkit list` (alias `show`): what a project is made of, as its `.layerkit.toml` records it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from layerkit.errors import EXIT_OK, LayerkitError, NotAProjectError
from layerkit.io.manifest import MANIFEST, Manifest, find_project_root, load_manifest
from layerkit.spec.fields import Field, parse_field


@dataclass
class ProjectListing:
    """The `--json` document of `layerkit list`."""

    root: str
    name: str
    preset: str
    database: str
    versions: list[str]
    features: list[str]
    resources: list[dict[str, Any]] = field(default_factory=list)
    routes: list[dict[str, Any]] = field(default_factory=list)
    services: list[str] = field(default_factory=list)

    exit_code = EXIT_OK

    def to_json(self) -> dict[str, object]:
        return {
            "root": self.root,
            "name": self.name,
            "preset": self.preset,
            "database": self.database,
            "features": self.features,
            "versions": self.versions,
            "resources": self.resources,
            "routes": self.routes,
            "services": self.services,
        }


def list_project(directory: Path | None = None) -> ProjectListing:
    """The project at or above `directory`: preset, database, versions, resources (their fields
    as recorded, the versions serving them, their forks), routes and services."""
    root = find_project_root(directory or Path.cwd())
    manifest = load_manifest(root)
    return ProjectListing(
        root=str(root),
        name=manifest.name,
        preset=manifest.preset,
        database=manifest.database,
        versions=list(manifest.versions),
        features=sorted(manifest.features),
        resources=[_resource(manifest, name) for name in manifest.resources],
        routes=[_route(name, entry) for name, entry in manifest.routes.items()],
        services=list(manifest.services),
    )


def _resource(manifest: Manifest, name: str) -> dict[str, Any]:
    return {
        "name": name,
        "fields": [_field(name, text) for text in manifest.resources[name]],
        "versions": list(manifest.served.get(name, [])),
        "forks": list(manifest.forks.get(name, [])),
    }


def _field(resource: str, text: str) -> dict[str, Any]:
    try:
        parsed = parse_field(text)
    except LayerkitError as error:
        raise NotAProjectError(
            f"{MANIFEST} is damaged (resource {resource!r}: {error.message}); restore it from version control"
        ) from None
    return field_json(parsed, text)


def field_json(parsed: Field, text: str) -> dict[str, Any]:
    return {
        "name": parsed.name,
        "type": parsed.type.value,
        "optional": parsed.optional,
        "unique": parsed.unique,
        "index": parsed.index,
        "default": _value(parsed.default),
        "min": _value(parsed.min),
        "max": _value(parsed.max),
        "choices": list(parsed.choices),
        "target": parsed.target,
        "text": text,
    }


def _value(value: object) -> object:
    """A default or bound as JSON has it: numbers as numbers, dates as ISO text."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def _route(name: str, entry: dict[str, Any]) -> dict[str, Any]:
    subroutes = entry.get("subroutes", {})
    if not isinstance(subroutes, dict):
        raise NotAProjectError(
            f"{MANIFEST} is damaged (route {name!r}: subroutes is not a table); restore it from version control"
        )
    return {
        "name": name,
        "method": str(entry.get("method", "GET")),
        "mock": "mock" in entry,
        "subroutes": [
            {"name": sub, "method": str(body.get("method", "GET")), "mock": "mock" in body}
            for sub, body in subroutes.items()
        ],
    }
