"""Commands that change what exists — `generate field`, `destroy`, `update` — as one step:
a new manifest, the project rendered for it, every generated file merged three ways with the
disk (plan/regenerate.py), a migration where the tables change. Plan first, all or nothing,
never a lost user edit: what cannot be merged stops the command and is listed."""

from __future__ import annotations

import copy
from pathlib import Path

from layerkit.actions import Report, _report, require_current
from layerkit.errors import FieldSyntaxError, LayerkitError, UnknownReferenceError
from layerkit.io.manifest import Manifest, find_project_root, load_manifest
from layerkit.plan.builders import Build, project_build, recorded_resource
from layerkit.plan.plan import build_plan
from layerkit.plan.regenerate import change_fields as change_fields_of
from layerkit.plan.regenerate import describe, drop_table, merge_warnings, regenerate
from layerkit.render.field_migration import check_drop
from layerkit.spec.fields import Field
from layerkit.spec.model import make_resource, raise_problems, unknown_references
from layerkit.version import __version__


def _open(directory: Path | None) -> tuple[Path, Manifest]:
    root = find_project_root(directory or Path.cwd())
    manifest = load_manifest(root)
    require_current(manifest)
    return root, manifest


def _regenerate(
    root: Path,
    before: Manifest,
    build: Build,
    *,
    force: bool,
    markers: bool,
    dry_run: bool,
    message: str,
) -> Report:
    """Merge the project rendered for `build.manifest` into the project (made for `before`)."""
    merge = regenerate(build, before, force=force, markers=markers)
    plan = build_plan(build.workspace, owned=set(), recorded={}, force=True)
    plan.warnings += merge_warnings(merge)
    report = _report(plan, dry_run=dry_run, message=message, done="updated")
    report.conflicts = sorted(merge.conflicts)
    return report


def change_fields(
    name: str,
    fields: list[Field],
    remove: list[str],
    *,
    directory: Path | None = None,
    force: bool = False,
    dry_run: bool = False,
    markers: bool = False,
    filled: bool = False,
) -> Report:
    """`layerkit generate field RESOURCE FIELD... [--remove NAME]`: a field with a new name is
    added, one with an existing name takes the new definition; every layer and a migration follow."""
    root, manifest = _open(directory)
    if name not in manifest.resources:
        listed = ", ".join(manifest.resources) or "none yet"
        raise UnknownReferenceError(
            f"the project has no resource {name!r} (it has: {listed}); create it with"
            f" `layerkit generate resource {name} FIELD...`"
        )
    old = recorded_resource(manifest, name)
    by_name = {f.name: f for f in old.fields}
    problems = [
        f"resource {name!r} has no field {gone!r} to remove (its fields: {', '.join(by_name)})"
        for gone in remove
        if gone not in by_name
    ]
    problems += [
        f"field {f.name!r} is both given and removed; do one of them" for f in fields if f.name in remove
    ]
    raise_problems(problems, f"the change of {name!r}")
    given = {f.name: f for f in fields}  # an existing name: its new definition, in its place
    new_fields = [given.get(f.name, f) for f in old.fields if f.name not in remove]
    new_fields += [f for f in fields if f.name not in by_name]
    if not new_fields:
        raise FieldSyntaxError(
            f"resource {name!r} would have no field left; keep one, or remove the resource with"
            f" `layerkit destroy resource {name}`"
        )
    new = make_resource(name, new_fields)
    missing = unknown_references([new], set(manifest.resources))
    raise_problems(missing, f"the change of {name!r}", UnknownReferenceError)
    if new.field_texts() == manifest.resources[name]:
        return _nothing(root)
    build = project_build(root, copy.deepcopy(manifest))
    path = change_fields_of(build, old, new, filled=filled)
    applied = _migrate(path) if path else " (no table change: no migration)"
    return _regenerate(
        root,
        manifest,
        build,
        force=force,
        markers=markers,
        dry_run=dry_run,
        message=f"changed {name!r} ({describe(old, new)}) in {root}{applied}",
    )


def _migrate(migration: str) -> str:
    return f"; run `make migrate` to apply {migration}"


def _nothing(root: Path) -> Report:
    return Report(
        status="unchanged", root=str(root), message="nothing to do: the project already has all of this"
    )


def destroy(
    kind: str,
    name: str,
    *,
    directory: Path | None = None,
    force: bool = False,
    dry_run: bool = False,
) -> Report:
    """`layerkit destroy resource|route|service NAME`: its files, registrations, contract entries
    and record go; a resource's table is dropped by a new migration."""
    root, manifest = _open(directory)
    build = project_build(root, copy.deepcopy(manifest))
    after = build.manifest
    migration = None
    if kind == "resource":
        _check_destroyable(manifest, name)
        migration = drop_table(build, recorded_resource(manifest, name))
        for table in (after.resources, after.served, after.forks):
            table.pop(name, None)
        del build.known[name]
    elif kind == "route":
        if name not in manifest.routes:
            raise LayerkitError(_unknown("route", name, list(manifest.routes)))
        del after.routes[name]
    else:
        if name not in manifest.services:
            raise LayerkitError(_unknown("service", name, manifest.services))
        after.services.remove(name)
    after.order = [entry for entry in after.order if entry != f"{kind}:{name}"]
    applied = _migrate(migration) if migration else ""
    return _regenerate(
        root,
        manifest,
        build,
        force=force,
        markers=False,  # a file deleted has no lines to mark
        dry_run=dry_run,
        message=f"destroyed {kind} {name!r} in {root}{applied}",
    )


def _unknown(kind: str, name: str, known: list[str]) -> str:
    return f"the project has no {kind} {name!r} (it has: {', '.join(known) or 'none'}); check the name (`layerkit list`)"


def _check_destroyable(manifest: Manifest, name: str) -> None:
    if name not in manifest.resources:
        raise LayerkitError(_unknown("resource", name, list(manifest.resources)))
    others = [recorded_resource(manifest, other) for other in manifest.resources]
    check_drop(recorded_resource(manifest, name), others)


def update_project(
    *, directory: Path | None = None, force: bool = False, dry_run: bool = False, markers: bool = False
) -> Report:
    """`layerkit update`: the project rendered by this layerkit from its recorded options and
    resources, merged three ways into every generated file."""
    root = find_project_root(directory or Path.cwd())
    manifest = load_manifest(root, updating=True)
    build = project_build(root, copy.deepcopy(manifest))
    build.manifest.version = __version__
    return _regenerate(
        root,
        manifest,
        build,
        force=force,
        markers=markers,
        dry_run=dry_run,
        message=f"updated {root} from layerkit {manifest.version} to {__version__}",
    )
