"""A large spec written in code: many resources, every field type, chains of refs."""

from __future__ import annotations

import json
from itertools import product
from pathlib import Path
from typing import Any

QUALIFIERS = ("north", "south", "east", "west", "central")
NOUNS = ("store", "order", "invoice", "ticket", "shipment", "parcel", "account", "device", "sensor", "report")

# (field name, definition): every field type of the grammar, with a mix of modifiers.
FIELD_POOL = (
    ("title", "str:max=120:index"),
    ("code", "str:unique:max=16"),
    ("notes", "text?"),
    ("quantity", "int:min=0:default=0"),
    ("ratio", "float:min=0:max=1"),
    ("amount", "decimal:min=0"),
    ("active", "bool:default=true"),
    ("due_on", "date?"),
    ("happened_at", "datetime"),
    ("token", "uuid:unique"),
    ("payload", "json?"),
    ("contact", "email:optional"),
    ("homepage", "url?"),
    ("status", "enum=draft,active,archived:default=draft"),
)
FIELDS_PER_RESOURCE = 6
CHAIN_LENGTH = 5  # resource i refs resource i-1 unless it starts a new chain
CROSS_REF_EVERY = 7  # every 7th resource also refs one further back, optionally


def resource_names(count: int) -> list[str]:
    """Distinct singular names like 'north_store', 'south_order', ..."""
    names = [f"{qualifier}_{noun}" for noun, qualifier in product(NOUNS, QUALIFIERS)]
    if count > len(names):
        raise ValueError(f"at most {len(names)} resources, not {count}")
    return names[:count]


def resource_fields(index: int, names: list[str]) -> dict[str, str]:
    """Six pool fields (rotating with the index) plus refs to earlier resources."""
    rotation = (FIELD_POOL[(index + offset) % len(FIELD_POOL)] for offset in range(FIELDS_PER_RESOURCE))
    fields = dict(rotation)
    if index % CHAIN_LENGTH:
        fields[names[index - 1]] = "ref"
    if index >= CHAIN_LENGTH and index % CROSS_REF_EVERY == 0:
        fields["origin"] = f"ref={names[index - CHAIN_LENGTH]}:optional"
    return fields


def build_spec(name: str, count: int) -> dict[str, Any]:
    names = resource_names(count)
    resources = {resource: {"fields": resource_fields(index, names)} for index, resource in enumerate(names)}
    return {"name": name, "database": "sqlite", "resources": resources}


def write_spec(path: Path, name: str, count: int) -> Path:
    path.write_text(json.dumps(build_spec(name, count), indent=2), encoding="utf-8")
    return path
