"""Plan `generate version`: a version serves every resource, and a fork gives one its own code."""

from __future__ import annotations

from functools import partial

from layerkit.edit.registration import SWAPS
from layerkit.errors import EditError
from layerkit.layouts import Registration
from layerkit.plan.builders import Build, recorded_resource, register, registration_in, update_contracts_of
from layerkit.render.engine import render
from layerkit.render.family_context import resource_context
from layerkit.spec.model import Resource
from layerkit.spec.names import ResourceNames
from layerkit.spec.versions import in_order, version_number


def serve_existing(build: Build, version: str) -> None:
    """Register every resource of the project in a new version: one edit each, pointing at the
    code it already has (its own, or the newest fork before this version); nothing is copied.
    A resource made for a later version than this one stays out of it."""
    for name in build.manifest.resources:
        names = build.known[name]
        if version_number(build.manifest.home(name)) > version_number(version):
            continue
        build.manifest.served[name] = in_order([*build.manifest.served.get(name, []), version])
        for registration in _versioned(build):
            register(build, registration, names, [version], partial(_context, build, name, version))


def fork(build: Build, name: str, version: str) -> None:
    """`name`'s own code in `version` (after the one it was made for), from the same role
    templates; the version's registrations (and those of later versions that served the same
    code) move to it. A resource the version did not serve yet joins it."""
    versions = build.layout.versions
    assert versions is not None, "the caller checks that the layout has versions"
    manifest = build.manifest
    names = build.known[name]
    joins = version not in manifest.served[name]
    later = [v for v in manifest.served[name] if version_number(v) > version_number(version)]
    before = {v: build.code_modules(names, v) for v in later}
    if not joins:
        before[version] = build.code_modules(names, version)
    manifest.served[name] = in_order([*manifest.served[name], version])
    manifest.forks[name] = in_order([*manifest.forks.get(name, []), version])
    resource = recorded_resource(manifest, name)
    context = _context(build, name, version, resource)
    values = build.layout.pattern_values(names, version=version)
    for artifact in versions.fork:
        path = artifact.path.format(**values)
        build.workspace.write(path, render(build.preset, artifact, context))
        build.owned.add(path)
        build.origins[path] = name
    if joins:
        for registration in _versioned(build):
            register(build, registration, names, [version], lambda: context)
    for served, modules in before.items():
        if build.code_modules(names, served) != modules:
            for registration in _versioned(build):
                _swap(build, registration, names, served, modules)
    update_contracts_of(build)


def _versioned(build: Build) -> list[Registration]:
    return [r for r in build.layout.registrations if "{version}" in r.file]


def _context(build: Build, name: str, version: str, resource: Resource | None = None) -> dict[str, object]:
    """The templates' view of a resource's code in `version` (a fork renders no migration)."""
    resource = resource or recorded_resource(build.manifest, name)
    return resource_context(
        build.project,
        build.layout,
        resource,
        build.known,
        None,
        version=version,
        modules=build.code_modules(resource.names, version),
        modules_of=build.modules_of,
    )


def _swap(
    build: Build, registration: Registration, names: ResourceNames, version: str, before: dict[str, str]
) -> None:
    """Point one registration of `version` at the code it now serves (`before`: what it served)."""
    path, new = registration_in(build, registration, names, version)
    values = build.layout.pattern_values(names, version=version)
    old = {key: value.format(**values, mod=before) for key, value in registration.params.items()}
    if old == new:
        return
    swap = SWAPS.get(registration.strategy)
    if swap is None:
        raise EditError(
            f"the {build.preset.name} preset registers resources in {path} with"
            f" {registration.strategy!r}, which cannot move to a fork; edit {path} by hand"
        )
    build.edit(path, lambda source: swap(source, path=path, old=old, new=new))
