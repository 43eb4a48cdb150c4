"""The whole project as this layerkit renders it from its manifest, from scratch.

Every command records this render (io/base_store.py): it is the base of the three-way merges
that change what exists (fields, destroy, update). Migrations are history — applied to
databases, never rendered again — so they are not part of it.
"""

from __future__ import annotations

from pathlib import Path

from layerkit.io.base_store import BASE, base_document, load_base
from layerkit.io.manifest import MANIFEST, Manifest
from layerkit.io.workspace import BlankWorkspace
from layerkit.layouts import SERVICE_FEATURE
from layerkit.plan import builders, versions
from layerkit.plan.builders import Build, add_project_files, add_resource, finish, recorded_resource
from layerkit.plan.routes import add_route, serve_routes
from layerkit.presets import get_preset
from layerkit.spec.names import resource_names, service_names
from layerkit.spec.routes import route_from_record
from layerkit.version import __version__


def replay(root: Path, manifest: Manifest) -> dict[str, str]:
    """path -> content of every generated file of `manifest`'s project (no migrations)."""
    return rendered(replay_build(root, manifest))


def rendered(build: Build) -> dict[str, str]:
    """The files of a replayed build (its manifest and migrations left out)."""
    pending = build.workspace.pending
    return {path: pending[path] for path in sorted(pending) if path not in build.history and path != MANIFEST}


def replay_build(root: Path, manifest: Manifest) -> Build:
    """The build that renders `manifest`'s project from scratch (`edited`: the shared files)."""
    preset = get_preset(manifest.preset)
    gated = any(a.feature == SERVICE_FEATURE for a in preset.layout.project)
    features = [f for f in manifest.features if not (f == SERVICE_FEATURE and gated and manifest.services)]
    fresh = Manifest(__version__, manifest.preset, manifest.name, manifest.database, features=features)
    build = Build(workspace=BlankWorkspace(root), preset=preset, manifest=fresh, known={}, replaying=True)
    add_project_files(build)
    # A ref may point at a newer resource (`generate field book shelf:ref?`): every resource is a
    # target from the start, and each is added where it was, registrations in their order.
    targets = {name: resource_names(name) for name in manifest.resources}
    for kind, name in manifest.in_order():
        if kind == "resource":
            resource = recorded_resource(manifest, name)
            add_resource(build, resource, _served(manifest, fresh, name), targets=targets)
        elif kind == "route":
            add_route(build, route_from_record(name, manifest.routes[name]))
        elif name not in fresh.versions:  # as `generate version`: it serves what exists
            builders.add_version(build, name)
            versions.serve_existing(build, name)
            serve_routes(build, name)
    for name, forked in manifest.forks.items():
        for version in forked:
            versions.fork(build, name, version)
    for service in manifest.services:
        builders.add_service(build, service_names(service))
    if build.workspace.read("pyproject.toml") is not None:
        builders.update_contracts_of(build, now=True)
    finish(build, record=False)
    return build


def _served(manifest: Manifest, fresh: Manifest, name: str) -> list[str] | None:
    """The versions a resource is registered in when it is added: those of its record that
    exist by then (a later version serves it when that version comes)."""
    if name not in manifest.served:
        return None
    return [version for version in manifest.served[name] if version in fresh.versions]


def record_base(build: Build, *, whole: bool = False) -> None:
    """Finish a command: format and record what it wrote, and keep what layerkit generates for
    the manifest it leaves (`whole`: the build rendered the project from nothing — `new` — so
    its files are that render).

    In a project an older layerkit made, what that version generated stays the record of the
    files it made (`layerkit update` merges from there); only files new to the record are this
    version's. Without an older record there is nothing to keep: none is written."""
    finish(build)
    files = rendered(build) if whole else replay(build.workspace.root, build.manifest)
    version = __version__
    if build.manifest.version != __version__:
        stored = load_base(build.workspace.root)
        if stored is None:
            return
        version, files = stored[0], {**files, **stored[1]}
    build.workspace.write(BASE, base_document(version, files))
