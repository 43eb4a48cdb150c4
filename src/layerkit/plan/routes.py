"""Plan `generate route|subroute`: a route's files rendered from its record, registered once.

A route's files are rendered whole from what `.layerkit.toml` records (name, methods, mocks), so
a subroute is added by rendering them again with one more endpoint: the result is exactly what a
fresh `generate route` plus `generate subroute` would give, its tests included, and a file the
user edited is a conflict (kept unless --force), like any file layerkit owns.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from layerkit.edit.registration import STRATEGIES
from layerkit.errors import InvalidNameError, LayerkitError, ResourceExistsError
from layerkit.layouts import FIRST_VERSION
from layerkit.plan.builders import Build, update_contracts_of
from layerkit.render.engine import LINE_LENGTH, format_python, render
from layerkit.render.route_context import route_context
from layerkit.spec.names import ResourceNames
from layerkit.spec.routes import Route, route_names


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
    mocks = any(e.has_mock for e in route.endpoints())
    first_party = layout.first_party_packages()
    for artifact in layout.route:
        text = render(build.preset, artifact, context)
        if mocks and artifact.path.endswith(".py") and _too_long(text, first_party):
            text = render(build.preset, artifact, {**context, "long_lines": True})
        build.workspace.write(paths[artifact.role], text)
        build.owned.add(paths[artifact.role])
    build.manifest.routes[route.name] = route.record()


def add_route(build: Build, route: Route) -> None:
    """A new route: its files, registered where the layout registers resources, in every version."""
    if not build.layout.route:
        raise LayerkitError(f"the {build.preset.name} preset has no routes yet; use `generate resource`")
    check_route_name(build, route.names)
    write_route(build, route)
    build.manifest.added("route", route.name)
    _register(build, route.names, build.manifest.versions or [home(build)], versioned_only=False)
    update_contracts_of(build)


def serve_routes(build: Build, version: str) -> None:
    """A new API version (`generate version`) serves every route too: the same router (or
    blueprint), registered in the version's registry; nothing is copied."""
    for name in build.manifest.routes:
        _register(build, route_names(name), [version], versioned_only=True)


def _register(build: Build, names: ResourceNames, versions: list[str], *, versioned_only: bool) -> None:
    """The layout's route registrations: a file with {version} in each of `versions`, pointing
    at the route's own code (made for the first version)."""
    modules = build.layout.route_modules(names, home(build))
    for registration in build.layout.route_registrations():
        versioned = "{version}" in registration.file
        if versioned_only and not versioned:
            continue
        for each in versions if versioned else [home(build)]:
            values = build.layout.pattern_values(names, version=each)
            path = registration.file.format(**values)
            params = {key: value.format(**values, mod=modules) for key, value in registration.params.items()}
            strategy = STRATEGIES[registration.strategy]
            build.edit(path, partial(_apply, strategy, path=path, params=params))


def _too_long(source: str, first_party: list[str]) -> bool:
    """Whether the formatted file has lines the line-length rule refuses (a mock nested deep,
    or long keys and values side by side): its template then exempts the file from that rule."""
    import subprocess
    import tempfile

    from ruff.__main__ import find_ruff_bin  # type: ignore[import-untyped]

    (formatted,) = format_python({"f.py": source}, first_party=first_party).values()
    if max(map(len, formatted.splitlines()), default=0) <= LINE_LENGTH:
        return False
    with tempfile.TemporaryDirectory(prefix="layerkit-lines-") as tmp:
        path = Path(tmp) / "f.py"
        path.write_text(formatted, encoding="utf-8")
        command = [find_ruff_bin(), "check", "--isolated", "--no-cache", "--select=E501"]
        command += [f"--line-length={LINE_LENGTH}", "--quiet", str(path)]
        result = subprocess.run(command, capture_output=True, text=True, check=False)
    return result.returncode != 0


def _apply(strategy: object, source: str, *, path: str, params: dict[str, str]) -> str:
    assert callable(strategy)
    result = strategy(source, path=path, params=params, fragment=None)
    assert isinstance(result, str)
    return result
