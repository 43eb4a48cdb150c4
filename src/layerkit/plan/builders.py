"""Build the pending content of a command in a Workspace: render, register, format, record."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from layerkit.edit.contracts import update_contracts
from layerkit.edit.migrations import next_migration
from layerkit.edit.registration import register_model, register_router
from layerkit.errors import EditError
from layerkit.io.manifest import MANIFEST, Manifest, content_hash
from layerkit.io.workspace import Workspace
from layerkit.layouts import Layout
from layerkit.presets import Preset
from layerkit.render.engine import format_python, render
from layerkit.render.fastapi_context import ProjectInfo, project_context, resource_context
from layerkit.spec.model import Resource
from layerkit.spec.names import ResourceNames


@dataclass
class Build:
    """The state of one command while it is being planned."""

    workspace: Workspace
    preset: Preset
    project: ProjectInfo
    manifest: Manifest
    known: dict[str, ResourceNames]  # every resource of the project, existing and new
    owned: set[str] = field(default_factory=set)  # files written whole in this command
    edited: set[str] = field(default_factory=set)  # shared files edited in place

    @property
    def layout(self) -> Layout:
        return self.preset.layout


def add_project_files(build: Build) -> None:
    context = project_context(build.project, build.layout)
    for artifact in build.layout.project:
        path = artifact.path.format(package=build.layout.package)
        build.workspace.write(path, render(build.preset.framework, artifact, context))
        build.owned.add(path)
    # The import contract holds from the first `make lint`, before any resource exists.
    pyproject = build.workspace.read("pyproject.toml")
    if pyproject is not None:
        contract = update_contracts(
            pyproject, path="pyproject.toml", package=build.layout.package, plurals=[]
        )
        build.workspace.write("pyproject.toml", contract)


def add_resource(build: Build, resource: Resource) -> None:
    names = resource.names
    build.known[names.singular] = names
    migration = next_migration(build.workspace, f"{build.layout.migrations_dir}/versions")
    context = resource_context(build.project, build.layout, resource, build.known, migration)
    paths = build.layout.resource_paths(
        names.plural, revision=migration.revision, slug=f"create_{names.singular}"
    )
    for artifact in build.layout.resource:
        build.workspace.write(paths[artifact.role], render(build.preset.framework, artifact, context))
        build.owned.add(paths[artifact.role])
    _register(build, resource)
    build.manifest.resources[names.singular] = resource.field_texts()


def _register(build: Build, resource: Resource) -> None:
    layout, names, ws = build.layout, resource.names, build.workspace
    modules = layout.resource_modules(names.plural)
    edits: dict[str, Callable[[str, str], str]] = {
        layout.router_registry: lambda source, path: register_router(
            source, path=path, origin=f"{layout.package}.{names.plural}", alias=f"{names.plural}_router"
        ),
        layout.model_registry: lambda source, path: register_model(
            source, path=path, origin=modules["models"], name=names.cls
        ),
        "pyproject.toml": lambda source, path: update_contracts(
            source,
            path=path,
            package=layout.package,
            plurals=[n.plural for n in build.known.values()],
        ),
    }
    for path, edit in edits.items():
        source = ws.read(path)
        if source is None:
            raise EditError(f"{path} is missing: restore it (layerkit registers every resource there)")
        ws.write(path, edit(source, path))
        build.edited.add(path)


def finish(build: Build) -> None:
    """Format every Python file of the command, then record what was written."""
    ws = build.workspace
    first_party = [build.layout.package, "tests"]
    owned = [p for p in sorted(build.owned) if p.endswith(".py")]
    for path, text in format_python({p: ws.pending[p] for p in owned}, first_party=first_party).items():
        ws.write(path, text)
    shared = [p for p in sorted(build.edited - build.owned) if p.endswith(".py")]
    formatted = format_python(
        {p: ws.pending[p] for p in shared}, first_party=first_party, remove_unused=False
    )
    for path, text in formatted.items():
        ws.write(path, text)
    for path in build.owned | build.edited:
        build.manifest.files[path] = content_hash(ws.pending[path])
    ws.write(MANIFEST, build.manifest.to_toml())
