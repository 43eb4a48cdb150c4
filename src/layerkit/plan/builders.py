"""Build the pending content of a command in a Workspace: render, register, format, record."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

from layerkit.edit.contracts import update_contracts
from layerkit.edit.migrations import next_migration
from layerkit.edit.registration import STRATEGIES
from layerkit.errors import EditError, InvalidNameError
from layerkit.io.manifest import MANIFEST, Manifest, content_hash
from layerkit.io.workspace import Workspace
from layerkit.layouts import FIRST_VERSION, Layout, Registration, module_of
from layerkit.presets import Preset
from layerkit.render.engine import format_python, render, render_template
from layerkit.render.family_context import (
    ProjectInfo,
    project_context,
    resource_context,
    version_context,
)
from layerkit.spec.model import Resource
from layerkit.spec.names import ResourceNames


@dataclass
class Build:
    """The state of one command while it is being planned."""

    workspace: Workspace
    preset: Preset
    manifest: Manifest
    known: dict[str, ResourceNames]  # every resource of the project, existing and new
    owned: set[str] = field(default_factory=set)  # files written whole in this command
    edited: set[str] = field(default_factory=set)  # shared files edited in place

    @property
    def layout(self) -> Layout:
        return self.preset.layout

    @property
    def project(self) -> ProjectInfo:
        return ProjectInfo(
            self.manifest.name,
            self.manifest.database,
            self.layout.package,
            self.layout.migrations_dir,
            frozenset(self.manifest.features),
            tuple(self.layout.first_party_packages()),
        )

    def edit(self, path: str, change: Callable[[str], str]) -> None:
        source = self.workspace.read(path)
        if source is None:
            raise EditError(f"{path} is missing: restore it (layerkit registers every resource there)")
        self.workspace.write(path, change(source))
        self.edited.add(path)


def add_project_files(build: Build) -> None:
    context = project_context(build.project, build.layout)
    for artifact in build.layout.project_artifacts(build.project.features):
        path = artifact.path.format(package=build.layout.package)
        build.workspace.write(path, render(build.preset, artifact, context))
        build.owned.add(path)
    if build.layout.versions is not None:
        add_version(build, FIRST_VERSION)
    # The import contract holds from the first `make lint`, before any resource exists.
    if build.workspace.read("pyproject.toml") is not None:
        _update_contracts(build)


def add_version(build: Build, version: str) -> None:
    """A version's own router, included by the root router (resources are added to it later)."""
    versions = build.layout.versions
    assert versions is not None, "the caller checks that the layout has versions"
    context = version_context(build.project, build.layout, version)
    for artifact in build.layout.version_artifacts:
        path = artifact.path.format(package=build.layout.package, version=version)
        build.workspace.write(path, render(build.preset, artifact, context))
        build.owned.add(path)
    registry = versions.registry.format(package=build.layout.package, version=version)
    root = versions.root.format(package=build.layout.package)
    params = {"registry": "api_router", "origin": module_of(registry), "alias": f"{version}_router"}
    build.edit(
        root, lambda source: STRATEGIES["include_router"](source, path=root, params=params, fragment=None)
    )
    if version not in build.manifest.versions:
        build.manifest.versions.append(version)


def add_resource(build: Build, resource: Resource) -> None:
    names = resource.names
    layout = build.layout
    for candidate in {names.singular, names.plural}:
        if candidate in layout.reserved:
            raise InvalidNameError(
                f"invalid resource name {resource.name!r}: {candidate!r} collides with the project's own"
                f" '{candidate}' module in the {build.preset.name} preset; choose another name"
                f" (e.g. '{names.singular}_item')"
            )
    build.known[names.singular] = names
    migration = next_migration(
        build.workspace, f"{layout.migrations_dir}/versions", scheme=layout.migrations.revision
    )
    context = resource_context(build.project, layout, resource, build.known, migration)
    paths = layout.resource_paths(names, revision=migration.revision, slug=f"create_{names.singular}")
    for artifact in layout.resource:
        build.workspace.write(paths[artifact.role], render(build.preset, artifact, context))
        build.owned.add(paths[artifact.role])
    for registration in layout.registrations:
        _register(build, registration, names, context)
    _update_contracts(build)
    build.manifest.resources[names.singular] = resource.field_texts()


def _register(
    build: Build, registration: Registration, names: ResourceNames, context: dict[str, object]
) -> None:
    """One registration; a file pattern with {version} is edited in every version of the API."""
    layout = build.layout
    versions = build.manifest.versions if "{version}" in registration.file else [FIRST_VERSION]
    fragment = None
    if registration.template is not None:
        fragment = render_template(build.preset, registration.template, context)
    for version in versions:
        values = layout.pattern_values(names, version=version)
        modules = layout.resource_modules(names, version)
        path = registration.file.format(**values)
        params = {key: value.format(**values, mod=modules) for key, value in registration.params.items()}
        build.edit(path, partial(_edit, registration.strategy, path=path, params=params, fragment=fragment))


def _edit(strategy: str, source: str, *, path: str, params: dict[str, str], fragment: str | None) -> str:
    return STRATEGIES[strategy](source, path=path, params=params, fragment=fragment)


def _update_contracts(build: Build) -> None:
    build.edit(
        "pyproject.toml",
        lambda source: update_contracts(
            source, path="pyproject.toml", layout=build.layout, resources=list(build.known.values())
        ),
    )


def finish(build: Build) -> None:
    """Format every Python file of the command, then record what was written."""
    ws = build.workspace
    first_party = build.layout.first_party_packages()
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
