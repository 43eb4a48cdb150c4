"""Context both template families compute alike: the models module's imports (its template is
common to both) and the field a generated PATCH test changes."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from layerkit.spec.fields import Field, FieldType
from layerkit.spec.names import ResourceNames, to_snake

ModulesOf = Callable[[ResourceNames], dict[str, str]]


@dataclass(frozen=True)
class ProjectInfo:
    name: str
    database: str
    package: str
    migrations_dir: str
    features: frozenset[str] = frozenset()
    first_party: tuple[str, ...] = ()  # the layout's, for isort and the wheel's packages

    @property
    def package_db(self) -> str:
        return to_snake(self.name)

    @property
    def dist_name(self) -> str:
        return self.name.lower().replace("_", "-")


class FieldLike(Protocol):
    """What both families' field views offer."""

    @property
    def column(self) -> str: ...
    @property
    def is_ref(self) -> bool: ...
    @property
    def self_ref(self) -> bool: ...
    @property
    def owner(self) -> ResourceNames: ...
    @property
    def target(self) -> ResourceNames | None: ...
    @property
    def spec(self) -> Field: ...


@dataclass(frozen=True)
class PatchCase:
    column: str
    value: str
    target: ResourceNames | None


def patch_case(fields: Sequence[FieldLike], *, awaited: bool) -> PatchCase:
    """The first plain field, else the first reference (`awaited`: the test client is async)."""
    for view in fields:
        if not view.is_ref:
            return PatchCase(view.column, f'{view.owner.singular}_payload()["{view.column}"]', None)
    view = fields[0]
    assert view.target is not None
    if view.self_ref:
        return PatchCase(view.column, "None", None)
    create = f"create_{view.target.singular}(client)"
    value = f'(await {create})["id"]' if awaited else f'{create}["id"]'
    return PatchCase(view.column, value, view.target)


def model_imports(
    m: Mapping[str, str], own: Mapping[str, str], modules_of: ModulesOf, fields: Sequence[FieldLike]
) -> list[str]:
    """Import lines of the models module (ruff drops the unused ones); other resources' models,
    needed only for annotations, under `if TYPE_CHECKING:` after every plain import."""
    lines = [
        f"from {m['db_base']} import Entity",
        "import sqlalchemy as sa",
        "from sqlalchemy.orm import Mapped, mapped_column, relationship",
        *value_types(m),
    ]
    if any(f.spec.type is FieldType.DATETIME for f in fields):
        lines.append(f"from {m['db_types']} import UTCDateTime")
    refs = sorted(
        {f.target.singular: f.target for f in fields if f.target and not f.self_ref}.values(),
        key=lambda t: t.singular,
    )
    # none where one module holds every model (seed 002's db_sql/models.py)
    elsewhere = [t for t in refs if modules_of(t)["models"] != own["models"]]
    if elsewhere:
        lines.insert(0, "from typing import TYPE_CHECKING")
        lines.append("if TYPE_CHECKING:")
        lines += [f"    from {public_module(modules_of(t))} import {t.cls}" for t in elsewhere]
    return lines


def value_types(m: Mapping[str, str]) -> list[str]:
    """The Python and column types a models or schemas module may name."""
    return [
        "from decimal import Decimal",
        "from uuid import UUID",
        f"from {m['core_types']} import Bool, Date, DateTime, Float, Int, JsonObject, Str",
    ]


def public_module(modules: Mapping[str, str]) -> str:
    """Where other code imports a resource's model from: its package interface, if it has one."""
    return modules.get("init", modules["models"])
