"""The field a generated PATCH test changes, the same in every template family."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from layerkit.spec.names import ResourceNames


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
