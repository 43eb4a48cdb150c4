"""Template contexts for the Flask family: what its templates see for a project or a resource."""

from __future__ import annotations

import shlex

from layerkit.edit.migrations import NextMigration
from layerkit.layouts import FIRST_VERSION, Layout
from layerkit.render.fastapi_fields import DECIMAL_PRECISION, DECIMAL_SCALE
from layerkit.render.flask_fields import FlaskFieldView
from layerkit.render.shared_context import ModulesOf, ProjectInfo, model_imports, patch_case
from layerkit.spec.fields import FieldType
from layerkit.spec.model import Resource
from layerkit.spec.names import ResourceNames

API_PREFIX = f"/api/{FIRST_VERSION}"


def database_url(project: ProjectInfo) -> str:
    """The development default: the sync drivers the app runs on (sqlite3, psycopg)."""
    if project.database == "postgres":
        return f"postgresql+psycopg://postgres@127.0.0.1:5432/{project.package_db}"
    return f"sqlite:///./{project.package_db}.db"


def project_context(project: ProjectInfo, layout: Layout) -> dict[str, object]:
    options = layout.options
    return {
        "project": project,
        # the layout's switches: the folder on sys.path, the function that imports every model
        # (none: importing the registry does), the blueprint's error type with its own status
        "source_root": layout.source_root,
        "model_loader": options.get("model_loader", ""),
        "api_exception": options.get("api_exception", ""),
        "first_party": layout.first_party_packages(),
        "m": layout.project_modules(project.features),
        "paths": layout.project_paths(project.features),
        "features": project.features,
        "decimal": {"precision": DECIMAL_PRECISION, "scale": DECIMAL_SCALE},
        "database_url": database_url(project),
        "app_path": layout.app_path,
        "app_shell": shlex.quote(layout.app_path),  # a factory call ('app:create_app()') is quoted
        "api_prefix": API_PREFIX,
        "versioned": layout.versions is not None,  # API versions: blueprints registered in each
        # alembic.ini's file_template: `make migration` names revisions like layerkit does
        "migration_file_template": layout.migrations.alembic_file_template,
    }


def version_context(project: ProjectInfo, layout: Layout, version: str) -> dict[str, object]:
    return {**project_context(project, layout), "version": version, "api_prefix": layout.api_prefix(version)}


def resource_context(
    project: ProjectInfo,
    layout: Layout,
    resource: Resource,
    known: dict[str, ResourceNames],
    migration: NextMigration | None,  # None for a fork: it renders no migration
    *,
    version: str = FIRST_VERSION,
    modules: dict[str, str] | None = None,
    modules_of: ModulesOf | None = None,
) -> dict[str, object]:
    """`modules`: the resource's own module paths, `modules_of`: another resource's (both default
    to the layout's, in `version`)."""
    names = resource.names
    own = modules or layout.resource_modules(names, version)
    modules_of = modules_of or (lambda other: layout.resource_modules(other, version))
    fields = [FlaskFieldView(f, names, known.get(f.target) if f.target else None) for f in resource.fields]
    patch = patch_case(fields, awaited=False)
    values = layout.pattern_values(names, version=version)
    service = "utils" if "utils" in own else "service"  # sub-apps keep their rules in utils.py
    return {
        **project_context(project, layout),
        "mod": own,
        "version": version,
        "fork": own != modules_of(names),  # code of its own in a later version
        "api_prefix": layout.api_prefix(version),
        "r": names,
        "bp": layout.options.get("blueprint", "blueprint").format(**values),
        "route_prefix": layout.options.get("route_prefix", "").format(**values),
        "svc": {"module": own[service], "word": service},
        "fields": fields,
        "sortable": [
            "id",
            *[f.column for f in fields if f.spec.type is not FieldType.JSON],
            "created_at",
            "updated_at",
        ],
        "filterable": [f.column for f in fields if f.query_field and not f.self_ref],
        "invalid_cases": [case for f in fields for case in f.invalid_cases],
        "invalid_filters": [case for f in fields if not f.self_ref for case in f.invalid_filters],
        "nullable": [f.column for f in fields if f.optional and f.query_field and not f.self_ref],
        "required": [f.column for f in fields if not f.optional and f.spec.default is None],
        "unique": [f.column for f in fields if f.unique],
        "refs": [f for f in fields if f.is_ref],
        "enums": [f for f in fields if f.spec.type is FieldType.ENUM],
        "patch": patch,
        "patch_factory": modules_of(patch.target)["factory"] if patch.target else "",
        "migration": migration,
        "imports": _imports(project, layout, names, own, modules_of, fields),
    }


def _imports(
    project: ProjectInfo,
    layout: Layout,
    names: ResourceNames,
    own: dict[str, str],
    modules_of: ModulesOf,
    fields: list[FlaskFieldView],
) -> dict[str, list[str]]:
    """Import lines per artifact; ruff sorts them and drops any that end up unused."""
    m = layout.project_modules(project.features)
    refs = sorted(
        {f.target.singular: f.target for f in fields if f.target and not f.self_ref}.values(),
        key=lambda t: t.singular,
    )
    # Generous lists: ruff drops the names a module does not use.
    types = [
        "from decimal import Decimal",
        "from uuid import UUID",
        "from typing import Literal, TypedDict",
        f"from {m['core_types']} import Bool, Date, DateTime, Float, Int, JsonObject, Str",
    ]
    schemas = [
        "from decimal import Decimal",
        "from marshmallow import fields",
        "from marshmallow.validate import Length, OneOf, Range",
        f"from {m['core_schemas']} import PageQuery, Schema",
        f"from {m['core_types']} import INT32_MAX, INT32_MIN, Date, DecimalText, EmailText, ExactDecimal,"
        " FiniteFloat, HttpUrlText, IsoDate, JsonObjectField, NullOr, QueryBool, QueryFloat, QueryInt,"
        " QueryRowId, RowId, StorableJson, StrictBool, StrictInt, Text, UtcDateTime",
    ]
    choices = [f.choices_name for f in fields if f.spec.type is FieldType.ENUM]
    schemas.append(f"from {own['types']} import {', '.join([f'{names.singular.upper()}_SORTS', *choices])}")
    factory = [
        "from flask.testing import FlaskClient",
        "from uuid import uuid4",
        f"from {m['test_helpers']} import date_value, datetime_value, next_number, number_value, text_value",
        *[f"from {modules_of(t)['factory']} import create_{t.singular}" for t in refs],
    ]
    models = model_imports(m, own, modules_of, fields)
    return {"models": models, "types": types, "schemas": schemas, "factory": factory}
