"""Presets: a framework's template family, a layout (data) and the features a project may have."""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from functools import cache

from layerkit.errors import LayerkitError
from layerkit.layouts import Layout


@dataclass(frozen=True)
class Entry:
    framework: str  # the template family: templates/<framework>/
    layout: str  # "module:NAME" of its Layout, imported only when the preset is used
    description: str
    seed: str  # the architecture document it follows ("" for our own)
    features: frozenset[str] = frozenset()  # optional parts a project may ask for (e.g. "admin")


# Every preset, by name. Adding one = a layout module, templates that differ, and a line here.
CATALOG: dict[str, Entry] = {
    "fastapi": Entry(
        "fastapi",
        "layerkit.layouts.fastapi:FASTAPI",
        "FastAPI; one package per resource: router -> service -> repository -> models (our default)",
        "",
        frozenset({"admin"}),
    ),
    "fastapi-services": Entry(
        "fastapi",
        "layerkit.layouts.fastapi_services:FASTAPI_SERVICES",
        "FastAPI, seed 002 (002_c0683c084461994a.txt): api/ app, common/, db_sql/ (all models in one"
        " file), service/<name>/{models,db,routes}.py owning its router, integration_tests/, GitLab CI",
        "002_c0683c084461994a.txt",
    ),
    "fastapi-layered": Entry(
        "fastapi",
        "layerkit.layouts.fastapi_layered:FASTAPI_LAYERED",
        "FastAPI; one folder per layer (seed 003, 003_378e6498d035f4e4.txt): api/v1 -> dependencies"
        " -> services -> database/data_layer (BaseDAO) -> models | schemas; Redis",
        "003_378e6498d035f4e4.txt",
        frozenset({"admin"}),
    ),
    "flask-subapps": Entry(
        "flask",
        "layerkit.layouts.flask_subapps:FLASK_SUBAPPS",
        "Flask sub-apps (seed 000): app/api/root.py registers v1/v2 blueprints that only derive routes from app/<plural>/",
        "000_7f3a86c191d3cfe3.txt",
    ),
    "flask-layered": Entry(
        "flask",
        "layerkit.layouts.flask_layered:FLASK_LAYERED",
        "Flask, one folder per layer (seed 001, BackAnt, 001_0870687468840172.txt): api/app.py registers"
        " routes/<plural>_route.py -> services -> repositories (base Repository) -> schemas -> models",
        "001_0870687468840172.txt",
    ),
}
PRESET_NAMES = tuple(CATALOG)


@dataclass(frozen=True)
class Preset:
    name: str
    framework: str
    layout: Layout
    description: str
    seed: str
    features: frozenset[str]

    @property
    def template_folders(self) -> tuple[str, ...]:
        """Where templates are looked up: the preset's own, the family's, then common ones."""
        return (self.name, self.framework, "common")


@cache
def get_preset(name: str) -> Preset:
    entry = CATALOG.get(name)
    if entry is None:
        raise LayerkitError(
            f"unknown preset {name!r}; choose one of {', '.join(CATALOG)} (`layerkit presets` describes them)"
        )
    module, _, attribute = entry.layout.partition(":")
    layout = getattr(importlib.import_module(module), attribute)
    return Preset(name, entry.framework, layout, entry.description, entry.seed, entry.features)
