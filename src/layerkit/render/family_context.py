"""Template contexts by framework: each family's module has project/version/resource_context.

The layout names its framework (a preset's framework and its layout's agree), so the plan
builders ask here and stay the same for every family.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

from layerkit.edit.migrations import NextMigration
from layerkit.layouts import Layout
from layerkit.render import fastapi_context, flask_context
from layerkit.render.shared_context import ProjectInfo
from layerkit.spec.model import Resource
from layerkit.spec.names import ResourceNames, ServiceNames

FAMILIES: dict[str, ModuleType] = {"fastapi": fastapi_context, "flask": flask_context}

__all__ = [
    "FAMILIES",
    "ProjectInfo",
    "project_context",
    "resource_context",
    "service_context",
    "version_context",
]


def _family(layout: Layout) -> ModuleType:
    return FAMILIES[layout.framework]


def project_context(project: ProjectInfo, layout: Layout) -> dict[str, object]:
    context: dict[str, object] = _family(layout).project_context(project, layout)
    return {**context, **_services(layout)}


def _services(layout: Layout) -> dict[str, object]:
    """Where the layout's services live (the Celery app finds their tasks there)."""
    if not layout.service:
        return {}
    folder = layout.service_paths("SERVICE")["init"].removesuffix("/SERVICE/__init__.py")
    return {"services_dir": folder, "services_package": layout.module_of(folder)}


def service_context(project: ProjectInfo, layout: Layout, names: ServiceNames) -> dict[str, object]:
    """What a service's templates see: the project's context, its names and its modules."""
    return {**project_context(project, layout), "s": names, "mod": layout.service_modules(names.name)}


def version_context(project: ProjectInfo, layout: Layout, version: str) -> dict[str, object]:
    context: dict[str, object] = _family(layout).version_context(project, layout, version)
    return context


def resource_context(
    project: ProjectInfo,
    layout: Layout,
    resource: Resource,
    known: dict[str, ResourceNames],
    migration: NextMigration | None,  # None for a fork: it renders no migration
    **options: Any,  # the family's own keywords (e.g. the version a resource is made for)
) -> dict[str, object]:
    family = _family(layout)
    context: dict[str, object] = family.resource_context(
        project, layout, resource, known, migration, **options
    )
    return context
