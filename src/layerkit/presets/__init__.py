"""Presets: a framework, a layout and the features a project starts with."""

from __future__ import annotations

from dataclasses import dataclass

from layerkit.errors import LayerkitError
from layerkit.layouts import Layout


@dataclass(frozen=True)
class Preset:
    name: str
    framework: str
    layout: Layout
    description: str


def get_preset(name: str) -> Preset:
    from layerkit.layouts.fastapi import FASTAPI

    presets = {
        "fastapi": Preset(
            "fastapi", "fastapi", FASTAPI, "FastAPI, async SQLAlchemy 2, Alembic; one package per resource"
        )
    }
    if name not in presets:
        raise LayerkitError(f"unknown preset {name!r}; available: {', '.join(presets)}")
    return presets[name]
