"""The import-linter contract of the generated project, kept current in pyproject.toml.

Contracts layerkit owns carry an id starting with `layerkit-` and are rewritten from the list of
resources; contracts the team added by hand are left as they are.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from layerkit.errors import EditError

if TYPE_CHECKING:
    from layerkit.layouts import Layout
    from layerkit.spec.names import ResourceNames

OWNED_PREFIX = "layerkit-"
_PER_RESOURCE = ("{singular}", "{plural}", "{Plural}", "{Class}", "{mod[")


def contracts(
    layout: Layout, resources: list[ResourceNames], features: frozenset[str] = frozenset()
) -> list[dict[str, object]]:
    """The layout's contracts for these resources and features, its patterns spelled out."""
    ordered = sorted(resources, key=lambda names: names.plural)
    result: list[dict[str, object]] = []
    for contract in layout.contracts:
        if len(ordered) < contract.min_resources:
            continue
        if contract.feature is not None and contract.feature not in features:
            continue
        body: dict[str, object] = {"id": contract.id}
        for key, value in contract.body.items():
            body[key] = _expand(layout, value, ordered) if isinstance(value, list) else _fill(layout, value)
        result.append(body)
    return result


def _fill(layout: Layout, value: object) -> object:
    return value.format(package=layout.package) if isinstance(value, str) else value


def _expand(layout: Layout, items: list[object], resources: list[ResourceNames]) -> list[object]:
    """Items naming a resource are repeated for each resource, grouped by resource."""
    per_resource = [i for i in items if isinstance(i, str) and any(m in i for m in _PER_RESOURCE)]
    out = [_fill(layout, item) for item in items if item not in per_resource]
    for names in resources:
        values, modules = layout.pattern_values(names), layout.resource_modules(names)
        out += [str(item).format(**values, mod=modules) for item in per_resource]
    return list(dict.fromkeys(out))


def update_contracts(
    source: str,
    *,
    path: str,
    layout: Layout,
    resources: list[ResourceNames],
    features: frozenset[str] = frozenset(),
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
    for contract in [*contracts(layout, resources, features), *kept]:
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
