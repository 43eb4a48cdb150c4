"""layerkit: create and grow layered web-API projects.

The public API (`create_project`, `add_resources`, `add_version`, `add_service`, `apply_spec`) is imported lazily so that the
command line starts fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from layerkit.version import __version__

__all__ = [
    "LayerkitError",
    "Report",
    "__version__",
    "add_resources",
    "add_service",
    "add_version",
    "apply_spec",
    "create_project",
]

if TYPE_CHECKING:
    from layerkit.actions import (
        Report,
        add_resources,
        add_service,
        add_version,
        apply_spec,
        create_project,
    )
    from layerkit.errors import LayerkitError


def __getattr__(name: str) -> object:
    if name == "LayerkitError":
        from layerkit.errors import LayerkitError

        return LayerkitError
    if name in {"Report", "add_resources", "add_service", "add_version", "apply_spec", "create_project"}:
        from layerkit import actions

        return getattr(actions, name)
    raise AttributeError(f"module 'layerkit' has no attribute {name!r}")
