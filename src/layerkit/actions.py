"""The public API: every command is input -> spec -> plan -> write -> report."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path

from layerkit.errors import LayerkitError, ResourceExistsError, UnknownReferenceError
from layerkit.io.journal import recover
from layerkit.io.manifest import MANIFEST, Manifest, find_project_root, load_manifest
from layerkit.io.workspace import Workspace
from layerkit.layouts import FIRST_VERSION
from layerkit.plan import builders, versions
from layerkit.plan.builders import (
    Build,
    add_project_files,
    add_resource,
    finish,
    project_build,
    recorded_resource,
)
from layerkit.plan.plan import Plan, build_plan
from layerkit.plan.regenerate import Merge, change_fields, describe, merge_warnings, regenerate
from layerkit.plan.replay import record_base
from layerkit.plan.routes import add_route, serve_routes
from layerkit.presets import PRESET_NAMES, Preset, get_preset
from layerkit.spec.loader import load_spec
from layerkit.spec.model import (
    DATABASES,
    ProjectSpec,
    Resource,
    dependency_order,
    raise_problems,
    unknown_references,
)
from layerkit.spec.names import check_project_name, service_names
from layerkit.spec.routes import route_names
from layerkit.spec.versions import check_version, version_number
from layerkit.version import __version__


@dataclass
class Report:
    """What a command did (or would do): the `--json` document."""

    status: str  # "created" | "updated" | "unchanged" | "dry-run" | "conflict" | "error"
    root: str
    created: list[str] = field(default_factory=list)
    modified: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    message: str = ""
    diffs: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, object]:
        return {
            "status": self.status,
            "root": self.root,
            "created": self.created,
            "modified": self.modified,
            "deleted": self.deleted,
            "unchanged": self.unchanged,
            "conflicts": self.conflicts,
            "warnings": self.warnings,
            "errors": self.errors,
            "message": self.message,
        }


# What a dry run shows as a diff: what is written over or removed (a new file is listed, and a
# command that replaces generated code shows it whole: `update`, `destroy`).
DIFFED = ("modify", "delete")


def _report(plan: Plan, *, dry_run: bool, message: str, done: str) -> Report:
    report = Report(
        status="unchanged",
        root=str(plan.root),
        created=plan.paths("create"),
        modified=plan.paths("modify"),
        deleted=plan.paths("delete"),
        unchanged=plan.paths("unchanged"),
        conflicts=plan.conflicts,
        warnings=plan.warnings,
    )
    if dry_run:
        plan.check_conflicts()  # a dry run stops, and exits, exactly where the real run would
        report.status = "dry-run"
        report.diffs = {c.path: c.diff() for c in plan.changes if c.action in DIFFED}
    elif plan.has_changes:
        plan.apply()
        report.status = done
    report.message = message if plan.has_changes else "nothing to do: the project already has all of this"
    return report


def create_project(
    spec: ProjectSpec, *, directory: Path | None = None, force: bool = False, dry_run: bool = False
) -> Report:
    """`layerkit new`: a project (and the spec's resources) in `directory` (default ./NAME)."""
    check_project_name(spec.name)
    if spec.database not in DATABASES:
        raise LayerkitError(f"unknown database {spec.database!r}; use one of {', '.join(DATABASES)}")
    root = (directory or Path(spec.name)).resolve()
    if root.exists() and not root.is_dir():
        raise LayerkitError(f"{root} exists and is not a folder; choose another name or --dir")
    preset = get_preset(spec.preset)
    recover(root)  # an interrupted write in or beside ROOT is completed or undone first
    if (root / MANIFEST).is_file():
        raise LayerkitError(
            f"{root} is already a layerkit project: add resources with `layerkit generate resource`"
            " or `layerkit apply SPEC`"
        )
    unknown = set(spec.features) - preset.features
    if unknown:
        offered = ", ".join(sorted(preset.features)) or "none"
        raise LayerkitError(
            f"the {preset.name} preset has no {', '.join(sorted(unknown))} feature (it offers: {offered})"
        )
    build = Build(
        workspace=Workspace(root),
        preset=preset,
        manifest=Manifest(__version__, preset.name, spec.name, spec.database, features=sorted(spec.features)),
        known={},
    )
    add_project_files(build)
    for resource in dependency_order(list(spec.resources), set()):
        add_resource(build, resource)
    for route in spec.routes:  # BackAnt's spec: routes serving mocks
        add_route(build, route)
    record_base(build, whole=True)
    plan = build_plan(build.workspace, owned=build.owned, recorded={}, force=force)
    resources = f" with {len(spec.resources)} resource(s)" if spec.resources else ""
    return _report(
        plan, dry_run=dry_run, message=f"created project {spec.name!r} in {root}{resources}", done="created"
    )


def add_resources(
    resources: list[Resource],
    *,
    version: str | None = None,
    directory: Path | None = None,
    force: bool = False,
    dry_run: bool = False,
    change_existing: bool = False,
) -> Report:
    """`layerkit generate resource` / `layerkit apply`: add resources to an existing project,
    served in `version` only, or (None) in every version it has. With `change_existing` (a spec
    is what its resources should be), a resource the project has with other fields gets them."""
    root = find_project_root(directory or Path.cwd())
    manifest = load_manifest(root)
    before = copy.deepcopy(manifest)
    preset = get_preset(manifest.preset)
    _versions_of_older_projects(manifest, preset)
    recorded = dict(manifest.files)  # as the project is now: finish() records what it writes
    if version is not None:
        _check_versioned(preset, check_version(version))
        if version not in manifest.versions:
            raise LayerkitError(
                f"the project has no API version {version!r} (it has {', '.join(manifest.versions)});"
                f" add it first: `layerkit generate version {version}`"
            )
    existing = dict(manifest.resources)
    fresh: list[Resource] = []
    skipped: list[str] = []
    changed: list[Resource] = []
    for resource in resources:
        if resource.name in existing:
            if existing[resource.name] == resource.field_texts():
                skipped.append(resource.name)
            elif change_existing:
                changed.append(resource)
            else:
                raise ResourceExistsError(
                    f"resource {resource.name!r} already exists with fields"
                    f" {' '.join(existing[resource.name])}; change them with `layerkit generate field"
                    f" {resource.name} FIELD... [--remove NAME]`, or choose another name"
                )
        else:
            fresh.append(resource)
    build = project_build(root, manifest)
    plurals = {names.plural: name for name, names in build.known.items()}
    for resource in fresh:
        route = next(
            (n for n in (resource.names.singular, resource.names.plural) if n in manifest.routes), None
        )
        if route is not None:  # a route's package and URL are its name
            raise ResourceExistsError(
                f"resource {resource.name!r} would use the package or URL of route {route!r}; choose another name"
            )
        taken = _route_file(preset, manifest, resource)
        if taken is not None:  # e.g. seed 001's tests/test_books_service.py, a route's own test
            raise ResourceExistsError(
                f"resource {resource.name!r} would write {taken[0]}, a file of route {taken[1]!r};"
                " choose another name"
            )
        if resource.names.plural in plurals:
            raise ResourceExistsError(
                f"resource {resource.name!r} would use the package {resource.names.plural!r} of"
                f" {plurals[resource.names.plural]!r}; choose another name"
            )
    for resource in fresh:
        known = {**build.known, resource.name: resource.names}
        for service in manifest.services:
            if builders.service_collision(preset.layout, service, known, []) is not None:
                raise ResourceExistsError(
                    f"resource {resource.name!r} collides with the service {service!r} (its name or"
                    " its modules); choose another name"
                )
    for resource in dependency_order(fresh, set(existing)):
        add_resource(build, resource, None if version is None else [version])
    merge = None
    if changed:
        merge = _change_existing(build, before, changed, force=force)
    elif fresh:
        record_base(build)
    plan = build_plan(build.workspace, owned=build.owned, recorded=recorded, force=force)
    if merge is not None:
        plan.warnings += merge_warnings(merge)
    if skipped:
        plan.warnings.append(f"already in the project with the same fields, skipped: {', '.join(skipped)}")
    done = [f"added {', '.join(r.name for r in fresh)}"] if fresh else []
    done += [f"changed {r.name} ({describe(recorded_resource(before, r.name), r)})" for r in changed]
    return _report(plan, dry_run=dry_run, message=f"{'; '.join(done)} in {root}", done="updated")


def require_current(manifest: Manifest) -> None:
    """Code that changes what exists is merged from what this layerkit generates: a project an
    older one made is brought to this one first (else the change would update it silently)."""
    if manifest.version != __version__:
        raise LayerkitError(
            f"this project was made by layerkit {manifest.version}: bring it to {__version__} first"
            " with `layerkit update`, then run this command again"
        )


def _change_existing(build: Build, before: Manifest, changed: list[Resource], *, force: bool) -> Merge:
    """The fields of resources the project has, as a spec gives them: a migration each, and
    every generated file merged with the disk (after the spec's new resources are added)."""
    require_current(before)
    raise_problems(
        unknown_references(changed, set(build.manifest.resources)), "the spec", UnknownReferenceError
    )
    finish(build)  # the new resources' files, formatted and recorded
    for resource in changed:
        change_fields(build, recorded_resource(before, resource.name), resource)
    return regenerate(build, before, force=force)


def add_version(
    version: str,
    *,
    forks: list[str] | None = None,
    directory: Path | None = None,
    force: bool = False,
    dry_run: bool = False,
) -> Report:
    """`layerkit generate version V [--fork R]...`: serve every resource under V too (the same
    routers), and give each of `forks` its own code in V."""
    check_version(version)
    root = find_project_root(directory or Path.cwd())
    manifest = load_manifest(root)
    preset = get_preset(manifest.preset)
    _versions_of_older_projects(manifest, preset)
    recorded = dict(manifest.files)  # as the project is now: finish() records what it writes
    _check_versioned(preset, version)
    forks = list(dict.fromkeys(forks or []))
    for name in forks:
        if name in manifest.routes:
            raise LayerkitError(
                f"{name!r} is a route: every version serves it as it is, it cannot be forked yet"
            )
        if name not in manifest.resources:
            listed = ", ".join(manifest.resources) or "none yet"
            raise UnknownReferenceError(
                f"cannot fork unknown resource {name!r} (the project has: {listed});"
                f" add it first with `layerkit generate resource {name} FIELD...`"
            )
    build = project_build(root, manifest)
    done = []
    if version not in manifest.versions:
        builders.add_version(build, version)
        versions.serve_existing(build, version)
        serve_routes(build, version)  # routes too (`generate route`)
        done.append(f"added API version {version}")
    skipped = [name for name in forks if version in manifest.forks.get(name, [])]
    forked = [name for name in forks if name not in skipped]
    for name in forked:
        _check_fork(manifest, name, version)
        versions.fork(build, name, version)
    if forked:
        done.append(f"gave {', '.join(forked)} code of its own in {version}")
    if done:
        record_base(build)
    plan = build_plan(build.workspace, owned=build.owned, recorded=recorded, force=force)
    if skipped:
        plan.warnings.append(f"already forked in {version}, skipped: {', '.join(skipped)}")
    return _report(plan, dry_run=dry_run, message=f"{'; '.join(done)} in {root}", done="updated")


def _versions_of_older_projects(manifest: Manifest, preset: Preset) -> None:
    """A project made before its preset had versions (flask-subapps: `versions = []`, its
    sub-apps registered in v1 only) serves v1: `generate version v2` then serves every sub-app
    in v2 as well."""
    if preset.layout.versions is not None and not manifest.versions:
        manifest.versions = [FIRST_VERSION]
        manifest.served = {name: [FIRST_VERSION] for name in manifest.resources}


def _check_versioned(preset: Preset, version: str) -> None:
    if preset.layout.versions is None:
        raise LayerkitError(
            f"the {preset.name} preset serves one API without versions, so there is no version"
            f" {version!r} to add to; use a preset with versions (`layerkit presets`)"
        )


def _check_fork(manifest: Manifest, name: str, version: str) -> None:
    home = manifest.home(name)
    if version_number(version) <= version_number(home):
        raise LayerkitError(
            f"{name!r} was created for {home}: its code there is its own; fork it in a later"
            f" version (e.g. `layerkit generate version v{version_number(home) + 1} --fork {name}`)"
        )


def add_service(
    name: str, *, directory: Path | None = None, force: bool = False, dry_run: bool = False
) -> Report:
    """`layerkit generate service NAME`: a reusable service package (seed 000's
    `services/<svc>/`) with Celery tasks; the project's first one turns the Celery feature on."""
    names = service_names(name)
    root = find_project_root(directory or Path.cwd())
    manifest = load_manifest(root)
    recorded = dict(manifest.files)  # as layerkit wrote them: finish() records the new hashes
    build = project_build(root, manifest)
    if names.name not in manifest.services:  # a re-run has nothing to do
        builders.add_service(build, names)
        record_base(build)
    plan = build_plan(build.workspace, owned=build.owned, recorded=recorded, force=force)
    return _report(plan, dry_run=dry_run, message=f"added service {names.name!r} to {root}", done="updated")


def apply_spec(
    spec_path: Path, *, directory: Path | None = None, force: bool = False, dry_run: bool = False
) -> Report:
    """`layerkit apply SPEC`: every resource of a spec file, in dependency order (or every
    route of a BackAnt spec)."""
    from layerkit.spec.loader import read_spec_file
    from layerkit.spec.routes import is_backant_spec, load_backant_routes

    data = read_spec_file(spec_path)
    if is_backant_spec(data):
        from layerkit.route_actions import apply_routes

        routes = load_backant_routes(spec_path, data)
        return apply_routes(routes, directory=directory, force=force, dry_run=dry_run)
    existing = frozenset(load_manifest(find_project_root(directory or Path.cwd())).resources)
    # refs may name existing resources
    spec = load_spec(spec_path, name="spec", existing=existing, presets=PRESET_NAMES)
    return add_resources(
        list(spec.resources), directory=directory, force=force, dry_run=dry_run, change_existing=True
    )


def _route_file(preset: Preset, manifest: Manifest, resource: Resource) -> tuple[str, str] | None:
    """(path, route) of a route's file the resource's own files would overwrite, if any."""
    layout = preset.layout
    own = set(layout.resource_paths(resource.names).values())
    for route in manifest.routes:
        for path in layout.route_paths(route_names(route)).values():
            if path in own:
                return path, route
    return None
