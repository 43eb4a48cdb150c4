"""`.layerkit.toml`: what layerkit wrote into a project (options, resources, file hashes)."""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from layerkit.errors import NotAProjectError
from layerkit.io.journal import log, recover
from layerkit.layouts import FIRST_VERSION

MANIFEST = ".layerkit.toml"


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class Manifest:
    version: str
    preset: str
    name: str
    database: str
    # resource name -> canonical field definitions, in the order they were added
    resources: dict[str, list[str]] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)  # path -> sha256 of what layerkit wrote
    features: list[str] = field(default_factory=list)  # optional parts asked for (e.g. "admin")
    versions: list[str] = field(default_factory=list)  # API versions, oldest first
    # resource name -> the versions it is served in (the first: where its own code was made) ...
    served: dict[str, list[str]] = field(default_factory=dict)
    # ... and those where it has code of its own (`generate version V --fork R`)
    forks: dict[str, list[str]] = field(default_factory=dict)
    # reusable services (`generate service NAME`), in the order they were added
    services: list[str] = field(default_factory=list)
    # route name -> {method, mock (JSON text)?, subroutes?: {name: {method, mock?}}}
    # (`generate route|subroute`: spec/routes.py reads and writes these entries)
    routes: dict[str, dict[str, object]] = field(default_factory=dict)
    # what was added, in order: "resource:NAME", "route:NAME", "version:V" (resources and routes
    # register in the same routers, versions register what exists when they come: a render
    # from the manifest does it in this order, as the commands did)
    order: list[str] = field(default_factory=list)

    def added(self, kind: str, name: str) -> None:
        entry = f"{kind}:{name}"
        if entry not in self.order:
            self.order.append(entry)

    def in_order(self) -> list[tuple[str, str]]:
        """(kind, name) of every version, resource and route, in the order they were added."""
        tables: dict[str, list[str]] = {
            "resource": list(self.resources),
            "route": list(self.routes),
            "version": self.versions,
        }
        entries = [tuple(entry.split(":", 1)) for entry in self.order]
        known = [(kind, name) for kind, name in entries if kind in tables and name in tables[kind]]
        rest = [(kind, name) for kind in ("version", "resource", "route") for name in tables[kind]]
        return known + [entry for entry in rest if entry not in known]

    def home(self, resource: str) -> str:
        """The version a resource was created in: its own code serves that one."""
        served = self.served.get(resource)
        return served[0] if served else FIRST_VERSION

    def to_toml(self) -> str:
        import tomli_w  # lazily: only needed when writing

        project: dict[str, object] = {
            "name": self.name,
            "database": self.database,
            "features": sorted(self.features),
            "versions": self.versions,
            "order": [f"{kind}:{name}" for kind, name in self.in_order()],
        }
        document: dict[str, object] = {
            "layerkit": {"version": self.version, "preset": self.preset},
            "project": project,
            "resources": {name: self._resource(name) for name in self.resources},
        }
        if self.services:  # a project without services keeps the manifest it always had
            document["services"] = {name: {} for name in self.services}
        if self.routes:  # `generate route`
            document["routes"] = self.routes
        document["files"] = dict(sorted(self.files.items()))
        return tomli_w.dumps(document)

    def _resource(self, name: str) -> dict[str, list[str]]:
        entry = {"fields": self.resources[name]}
        for key, table in (("versions", self.served), ("forks", self.forks)):
            if table.get(name):
                entry[key] = table[name]
        return entry

    @classmethod
    def from_toml(cls, text: str, *, where: str) -> Manifest:
        try:
            data = tomllib.loads(text)
            resources = data.get("resources", {})
            versions = list(data["project"].get("versions", [FIRST_VERSION]))
            return cls(
                version=data["layerkit"]["version"],
                preset=data["layerkit"]["preset"],
                name=data["project"]["name"],
                database=data["project"]["database"],
                resources={name: list(body["fields"]) for name, body in resources.items()},
                files=dict(data.get("files", {})),
                features=list(data["project"].get("features", [])),
                versions=versions,
                # a manifest from before per-resource versions: every resource is in every version
                served={name: list(body.get("versions", versions)) for name, body in resources.items()},
                forks={name: list(body["forks"]) for name, body in resources.items() if body.get("forks")},
                services=list(data.get("services", {})),
                routes={name: dict(body) for name, body in data.get("routes", {}).items()},
                # a manifest from before the order was kept: versions, resources, routes
                order=list(data["project"].get("order", [])),
            )
        except (tomllib.TOMLDecodeError, KeyError, TypeError) as error:
            raise NotAProjectError(f"{where} is damaged ({error}); restore it from version control") from None


def find_project_root(start: Path) -> Path:
    """The nearest folder at or above `start` holding a manifest.

    Every command finds its project here, so this is where an interrupted write is first
    completed or undone (a killed `layerkit new` into an existing folder may not have moved
    the manifest in yet: folders on the way are recovered too).
    """
    for folder in (start.resolve(), *start.resolve().parents):
        recover(folder)
        if (folder / MANIFEST).is_file():
            return folder
    raise NotAProjectError(
        f"no {MANIFEST} in {start} or its parents: run this inside a project made by"
        " `layerkit new`, or pass --dir PROJECT"
    )


def load_manifest(root: Path, *, updating: bool = False) -> Manifest:
    """The project's manifest; one from a newer layerkit is refused, one from an older layerkit
    gets a notice suggesting `layerkit update` (except for `update` itself)."""
    from layerkit.version import __version__

    path = root / MANIFEST
    manifest = Manifest.from_toml(path.read_text(encoding="utf-8"), where=str(path))
    made, running = version_key(manifest.version), version_key(__version__)
    if made > running:
        raise NotAProjectError(
            f"{path} was written by layerkit {manifest.version}, newer than this one ({__version__});"
            f" upgrade layerkit (e.g. `pip install -U 'layerkit>={manifest.version}'`)"
        )
    if made < running and not updating:
        log.warning(
            f"notice: this project was made by layerkit {manifest.version}; run `layerkit update`"
            f" to bring its generated code to {__version__}"
        )
    return manifest


def version_key(version: str) -> tuple[int, ...]:
    """'0.10.1' -> (0, 10, 1): versions compare by their numbers."""
    return tuple(int(part) for part in re.findall(r"\d+", version)[:3])
