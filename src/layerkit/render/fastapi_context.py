"""Template contexts for the FastAPI preset: what the templates see for a project or a resource."""

from __future__ import annotations

from layerkit.edit.migrations import NextMigration
from layerkit.layouts import FIRST_VERSION, Layout
from layerkit.render.fastapi_fields import DECIMAL_PRECISION, DECIMAL_SCALE, FieldView
from layerkit.render.shared_context import (
    ModulesOf,
    PatchCase,
    ProjectInfo,
    model_imports,
    patch_case,
    value_types,
)
from layerkit.spec.fields import FieldType
from layerkit.spec.model import Resource
from layerkit.spec.names import ResourceNames


def database_url(project: ProjectInfo) -> str:
    """The development database's URL, on the async drivers."""
    if project.database == "postgres":
        return f"postgresql+asyncpg://postgres@127.0.0.1:5432/{project.package_db}"
    return f"sqlite+aiosqlite:///./{project.package_db}.db"


def project_context(project: ProjectInfo, layout: Layout) -> dict[str, object]:
    return {
        "project": project,
        "m": layout.project_modules(project.features),
        "paths": layout.project_paths(project.features),
        "packages": layout.contract_root_packages(),  # the project's own source packages
        "features": project.features,
        "database_url": database_url(project),
        "decimal": {"precision": DECIMAL_PRECISION, "scale": DECIMAL_SCALE},
        # alembic.ini's file_template: `make migration` names revisions like layerkit does
        "migration_file_template": layout.migrations.alembic_file_template,
    }


def version_context(project: ProjectInfo, layout: Layout, version: str) -> dict[str, object]:
    return {**project_context(project, layout), "version": version, "api_prefix": layout.api_prefix(version)}


# The modules of any resource's own code (other resources' factories, models), by its names.


def resource_context(
    project: ProjectInfo,
    layout: Layout,
    resource: Resource,
    known: dict[str, ResourceNames],
    migration: NextMigration | None,
    *,
    version: str = FIRST_VERSION,
    modules: dict[str, str] | None = None,
    modules_of: ModulesOf | None = None,
) -> dict[str, object]:
    """What a resource's templates see for its code in `version` (`modules`: that code's modules,
    its own by default; a fork's replace some). A fork renders no migration (`migration` None)."""
    names = resource.names
    fields = [FieldView(f, names, known.get(f.target) if f.target else None) for f in resource.fields]
    modules_of = modules_of or layout.resource_modules
    modules = modules or modules_of(names)
    patch = patch_case(fields, awaited=True)
    return {
        **project_context(project, layout),
        "mod": modules,
        "version": version,
        "fork": modules != modules_of(names),  # code of its own in a later version
        "api_prefix": layout.api_prefix(version),
        "r": names,
        "fields": fields,
        "sortable": [
            "id",
            *[f.column for f in fields if f.spec.type is not FieldType.JSON],
            "created_at",
            "updated_at",
        ],
        "filterable": [f.column for f in fields if f.filter_decl and not f.self_ref],
        "invalid_cases": [case for f in fields for case in f.invalid_cases],
        "invalid_filters": [case for f in fields if not f.self_ref for case in f.invalid_filters],
        "nullable": [f.column for f in fields if f.optional and f.filter_decl and not f.self_ref],
        "required": [f.column for f in fields if not f.optional and f.spec.default is None],
        "not_null": [f for f in fields if not f.optional],
        "unique": [f.column for f in fields if f.unique],
        "refs": [f for f in fields if f.is_ref],
        "patch": patch,
        "migration": migration,
        "imports": _imports(project, layout, names, modules, modules_of, fields, patch),
    }


def _imports(
    project: ProjectInfo,
    layout: Layout,
    names: ResourceNames,
    own: dict[str, str],
    modules_of: ModulesOf,
    fields: list[FieldView],
    patch: PatchCase,
) -> dict[str, list[str]]:
    """Import lines per artifact; ruff sorts them and drops any that end up unused."""
    m = layout.project_modules(project.features)
    refs = sorted(
        {f.target.singular: f.target for f in fields if f.target and not f.self_ref}.values(),
        key=lambda t: t.singular,
    )
    # Generous lists: ruff drops the names a module does not use.
    schemas = [
        *value_types(m),
        "from typing import Literal",
        "from pydantic import BaseModel, ConfigDict, EmailStr, Field",
        f"from {m['core_schemas']} import PageQuery",
        f"from {m['core_types']} import INT32_MAX, INT32_MIN, ExactDecimal, FiniteFloat, HttpUrlStr, IsoDate, NotNull,"
        " NullFilter, QueryBool, QueryFloat, QueryInt32, QueryRowId, RowId, StorableJson, StrictBool, StrictInt,"
        " Text, UtcDateTime",
    ]
    factory = [
        "from httpx import AsyncClient",
        "from uuid import uuid4",
        f"from {m['test_helpers']} import date_value, datetime_value, next_number, number_value, text_value",
        *[f"from {modules_of(t)['factory']} import create_{t.singular}" for t in refs],
    ]
    test_router = [
        f"from {own['factory']} import URL, create_{names.singular}, {names.singular}_input,"
        f" {names.singular}_payload",
    ]
    if patch.target is not None:
        target = modules_of(patch.target)["factory"]
        test_router.append(f"from {target} import create_{patch.target.singular}")
    return {
        "models": model_imports(m, own, modules_of, fields),
        "schemas": schemas,
        "factory": factory,
        "test_router": test_router,
    }
