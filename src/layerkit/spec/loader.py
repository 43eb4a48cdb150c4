"""Spec files (YAML or JSON): read, validate every part, report all problems at once."""

from __future__ import annotations

import json
from collections.abc import Callable, Collection
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from layerkit.errors import LayerkitError, SpecError
from layerkit.spec.fields import Field, parse_field, with_default
from layerkit.spec.model import DATABASES, ProjectSpec, Resource, make_resource
from layerkit.spec.names import check_project_name, to_snake

T = TypeVar("T")

_TOP_KEYS = {"name", "preset", "database", "features", "resources"}
_LONG_KEYS = {"type", "optional", "unique", "index", "default", "min", "max", "choices", "to"}


def read_spec_file(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise SpecError(f"cannot read spec file {str(path)!r}: {error.strerror}") from None
    try:
        data = _parse(text, as_json=path.suffix.lower() == ".json")
    except ValueError as error:
        raise SpecError(f"spec file {str(path)!r} is not valid YAML/JSON: {_first_line(error)}") from None
    if not isinstance(data, dict):
        raise SpecError(f"spec file {str(path)!r} must be a mapping with 'name' and 'resources'")
    return data


def _parse(text: str, *, as_json: bool) -> object:
    """JSON or YAML; every syntax error comes out as a ValueError."""
    if as_json:
        return json.loads(text)  # JSONDecodeError is a ValueError
    import yaml  # lazily: only spec files need it

    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise ValueError(str(error)) from None


def _first_line(error: Exception) -> str:
    return " ".join(str(error).split())


def load_spec(
    path: Path,
    *,
    name: str | None = None,
    existing: frozenset[str] | None = None,
    presets: Collection[str] = ("fastapi",),
) -> ProjectSpec:
    """Parse a spec file; `name` (from the command line) wins over the file's.

    Refs may name the spec's own resources or, when it is applied to a project, its `existing` ones.
    """
    data = read_spec_file(path)
    errors: list[str] = []
    for key in sorted(set(data) - _TOP_KEYS):
        errors.append(f"{key}: unknown key; allowed: {', '.join(sorted(_TOP_KEYS))}")
    project = name or data.get("name")
    if not isinstance(project, str):
        errors.append("name: required, the project name (e.g. 'bookshop')")
        project = "project"
    else:
        _collect(errors, "name", lambda: check_project_name(project))
    preset = data.get("preset", "fastapi")
    if preset not in presets:
        errors.append(f"preset: {preset!r} is not one of {', '.join(presets)}")
        preset = "fastapi"
    features = data.get("features", [])
    if not isinstance(features, list) or not all(isinstance(f, str) for f in features):
        errors.append("features: a list of names, e.g. [admin]")
        features = []
    database = data.get("database", "sqlite")
    if database not in DATABASES:
        errors.append(f"database: {database!r} is not one of {', '.join(DATABASES)}")
    resources = parse_resources(data.get("resources", {}), errors, existing)
    if errors:
        raise SpecError(f"spec file {str(path)!r} has {len(errors)} problem(s): {errors[0]}", details=errors)
    return ProjectSpec(
        name=project,
        preset=preset,
        database=database,
        resources=tuple(resources),
        features=frozenset(features),
    )


def parse_resources(raw: object, errors: list[str], existing: frozenset[str] | None = None) -> list[Resource]:
    if not isinstance(raw, dict):
        errors.append("resources: must be a mapping of resource name -> {fields: ...}")
        return []
    # Every name the spec gives counts as known, even one with its own problems (reported apart).
    known = (existing or frozenset()) | {to_snake(str(resource_name)) for resource_name in raw}
    resources: list[Resource] = []
    for resource_name, body in raw.items():
        where = f"resources.{resource_name}"
        if not isinstance(body, dict) or not isinstance(body.get("fields"), dict) or set(body) - {"fields"}:
            errors.append(f"{where}: must be a mapping with one key, 'fields' (name -> definition)")
            continue
        fields = [
            f
            for f in (_parse_entry(n, d, f"{where}.fields.{n}", errors) for n, d in body["fields"].items())
            if f
        ]
        resource = _collect(errors, where, partial(make_resource, str(resource_name), fields))
        if resource is None:
            continue
        clash = next((r for r in resources if r.names.plural == resource.names.plural), None)
        if clash is not None:
            errors.append(
                f"{where}: {resource.name!r} has the same package name ({resource.names.plural!r}) as"
                f" {clash.name!r}; rename one"
            )
            continue
        for ref in resource.refs:
            if ref.target not in known:
                errors.append(
                    f"{where}.fields.{ref.name}: references unknown resource {ref.target!r}"
                    f" (known: {', '.join(sorted(known)) or 'none'}); add it to the spec"
                    f"{'' if existing is None else ' or the project'} first"
                )
        resources.append(resource)
    return resources


def _parse_entry(name: object, definition: object, where: str, errors: list[str]) -> Field | None:
    default: str | None = None
    if isinstance(definition, dict):
        unknown = set(definition) - _LONG_KEYS
        if unknown or "type" not in definition:
            errors.append(
                f"{where}: long form needs 'type' and may have {', '.join(sorted(_LONG_KEYS - {'type'}))}"
            )
            return None
        if "default" in definition:  # applied apart: a default may contain ':' (a URL)
            value = definition["default"]
            default = str(value).lower() if isinstance(value, bool) else str(value)
        definition = _long_to_text(definition)
    if not isinstance(definition, str):
        errors.append(f"{where}: must be a string like 'str:max=200' or a mapping with 'type'")
        return None
    text = f"{name}:{definition}"
    if default is None:
        return _collect(errors, where, partial(parse_field, text))
    return _collect(errors, where, lambda: with_default(parse_field(text), str(default)))


def _long_to_text(long: dict[str, Any]) -> str:
    kind = str(long["type"])
    if "choices" in long:
        kind = "enum=" + ",".join(str(c) for c in long["choices"])
    if "to" in long:
        kind = f"ref={long['to']}"
    parts = [kind]
    parts += [flag for flag in ("optional", "unique", "index") if long.get(flag) is True]
    for key in ("min", "max"):
        if key in long:
            value = long[key]
            parts.append(f"{key}={str(value).lower() if isinstance(value, bool) else value}")
    return ":".join(parts)


def _collect(errors: list[str], where: str, action: Callable[[], T]) -> T | None:
    try:
        return action()
    except LayerkitError as error:
        errors.append(f"{where}: {error.message}")
        return None
