"""The import-linter contract of the generated project, kept current in pyproject.toml.

Contracts layerkit owns carry an id starting with `layerkit-` and are rewritten from the list of
resources; contracts the team added by hand are left as they are.
"""

from __future__ import annotations

from layerkit.errors import EditError

OWNED_PREFIX = "layerkit-"
LAYERS = ["router", "service", "repository", "models | schemas"]
BELOW_HTTP = ["service", "repository", "models", "schemas"]


def contracts(package: str, plurals: list[str]) -> list[dict[str, object]]:
    resources = [f"{package}.{plural}" for plural in sorted(plurals)]
    result: list[dict[str, object]] = [
        {
            "id": "layerkit-foundation",
            "name": "core and db are the foundation: they import no feature",
            "type": "forbidden",
            "source_modules": [f"{package}.core", f"{package}.db"],
            "forbidden_modules": [f"{package}.api", f"{package}.main", f"{package}.models", *resources],
        }
    ]
    if not resources:
        return result
    result += [
        {
            "id": "layerkit-layers",
            "name": "inside a resource: router -> service -> repository -> models/schemas",
            "type": "layers",
            "containers": resources,
            "layers": LAYERS,
        },
        {
            "id": "layerkit-no-http-below-router",
            "name": "only routers speak HTTP",
            "type": "forbidden",
            "source_modules": [f"{r}.{layer}" for r in resources for layer in BELOW_HTTP],
            "forbidden_modules": ["fastapi", "starlette"],
            # a package __init__ re-exports its router; only direct imports are HTTP code
            "allow_indirect_imports": True,
        },
    ]
    if len(resources) > 1:
        result.append(
            {
                "id": "layerkit-resource-interfaces",
                "name": "resources use each other only through their package __init__",
                "type": "independence",
                "modules": resources,
                "ignore_imports": [f"{package}.*.* -> {package}.*", f"{package}.* -> {package}.*"],
                "unmatched_ignore_imports_alerting": "none",
            }
        )
    return result


def update_contracts(source: str, *, path: str, package: str, plurals: list[str]) -> str:
    import tomlkit  # lazily: only commands that edit need it

    try:
        document = tomlkit.parse(source)
    except tomlkit.exceptions.ParseError as error:
        raise EditError(f"{path} is not valid TOML ({error}); fix it, then run the command again") from None
    tool = document.setdefault("tool", tomlkit.table())
    linter = tool.setdefault("importlinter", tomlkit.table())
    linter.setdefault("root_package", package)
    linter.setdefault("include_external_packages", True)
    linter.setdefault("exclude_type_checking_imports", True)
    existing = linter.get("contracts", [])
    kept = [c for c in existing if not str(c.get("id", "")).startswith(OWNED_PREFIX)]
    table = tomlkit.aot()
    for contract in [*contracts(package, plurals), *kept]:
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
