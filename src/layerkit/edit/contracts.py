"""The import-linter contract of the generated project, kept current in pyproject.toml.

Contracts layerkit owns carry an id starting with `layerkit-` and are rewritten from the list of
resources; contracts the team added by hand are left as they are.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from layerkit.errors import EditError
from layerkit.layouts import FIRST_VERSION

if TYPE_CHECKING:
    from layerkit.layouts import Layout
    from layerkit.spec.names import ResourceNames

OWNED_PREFIX = "layerkit-"
# Lists a contract does without when they come out empty; any other empty list holds it back.
_OPTIONAL_LISTS = ("ignore_imports",)
_PER_RESOURCE = ("{singular}", "{plural}", "{Plural}", "{Class}", "{mod[")
_PER_FORK = "{version}"
_PER_SERVICE = "{service}"

# (resource, version) of every fork: a resource's own code in a later API version
Forks = Sequence[tuple["ResourceNames", str]]


def contracts(
    layout: Layout,
    resources: list[ResourceNames],
    *,
    homes: Mapping[str, str] | None = None,
    forks: Forks = (),
    features: frozenset[str] = frozenset(),
    services: Sequence[str] = (),
    routes: Sequence[ResourceNames] = (),
) -> list[dict[str, object]]:
    """The layout's contracts for these resources (`homes`: the version each was created in, v1
    if absent), forks, features and services, its patterns spelled out. A contract with a list
    that comes out empty (e.g. one about forks, before any) is held back: import-linter refuses
    empty lists.

    `routes` (no fields: a router and a service only) join a contract's per-resource items where
    the item names a module a route has; a `layers` contract leaves them out (their missing
    layers would break it)."""
    ordered = sorted(resources, key=lambda names: names.plural)
    # resource roots that hold no module yet (seed 001's models/ before its first resource):
    # items naming them are left out, import-linter refuses modules it cannot find
    held = layout.contract_root_packages(len(ordered), routes, len(services))
    absent = {root for root in layout.resource_roots if root not in held}
    forks = sorted(forks, key=lambda fork: (fork[0].plural, fork[1]))
    code = _Code(layout, homes or {}, forks, tuple(sorted(services)))
    result: list[dict[str, object]] = []
    for contract in layout.contracts:
        joined = (
            sorted(routes, key=lambda names: names.plural) if contract.body.get("type") != "layers" else []
        )
        if len(ordered) + len(joined) < contract.min_resources or len(services) < contract.min_services:
            continue
        if contract.feature is not None and contract.feature not in features:
            continue
        body: dict[str, object] = {"id": contract.id}
        for key, value in contract.body.items():
            if isinstance(value, list):
                items = [*code.expand(value, ordered), *code.routes(value, joined)]
                body[key] = [item for item in dict.fromkeys(items) if not _names_any(item, absent)]
            else:
                body[key] = _fill(layout, value)
        for key in _OPTIONAL_LISTS:
            if key in body and not body[key]:
                del body[key]  # nothing to ignore yet (e.g. before the first resource)
        lists = [key for key, value in contract.body.items() if isinstance(value, list) and value]
        if all(body[key] for key in lists if key not in _OPTIONAL_LISTS):
            result.append(body)
    return result


def _names_any(item: object, packages: set[str]) -> bool:
    """Whether a contract item (a module, or an `a -> b` import) names one of `packages`."""
    if not packages or not isinstance(item, str):
        return False
    return any(side.strip().split(".")[0] in packages for side in item.split("->"))


def _fill(layout: Layout, value: object) -> object:
    return value.format(package=layout.package) if isinstance(value, str) else value


@dataclass(frozen=True)
class _Code:
    layout: Layout
    homes: Mapping[str, str]
    forks: Forks
    services: tuple[str, ...] = ()

    def expand(self, items: list[object], resources: list[ResourceNames]) -> list[object]:
        """Items naming a service are repeated for each service; items naming a version for each
        fork, other items naming a resource for each resource; grouped by resource."""
        layout = self.layout
        per_service = [i for i in items if isinstance(i, str) and _PER_SERVICE in i]
        items = [i for i in items if i not in per_service]
        services = [
            str(item).format(package=layout.package, service=service)
            for service in self.services
            for item in per_service
        ]
        per_fork = [i for i in items if isinstance(i, str) and _PER_FORK in i]
        per_resource = [
            i
            for i in items
            if isinstance(i, str) and i not in per_fork and any(m in i for m in _PER_RESOURCE)
        ]
        out = [_fill(layout, item) for item in items if item not in per_resource + per_fork]
        for names in resources:
            home = self.homes.get(names.singular, FIRST_VERSION)
            values, modules = layout.pattern_values(names, version=home), layout.resource_modules(names, home)
            out += [str(item).format(**values, mod=modules) for item in per_resource]
            for forked, version in self.forks:
                if forked == names:
                    values = layout.pattern_values(names, version=version)
                    modules = layout.code_modules(names, home=home, code=version)
                    out += [str(item).format(**values, mod=modules) for item in per_fork]
        return list(dict.fromkeys(services + out))

    def routes(self, items: list[object], routes: list[ResourceNames]) -> list[object]:
        """Per-resource items spelled for each route, kept where they name one of its modules."""
        out: list[object] = []
        for names in routes:
            values = self.layout.pattern_values(names)
            modules = self.layout.route_modules(names)
            own = set(modules.values())
            for item in items:
                if (
                    not isinstance(item, str)
                    or _PER_FORK in item
                    or not any(m in item for m in _PER_RESOURCE)
                ):
                    continue
                try:
                    text = item.format(**values, mod=modules)
                except KeyError:  # a role a route does not have (models, repository, ...)
                    continue
                if text in own:
                    out.append(text)
        return out


def update_contracts(
    source: str,
    *,
    path: str,
    layout: Layout,
    resources: list[ResourceNames],
    homes: Mapping[str, str] | None = None,
    forks: Forks = (),
    features: frozenset[str] = frozenset(),
    services: Sequence[str] = (),
    routes: Sequence[ResourceNames] = (),
) -> str:
    import tomlkit  # lazily: only commands that edit need it

    try:
        document = tomlkit.parse(source)
    except tomlkit.exceptions.ParseError as error:
        raise EditError(f"{path} is not valid TOML ({error}); fix it, then run the command again") from None
    tool = document.setdefault("tool", tomlkit.table())
    linter = tool.setdefault("importlinter", tomlkit.table())
    roots = layout.contract_root_packages(len(resources), routes, len(services))
    if len(roots) == 1:
        linter.setdefault("root_package", roots[0])
    elif "root_packages" not in linter:  # a seed with several top-level packages (api, common, ...)
        linter["root_packages"] = _multiline(list(roots)) if len(roots) > 2 else roots
    else:  # roots a first resource brings (seed 001's models/, ...) join the team's list
        listed = linter["root_packages"]
        listed.extend(root for root in roots if root not in listed)
    linter.setdefault("include_external_packages", True)
    linter.setdefault("exclude_type_checking_imports", True)
    existing = linter.get("contracts", [])
    kept = [c for c in existing if not str(c.get("id", "")).startswith(OWNED_PREFIX)]
    table = tomlkit.aot()
    owned = contracts(
        layout, resources, homes=homes, forks=forks, features=features, services=services, routes=routes
    )
    for contract in [*owned, *kept]:
        item = tomlkit.table()
        for key, value in contract.items():
            item[key] = _multiline(value) if isinstance(value, list) and len(value) > 2 else value
        table.append(item)
    linter["contracts"] = table
    return tomlkit.dumps(document)


def _multiline(values: list[object]) -> object:
    import tomlkit

    array = tomlkit.array()
    array.extend(values)
    return array.multiline(True)


def add_dependencies(source: str, *, path: str, runtime: Sequence[str], dev: Sequence[str]) -> str:
    """pyproject.toml's [project] dependencies and its `dev` extra with these requirements: one
    already there under the same name is replaced (e.g. a lower minimum), others are appended."""
    import tomlkit

    try:
        document = tomlkit.parse(source)
    except tomlkit.exceptions.ParseError as error:
        raise EditError(f"{path} is not valid TOML ({error}); fix it, then run the command again") from None
    project = document.get("project")
    if project is None:
        return source  # tool settings only: the requirements files hold the dependencies
    _require(project.setdefault("dependencies", tomlkit.array()), runtime)
    extras = project.setdefault("optional-dependencies", tomlkit.table())
    _require(extras.setdefault("dev", tomlkit.array()), dev)
    return tomlkit.dumps(document)


def add_requirements(source: str, *, requirements: Sequence[str]) -> str:
    """A requirements.txt with these lines: one already there under the same name is replaced."""
    lines = source.splitlines()
    for requirement in requirements:
        name = requirement_name(requirement)
        found = [i for i, line in enumerate(lines) if requirement_name(line) == name]
        if not found:
            lines.append(requirement)
        elif _raises(requirement, lines[found[0]]):
            lines[found[0]] = requirement
    return "\n".join(lines) + "\n"


def requirement_name(requirement: str) -> str:
    """'celery[redis]>=5.4  # why' -> 'celery' (PEP 503-normalized); '' for comments."""
    import re

    match = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", requirement.split("#")[0])
    return re.sub(r"[-_.]+", "-", match.group(1)).lower() if match else ""


def _require(array: object, requirements: Sequence[str]) -> None:
    assert isinstance(array, list)
    for requirement in requirements:
        name = requirement_name(requirement)
        found = [i for i, item in enumerate(array) if requirement_name(str(item)) == name]
        if not found:
            array.append(requirement)
        elif _raises(requirement, str(array[found[0]])):
            array[found[0]] = requirement


def _raises(requirement: str, existing: str) -> bool:
    """Whether `requirement` asks for a higher minimum than `existing` (both `name>=X.Y`);
    anything else the project wrote is left as it is."""
    import re

    def minimum(text: str) -> tuple[int, ...] | None:
        match = re.search(r">=\s*([0-9]+(?:\.[0-9]+)*)", text.split("#")[0])
        return tuple(int(part) for part in match.group(1).split(".")) if match else None

    wanted, present = minimum(requirement), minimum(existing)
    return wanted is not None and present is not None and wanted > present
