"""Plan `generate route|subroute`: a route's files rendered from its record, registered once.

A route's files are rendered whole from what `.layerkit.toml` records (name, methods, mocks), so
a subroute is added by rendering them again with one more endpoint: the result is exactly what a
fresh `generate route` plus `generate subroute` would give, its tests included, and a file the
user edited is a conflict (kept unless --force), like any file layerkit owns.
"""

from __future__ import annotations

from functools import partial

from layerkit.edit.registration import STRATEGIES
from layerkit.errors import InvalidNameError, LayerkitError, ResourceExistsError
from layerkit.layouts import FIRST_VERSION
from layerkit.plan.builders import Build, update_contracts_of
from layerkit.render.engine import render
from layerkit.render.route_context import route_context
from layerkit.spec.names import ResourceNames
from layerkit.spec.routes import Route


def check_route_name(build: Build, names: ResourceNames) -> None:
    """Refuse a name the layout reserves or another resource or route of the project uses."""
    layout, name = build.layout, names.singular
    if name in layout.reserved:
        raise InvalidNameError(
            f"invalid route name {name!r}: it collides with the project's own {name!r} (a module, or"
            f" a class its modules import) in the {build.preset.name} preset; choose another name"
            f" (e.g. '{name}_route')"
        )
    for resource, taken in build.known.items():
        if name in {taken.singular, taken.plural, taken.url}:
            raise ResourceExistsError(
                f"route {name!r} would use the package or URL of resource {resource!r}"
                f" ({taken.plural}, /{taken.url}); choose another name"
            )
    for path in layout.route_paths(names, home(build)).values():
        if build.workspace.read(path) is not None:
            raise InvalidNameError(
                f"invalid route name {name!r}: its file {path} is already a file of the project;"
                f" choose another name (e.g. '{name}_route')"
            )


def home(build: Build) -> str:
    """The version a route's code is made for: the project's first."""
    return build.manifest.versions[0] if build.manifest.versions else FIRST_VERSION


def write_route(build: Build, route: Route) -> None:
    """Render every file of the route from `route` (its own endpoint and its subroutes)."""
    layout, version = build.layout, home(build)
    modules = layout.route_modules(route.names, version)
    context = route_context(build.project, layout, route, modules, version)
    paths = layout.route_paths(route.names, version)
    for artifact in layout.route:
        build.workspace.write(paths[artifact.role], render(build.preset, artifact, context))
        build.owned.add(paths[artifact.role])
    build.manifest.routes[route.name] = route.record()


def add_route(build: Build, route: Route) -> None:
    """A new route: its files, registered where the layout registers resources, in every version."""
    if not build.layout.route:
        raise LayerkitError(f"the {build.preset.name} preset has no routes yet; use `generate resource`")
    check_route_name(build, route.names)
    write_route(build, route)
    names, version = route.names, home(build)
    modules = build.layout.route_modules(names, version)
    served = build.manifest.versions or [version]
    for registration in build.layout.route_registrations():
        for each in served if "{version}" in registration.file else [version]:
            values = build.layout.pattern_values(names, version=each)
            path = registration.file.format(**values)
            params = {key: value.format(**values, mod=modules) for key, value in registration.params.items()}
            strategy = STRATEGIES[registration.strategy]
            build.edit(path, partial(_apply, strategy, path=path, params=params))
    update_contracts_of(build)


def _apply(strategy: object, source: str, *, path: str, params: dict[str, str]) -> str:
    assert callable(strategy)
    result = strategy(source, path=path, params=params, fragment=None)
    assert isinstance(result, str)
    return result
