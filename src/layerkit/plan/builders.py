"""Build the pending content of a command in a Workspace: render, register, format, record."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from layerkit.edit.contracts import add_dependencies, add_requirements, update_contracts
from layerkit.edit.migrations import NextMigration, next_migration
from layerkit.edit.registration import STRATEGIES
from layerkit.errors import EditError, InvalidNameError, LayerkitError
from layerkit.io.manifest import MANIFEST, Manifest, content_hash
from layerkit.io.workspace import Workspace
from layerkit.layouts import (
    FIRST_VERSION,
    SERVICE_DEPENDENCIES,
    SERVICE_DEV_DEPENDENCIES,
    SERVICE_FEATURE,
    SERVICE_PROJECT_ROLES,
    Layout,
    Registration,
    module_of,
)
from layerkit.presets import Preset, get_preset
from layerkit.render.engine import format_python, rebound_name, render, render_template
from layerkit.render.family_context import (
    ProjectInfo,
    project_context,
    resource_context,
    service_context,
    version_context,
)
from layerkit.spec.fields import parse_field
from layerkit.spec.model import Resource, make_resource
from layerkit.spec.names import ResourceNames, ServiceNames, resource_names
from layerkit.spec.routes import route_names
from layerkit.spec.versions import code_version, in_order


@dataclass
class Build:
    """The state of one command while it is being planned."""

    workspace: Workspace
    preset: Preset
    manifest: Manifest
    known: dict[str, ResourceNames]  # every resource of the project, existing and new
    owned: set[str] = field(default_factory=set)  # files written whole in this command
    origins: dict[str, str] = field(default_factory=dict)  # a file written for a resource -> its name
    edited: set[str] = field(default_factory=set)  # shared files edited in place
    # migrations written: history, applied to databases, never rendered again (plan/replay.py)
    history: set[str] = field(default_factory=set)
    # a render of what the manifest already holds (plan/replay.py): its names were checked when
    # they were added, and its contract is written once, at the end
    replaying: bool = False

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

    def modules_of(self, names: ResourceNames) -> dict[str, str]:
        """The modules of a resource's own code (made in the version it was created in)."""
        return self.layout.resource_modules(names, self.manifest.home(names.singular))

    def code_modules(self, names: ResourceNames, version: str) -> dict[str, str]:
        """The modules `version` serves a resource from: its own code, or a fork's."""
        home = self.manifest.home(names.singular)
        code = code_version(home, self.manifest.forks.get(names.singular, []), version)
        return self.layout.code_modules(names, home=home, code=code)

    def next_migration(self) -> NextMigration:
        """The revision after the head of the project's migrations (pending ones included)."""
        layout = self.layout
        return next_migration(
            self.workspace, f"{layout.migrations_dir}/versions", scheme=layout.migrations.revision
        )

    def edit(self, path: str, change: Callable[[str], str]) -> None:
        source = self.workspace.read(path)
        if source is None:
            raise EditError(f"{path} is missing: restore it (layerkit registers every resource there)")
        self.workspace.write(path, change(source))
        self.edited.add(path)


def project_build(root: Path, manifest: Manifest) -> Build:
    """The build of a command on an existing project: its files as they are, its resources known."""
    return Build(
        workspace=Workspace(root),
        preset=get_preset(manifest.preset),
        manifest=manifest,
        known={name: resource_names(name) for name in manifest.resources},
    )


def add_project_files(build: Build) -> None:
    context = project_context(build.project, build.layout)
    for artifact in build.layout.project_artifacts(build.project.features):
        path = artifact.path.format(package=build.layout.package)
        build.workspace.write(path, render(build.preset, artifact, context, path=path))
        build.owned.add(path)
    if build.layout.versions is not None:
        for version in build.layout.versions.initial:
            add_version(build, version)
    # The import contract holds from the first `make lint`, before any resource exists.
    if build.workspace.read("pyproject.toml") is not None:
        update_contracts_of(build)


def add_version(build: Build, version: str) -> None:
    """A version's own registry, registered in the root one with the layout's strategy (e.g.
    `include_router`, `register_blueprint`); resources are added to it later."""
    versions = build.layout.versions
    assert versions is not None, "the caller checks that the layout has versions"
    context = version_context(build.project, build.layout, version)
    for artifact in build.layout.version_artifacts:
        path = artifact.path.format(package=build.layout.package, version=version)
        build.workspace.write(path, render(build.preset, artifact, context))
        build.owned.add(path)
    root = versions.root.format(package=build.layout.package)
    registry = versions.registry.format(package=build.layout.package, version=version)
    params = versions.root_params(build.layout.module_of(registry), version)
    build.edit(root, partial(_edit, versions.strategy, path=root, params=params, fragment=None))
    build.manifest.versions = in_order([*build.manifest.versions, version])
    build.manifest.added("version", version)


def add_resource(
    build: Build,
    resource: Resource,
    versions: list[str] | None = None,
    *,
    targets: Mapping[str, ResourceNames] | None = None,
) -> None:
    """A resource's code, served in `versions` (default: every version of the project).
    `targets`: resources its refs may point at that are added after it (a replay of the manifest:
    `generate field` gave it a ref to a newer resource)."""
    names = resource.names
    layout = build.layout
    for candidate in {names.singular, names.plural}:
        if candidate in layout.reserved:
            raise InvalidNameError(
                f"invalid resource name {resource.name!r}: {candidate!r} collides with the project's own"
                f" '{candidate}' (a module, or a class its modules import) in the {build.preset.name}"
                " preset; choose another name"
                f" (e.g. '{names.singular}_item')"
            )
    _check_paths(build, resource, layout.resource_paths(names))
    build.known[names.singular] = names
    served = list(build.manifest.versions if versions is None else versions)
    if served:
        build.manifest.served[names.singular] = served
    home = build.manifest.home(names.singular)  # its code is made for the first of them
    migration = build.next_migration()
    known = {**targets, **build.known} if targets else build.known
    context = resource_context(
        build.project, layout, resource, known, migration, version=home, modules_of=build.modules_of
    )
    paths = layout.resource_paths(
        names, revision=migration.revision, slug=f"create_{names.singular}", version=home
    )
    for artifact in layout.resource_artifacts(build.project.features):
        path = paths[artifact.role]
        build.workspace.write(path, render(build.preset, artifact, context, path=path))
        build.owned.add(path)
        build.origins[path] = names.singular
        if artifact.role == "migration":
            build.history.add(path)
    for registration in layout.registrations:
        register(build, registration, names, served, lambda: context)
    update_contracts_of(build)
    build.manifest.resources[names.singular] = resource.field_texts()
    build.manifest.added("resource", names.singular)


def _check_paths(build: Build, resource: Resource, paths: dict[str, str]) -> None:
    """A resource's package may not hide a module of the project (`tests/helpers/` for a resource
    `helper` would hide `tests/helpers.py`) nor be one of its packages."""
    project = build.layout.project_paths(build.project.features)
    files = {module_of(p): p for p in project.values() if p.endswith(".py") and not p.endswith("__init__.py")}
    packages = {module_of(p): p for p in project.values() if p.endswith("__init__.py")}
    for path in paths.values():
        if not path.endswith(".py"):
            continue
        module = module_of(path)
        parents = [".".join(module.split(".")[:i]) for i in range(1, module.count(".") + 2)]
        hidden = next((files[m] for m in parents if m in files), None)
        if hidden is None and path.endswith("__init__.py"):
            hidden = packages.get(module)
        if hidden is not None:
            raise InvalidNameError(
                f"invalid resource name {resource.name!r}: its {path} would hide the project's own"
                f" {hidden}; choose another name (e.g. '{resource.names.singular}_item')"
            )


def register(
    build: Build,
    registration: Registration,
    names: ResourceNames,
    versions: list[str],
    context: Callable[[], dict[str, object]],
) -> None:
    """One registration; a file pattern with {version} is edited in each of `versions`, pointing
    at the code that version serves (`context`: the resource's, for a fragment template)."""
    if "{version}" not in registration.file:
        versions = [build.manifest.home(names.singular)]
    fragment = None
    if registration.template is not None:
        fragment = render_template(build.preset, registration.template, context())
    for version in versions:
        path, params = registration_in(build, registration, names, version)
        build.edit(path, partial(_edit, registration.strategy, path=path, params=params, fragment=fragment))


def registration_in(
    build: Build, registration: Registration, names: ResourceNames, version: str
) -> tuple[str, dict[str, str]]:
    """The file a registration edits in `version` and its parameters, spelled out."""
    values = build.layout.pattern_values(names, version=version)
    modules = build.code_modules(names, version)
    path = registration.file.format(**values)
    return path, {key: value.format(**values, mod=modules) for key, value in registration.params.items()}


def _edit(strategy: str, source: str, *, path: str, params: dict[str, str], fragment: str | None) -> str:
    return STRATEGIES[strategy](source, path=path, params=params, fragment=fragment)


def _check_names(build: Build, path: str, text: str) -> None:
    """A resource whose names shadow what its own modules import is refused (nothing is written)."""
    clash = rebound_name(text)
    if clash is None or path not in build.origins:
        return
    name, first, second = clash
    resource = build.origins[path]
    raise InvalidNameError(
        f"invalid resource name {resource!r}: in {path} the name {name!r} would stand for two things"
        f" ({first}, {second}) in the {build.preset.name} preset; choose another name"
        f" (e.g. '{resource}_item')"
    )


def recorded_resource(manifest: Manifest, name: str) -> Resource:
    """A resource of the project as its manifest records it (fields in canonical spelling)."""
    return make_resource(name, [parse_field(text) for text in manifest.resources[name]])


def update_contracts_of(build: Build, *, now: bool = False) -> None:
    if build.replaying and not now:
        return
    manifest = build.manifest
    homes = {name: manifest.home(name) for name in build.known}
    forks = [(build.known[name], v) for name, versions in manifest.forks.items() for v in versions]
    build.edit(
        "pyproject.toml",
        lambda source: update_contracts(
            source,
            path="pyproject.toml",
            layout=build.layout,
            resources=list(build.known.values()),
            homes=homes,
            forks=forks,
            features=build.project.features,
            services=manifest.services,
            routes=[route_names(name) for name in manifest.routes],
        ),
    )


def add_service(build: Build, names: ServiceNames) -> None:
    """A reusable service's package and tests (`generate service`); the project's first one
    turns the Celery feature on."""
    layout = build.layout
    if not layout.service:
        raise LayerkitError(f"the {build.preset.name} preset has no services yet; use another preset")
    problem = service_collision(layout, names.name, build.known, build.manifest.services)
    if problem is None and names.name in layout.reserved:
        problem = f"the project's own '{names.name}' in the {build.preset.name} preset"
    if problem is None:
        problem = _unrecorded(build, names.name)
    if problem is not None:
        raise InvalidNameError(
            f"invalid service name {names.name!r}: it collides with {problem}; choose another name"
            f" (e.g. '{names.name}_tasks')"
        )
    turn_on_services(build)
    context = service_context(build.project, layout, names)
    paths = layout.service_paths(names.name)
    for artifact in layout.service:
        build.workspace.write(paths[artifact.role], render(build.preset, artifact, context))
        build.owned.add(paths[artifact.role])
    build.manifest.services.append(names.name)
    update_contracts_of(build)


def service_collision(
    layout: Layout, service: str, resources: dict[str, ResourceNames], services: list[str]
) -> str | None:
    """What `service`'s name or files would collide with: a resource (its name, a file or its
    package) or another service; None when nothing does."""
    mine = _claims(layout.service_paths(service).values())
    for name, names in sorted(resources.items()):
        if service in (names.singular, names.plural):
            return f"the resource {name!r}"
        paths = layout.resource_paths(names, version=FIRST_VERSION)
        if mine & _claims(path for role, path in paths.items() if role != "migration"):
            return f"the files of the resource {name!r}"
    for other in services:
        if other != service and mine & _claims(layout.service_paths(other).values()):
            return f"the files of the service {other!r}"
    return None


def _claims(paths: Iterable[str]) -> set[str]:
    """The modules a set of files takes ('app/services/x/__init__.py' takes 'app/services/x')."""
    return {path.removesuffix(".py").removesuffix("/__init__") for path in paths}


def _unrecorded(build: Build, service: str) -> str | None:
    """A file or folder of the service's that is already on disk, but not layerkit's."""
    init = build.layout.service_paths(service)["init"]
    folder = init.rpartition("/")[0]
    for candidate in (folder + ".py", folder):
        if build.workspace.exists(candidate):
            return f"{candidate}, which is already in the project"
    return None


def turn_on_services(build: Build) -> None:
    """The first service's feature: the Celery app and its test worker, the settings and
    `make worker` (their templates rendered again) and the dependencies. Nothing to do in a
    project that has them (seed 000's core/celery.py comes with `layerkit new`, except in a
    project made before it did)."""
    layout, manifest = build.layout, build.manifest
    gated = [a for a in layout.project if a.feature == SERVICE_FEATURE]
    if gated:
        if SERVICE_FEATURE in manifest.features:
            return
        manifest.features = sorted({*manifest.features, SERVICE_FEATURE})
    else:
        celery = layout.project_paths(build.project.features).get("celery")
        if celery is None or build.workspace.read(celery) is not None:
            return
    context = project_context(build.project, layout)
    for artifact in layout.project_artifacts(build.project.features):
        path = artifact.path.format(package=layout.package)
        serves = artifact.feature == SERVICE_FEATURE or artifact.role in SERVICE_PROJECT_ROLES
        if (serves and build.workspace.read(path) is None) or artifact.role in layout.service_refresh:
            build.workspace.write(path, render(build.preset, artifact, context, path=path))
            build.owned.add(path)
    paths = layout.project_paths(build.project.features)
    if "pyproject" in paths:
        build.edit(
            paths["pyproject"],
            lambda source: add_dependencies(
                source, path=paths["pyproject"], runtime=SERVICE_DEPENDENCIES, dev=SERVICE_DEV_DEPENDENCIES
            ),
        )
    for role, requirements in (
        ("requirements", SERVICE_DEPENDENCIES),
        ("requirements_dev", SERVICE_DEV_DEPENDENCIES),
    ):
        if role in paths and build.workspace.read(paths[role]) is not None:
            build.edit(paths[role], partial(add_requirements, requirements=requirements))


def finish(build: Build, *, record: bool = True) -> None:
    """Format every Python file of the command, then record what was written (in the manifest,
    unless `record` is False: a render that is not written)."""
    ws = build.workspace
    first_party = build.layout.first_party_packages()
    owned = [p for p in sorted(build.owned) if p.endswith(".py")]
    for path, text in format_python({p: ws.pending[p] for p in owned}, first_party=first_party).items():
        if not build.replaying:
            _check_names(build, path, text)
        ws.write(path, text)
    shared = [p for p in sorted(build.edited - build.owned) if p.endswith(".py")]
    formatted = format_python(
        {p: ws.pending[p] for p in shared}, first_party=first_party, remove_unused=False
    )
    for path, text in formatted.items():
        ws.write(path, text)
    if not record:
        return
    for path in build.owned | build.edited:
        build.manifest.files[path] = content_hash(ws.pending[path])
    ws.write(MANIFEST, build.manifest.to_toml())
