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

# (resource, version) of every fork: a resource's own code in a later API version
Forks = Sequence[tuple["ResourceNames", str]]


def contracts(
    layout: Layout,
    resources: list[ResourceNames],
    *,
    homes: Mapping[str, str] | None = None,
    forks: Forks = (),
    features: frozenset[str] = frozenset(),
    routes: Sequence[ResourceNames] = (),
) -> list[dict[str, object]]:
    """The layout's contracts for these resources (`homes`: the version each was created in, v1
    if absent), forks and features, its patterns spelled out. A contract with a list that comes
    out empty (e.g. one about forks, before any) is held back: import-linter refuses empty lists.

    `routes` (no fields: a router and a service only) join a contract's per-resource items where
    the item names a module a route has; a `layers` contract leaves them out (their missing
    layers would break it)."""
    ordered = sorted(resources, key=lambda names: names.plural)
    code = _Code(layout, homes or {}, sorted(forks, key=lambda fork: (fork[0].plural, fork[1])))
    result: list[dict[str, object]] = []
    for contract in layout.contracts:
        joined = (
            sorted(routes, key=lambda names: names.plural) if contract.body.get("type") != "layers" else []
        )
        if len(ordered) + len(joined) < contract.min_resources:
            continue
        if contract.feature is not None and contract.feature not in features:
            continue
        body: dict[str, object] = {"id": contract.id}
        for key, value in contract.body.items():
            if isinstance(value, list):
                body[key] = list(dict.fromkeys([*code.expand(value, ordered), *code.routes(value, joined)]))
            else:
                body[key] = _fill(layout, value)
        for key in _OPTIONAL_LISTS:
            if key in body and not body[key]:
                del body[key]  # nothing to ignore yet (e.g. before the first resource)
        lists = [key for key, value in contract.body.items() if isinstance(value, list) and value]
        if all(body[key] for key in lists if key not in _OPTIONAL_LISTS):
            result.append(body)
    return result


def _fill(layout: Layout, value: object) -> object:
    return value.format(package=layout.package) if isinstance(value, str) else value


@dataclass(frozen=True)
class _Code:
    layout: Layout
    homes: Mapping[str, str]
    forks: Forks

    def expand(self, items: list[object], resources: list[ResourceNames]) -> list[object]:
        """Items naming a version are repeated for each fork, other items naming a resource for
        each resource; grouped by resource."""
        layout = self.layout
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
        return list(dict.fromkeys(out))

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
    routes: Sequence[ResourceNames] = (),
) -> str:
    import tomlkit  # lazily: only commands that edit need it

    try:
        document = tomlkit.parse(source)
    except tomlkit.exceptions.ParseError as error:
        raise EditError(f"{path} is not valid TOML ({error}); fix it, then run the command again") from None
    tool = document.setdefault("tool", tomlkit.table())
    linter = tool.setdefault("importlinter", tomlkit.table())
    roots = layout.contract_root_packages()
    if len(roots) == 1:
        linter.setdefault("root_package", roots[0])
    else:  # a seed with several top-level packages (e.g. api, common, service)
        linter.setdefault("root_packages", roots)
    linter.setdefault("include_external_packages", True)
    linter.setdefault("exclude_type_checking_imports", True)
    existing = linter.get("contracts", [])
    kept = [c for c in existing if not str(c.get("id", "")).startswith(OWNED_PREFIX)]
    table = tomlkit.aot()
    owned = contracts(layout, resources, homes=homes, forks=forks, features=features, routes=routes)
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
