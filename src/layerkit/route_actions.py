"""`layerkit generate route|subroute` (BackAnt's commands): input -> route -> plan -> write -> report."""

from __future__ import annotations

from pathlib import Path

from layerkit.actions import Report, _report
from layerkit.errors import LayerkitError, ResourceExistsError
from layerkit.io.manifest import find_project_root, load_manifest
from layerkit.plan.builders import project_build
from layerkit.plan.plan import build_plan
from layerkit.plan.replay import record_base
from layerkit.plan.routes import add_route, write_route
from layerkit.spec.routes import Endpoint, Route, check_subroute_name, make_endpoint, route_from_record


def _describe(endpoint: Endpoint) -> str:
    return f"method {endpoint.method} and " + ("a mock" if endpoint.has_mock else "no mock")


def generate_route(
    route: Route, *, directory: Path | None = None, force: bool = False, dry_run: bool = False
) -> Report:
    """A route serving its mock (or BackAnt's placeholder) until it is given fields."""
    root = find_project_root(directory or Path.cwd())
    manifest = load_manifest(root)
    build = project_build(root, manifest)
    recorded = dict(manifest.files)
    existing = manifest.routes.get(route.name)
    skipped = False
    if existing is not None:
        own = route_from_record(route.name, existing).own
        if own.record() != route.own.record():  # as JSON text: in Python, 1 == 1.0 == True
            raise ResourceExistsError(
                f"route {route.name!r} already exists with {_describe(own)}; choose another"
                " name, or add an endpoint to it with `layerkit generate subroute"
                f" {route.name} NAME`"
            )
        skipped = True
    else:
        add_route(build, route)
        record_base(build)
    plan = build_plan(build.workspace, owned=build.owned, recorded=recorded, force=force)
    if skipped:
        plan.warnings.append(f"route {route.name!r} is already in the project as asked, skipped")
    url = build.layout.api_prefix() + "/" + route.names.url
    return _report(
        plan,
        dry_run=dry_run,
        message=f"added route {route.name!r} ({route.own.method} {url}) to {root}",
        done="updated",
    )


def generate_subroute(
    route_name: str,
    sub: Endpoint,
    *,
    directory: Path | None = None,
    force: bool = False,
    dry_run: bool = False,
) -> Report:
    """`METHOD /<route>/<sub>` added to an existing route: its files rendered again."""
    root = find_project_root(directory or Path.cwd())
    manifest = load_manifest(root)
    entry = manifest.routes.get(route_name)
    if entry is None:
        listed = ", ".join(manifest.routes) or "none yet"
        raise LayerkitError(
            f"route {route_name!r} does not exist (the project's routes: {listed}); generate it"
            f" first: `layerkit generate route {route_name}`"
        )
    route = route_from_record(route_name, entry)
    check_subroute_name(route_name, sub.name)
    build = project_build(root, manifest)
    recorded = dict(manifest.files)  # as on disk now: finish() records the new content
    url = f"{build.layout.api_prefix()}/{route.names.url}/{sub.name}"
    existing = route.subroute(sub.name)
    if existing is not None and existing.record() != sub.record():  # JSON text: 1 != true
        raise ResourceExistsError(
            f"subroute {sub.name!r} of {route_name!r} already exists ({existing.method} {url},"
            f" {_describe(existing)}); choose another name"
        )
    if existing is None:
        write_route(build, route.with_subroute(sub))
        record_base(build)
    plan = build_plan(build.workspace, owned=build.owned, recorded=recorded, force=force)
    if existing is not None:
        plan.warnings.append(f"subroute {sub.name!r} of {route_name!r} is already there as asked, skipped")
    return _report(
        plan,
        dry_run=dry_run,
        message=f"added {sub.method} {url} to route {route_name!r} in {root}",
        done="updated",
    )


def apply_routes(
    routes: list[Route], *, directory: Path | None = None, force: bool = False, dry_run: bool = False
) -> Report:
    """`layerkit apply backant.json`: a BackAnt spec's routes and subroutes, in one plan; what the
    project already has as asked is skipped, what it has otherwise is an error."""
    root = find_project_root(directory or Path.cwd())
    manifest = load_manifest(root)
    build = project_build(root, manifest)
    recorded = dict(manifest.files)
    done: list[str] = []
    for route in routes:
        entry = manifest.routes.get(route.name)
        if entry is None:
            add_route(build, route)
            done.append(route.name)
            continue
        current = merged = route_from_record(route.name, entry)
        if current.own.record() != route.own.record():
            raise ResourceExistsError(
                f"route {route.name!r} already exists with {_describe(current.own)}; the spec gives"
                f" it {_describe(route.own)}; change one of them"
            )
        for sub in route.subroutes:
            have = merged.subroute(sub.name)
            if have is None:
                merged = merged.with_subroute(sub)
            elif have.record() != sub.record():
                raise ResourceExistsError(
                    f"subroute {sub.name!r} of {route.name!r} already exists with {_describe(have)};"
                    f" the spec gives it {_describe(sub)}; change one of them"
                )
        if merged != current:
            write_route(build, merged)
            done.append(f"{route.name} ({len(merged.subroutes) - len(current.subroutes)} subroute(s))")
    if done:
        record_base(build)
    plan = build_plan(build.workspace, owned=build.owned, recorded=recorded, force=force)
    return _report(plan, dry_run=dry_run, message=f"added routes {', '.join(done)} to {root}", done="updated")


__all__ = ["apply_routes", "generate_route", "generate_subroute", "make_endpoint"]
