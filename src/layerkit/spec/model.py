"""The pure domain: a project spec is a name, a preset, a database and resources with fields."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from graphlib import CycleError, TopologicalSorter
from typing import Any

from layerkit.errors import FieldSyntaxError, LayerkitError, SpecError, UnknownReferenceError
from layerkit.spec.fields import Field, FieldType
from layerkit.spec.names import ResourceNames, resource_names

DATABASES = ("sqlite", "postgres")


@dataclass(frozen=True)
class Resource:
    names: ResourceNames
    fields: tuple[Field, ...]

    @property
    def name(self) -> str:
        return self.names.singular

    @property
    def refs(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.type is FieldType.REF)

    def field_texts(self) -> list[str]:
        return [f.to_text() for f in self.fields]


def make_resource(name: str, fields: list[Field]) -> Resource:
    names = resource_names(name)
    seen: dict[str, str] = {}
    for field in fields:
        for attribute in {field.name, field.column}:
            if attribute in seen:
                raise FieldSyntaxError(
                    f"invalid fields of {names.singular!r}: {field.name!r} clashes with"
                    f" {seen[attribute]!r} (both use {attribute!r}); rename one"
                )
            seen[attribute] = field.name
    for field in fields:
        if field.type is FieldType.REF and field.target == names.singular and not field.optional:
            raise FieldSyntaxError(
                f"invalid field {field.name!r} of {names.singular!r}: a reference to its own resource"
                f" must be optional (`{field.name}:ref={names.singular}:optional`), or no first row could exist"
            )
    return Resource(names=names, fields=tuple(fields))


@dataclass(frozen=True)
class ProjectSpec:
    name: str
    preset: str = "fastapi"
    database: str = "sqlite"
    resources: tuple[Resource, ...] = ()
    features: frozenset[str] = frozenset()
    routes: tuple[Any, ...] = ()  # spec.routes.Route: BackAnt's routes (`layerkit new --spec`)


def raise_problems(problems: list[str], summary: str, error: type[LayerkitError] = FieldSyntaxError) -> None:
    """Report every problem at once: a lone one as its own line, several as lines under a summary."""
    if len(problems) == 1:
        raise error(problems[0])
    if problems:
        raise error(f"{summary} has {len(problems)} problems:", details=problems)


def unknown_references(resources: Iterable[Resource], known: set[str]) -> list[str]:
    """A message for every ref whose target is neither one of `resources` nor in `known`."""
    resources = list(resources)
    names = known | {r.name for r in resources}
    listed = ", ".join(sorted(names)) or "none yet"
    return [
        f"field {ref.name!r} of {resource.name!r} references unknown resource {ref.target!r}"
        f" (known: {listed}); create {ref.target!r} first"
        for resource in resources
        for ref in resource.refs
        if ref.target not in names
    ]


def dependency_order(new: list[Resource], existing: set[str]) -> list[Resource]:
    """Order resources so each comes after the ones it references; check every ref resolves."""
    by_name = {r.name: r for r in new}
    raise_problems(unknown_references(new, existing), "the resources", UnknownReferenceError)
    graph = {r.name: {f.target for f in r.refs if f.target in by_name and f.target != r.name} for r in new}
    try:
        order = list(TopologicalSorter(graph).static_order())
    except CycleError as error:
        cycle = " -> ".join(error.args[1])
        raise SpecError(
            f"resources reference each other in a cycle ({cycle}); make one ref optional and add it later"
        ) from None
    return [by_name[name] for name in order]
