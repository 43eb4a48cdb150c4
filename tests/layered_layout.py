"""A layout of our own whose versions live elsewhere than the default preset's, to prove that
`generate version` follows the layout's data: seed 003's spelling, one folder per layer, each
version a package (`app/api/v2/__init__.py`) and a fork spread over the layers' folders."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace

import pytest

from layerkit.layouts import Artifact, Contract, Registration, Versions
from layerkit.layouts.fastapi import FASTAPI
from layerkit.presets import CATALOG, Entry, get_preset

_P, _R = "project/", "resource/"
NAME = "test-layered"


def _empty(role: str, path: str) -> Artifact:
    return Artifact(role, _P + "empty.py.j2", path)


_LAYERS = ("schemas", "repositories", "services")
_TESTS = ("factory", "test_router", "test_service")

LAYERED = replace(
    FASTAPI,
    reserved=frozenset({"api", "core", "db", "main", "models", *_LAYERS}),
    project=(
        *(a for a in FASTAPI.project if a.role not in {"api", "api_router", "models_registry"}),
        Artifact("api_router", _P + "api_router.py.j2", "{package}/api/__init__.py"),
        Artifact("models_registry", _P + "models_registry.py.j2", "{package}/models/__init__.py"),
        *(_empty(f"{layer}_package", f"{{package}}/{layer}/__init__.py") for layer in _LAYERS),
    ),
    resource=(
        Artifact("models", _R + "models.py.j2", "{package}/models/{plural}.py"),
        Artifact("schemas", _R + "schemas.py.j2", "{package}/schemas/{plural}.py"),
        Artifact("repository", _R + "repository.py.j2", "{package}/repositories/{plural}.py"),
        Artifact("service", _R + "service.py.j2", "{package}/services/{singular}_service.py"),
        Artifact("router", _R + "router.py.j2", "{package}/api/{version}/{plural}.py"),
        _empty("tests_init", "tests/{plural}/__init__.py"),
        *(Artifact(r, f"{_R}{r}.py.j2", f"tests/{{plural}}/{r}.py") for r in _TESTS),
        Artifact("migration", _R + "migration.py.j2", "{migration}"),
    ),
    versions=Versions(
        registry="{package}/api/{version}/__init__.py",
        root="{package}/api/__init__.py",
        fork=(
            Artifact("router", _R + "router.py.j2", "{package}/api/{version}/{plural}.py"),
            _empty("schemas_version", "{package}/schemas/{version}/__init__.py"),
            Artifact("schemas", _R + "schemas.py.j2", "{package}/schemas/{version}/{plural}.py"),
            _empty("repositories_version", "{package}/repositories/{version}/__init__.py"),
            Artifact("repository", _R + "repository.py.j2", "{package}/repositories/{version}/{plural}.py"),
            _empty("services_version", "{package}/services/{version}/__init__.py"),
            Artifact("service", _R + "service.py.j2", "{package}/services/{version}/{singular}_service.py"),
            _empty("tests_init", "tests/{plural}/{version}/__init__.py"),
            *(Artifact(r, f"{_R}{r}.py.j2", f"tests/{{plural}}/{{version}}/{r}.py") for r in _TESTS),
        ),
    ),
    version_artifacts=(
        Artifact("api_version", _P + "api_version.py.j2", "{package}/api/{version}/__init__.py"),
    ),
    registrations=(
        Registration(
            "{package}/api/{version}/__init__.py",
            "include_router",
            {"registry": "router", "origin": "{mod[router]}", "alias": "{plural}_router"},
        ),
        Registration(
            "{package}/models/__init__.py", "export_model", {"origin": "{mod[models]}", "name": "{Class}"}
        ),
    ),
    contracts=(
        Contract(
            "layerkit-layers",
            {
                "name": "api -> services -> repositories -> models/schemas",
                "type": "layers",
                "containers": ["{package}"],
                "layers": ["api", "services", "repositories", "models | schemas"],
            },
            min_resources=1,
        ),
        Contract(
            "layerkit-forked-services",
            {
                "name": "a version's services speak no HTTP",
                "type": "forbidden",
                "source_modules": ["{package}.services.{version}.{singular}_service"],
                "forbidden_modules": ["fastapi", "starlette"],
            },
        ),
    ),
)
UNVERSIONED = replace(FASTAPI, versions=None, version_artifacts=())


@contextmanager
def preset(name: str, layout: str) -> Iterator[str]:
    """A preset of ours in the catalog while the block runs (`layout`: this module's NAME)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setitem(CATALOG, name, Entry("fastapi", f"tests.layered_layout:{layout}", "a test layout", ""))
        get_preset.cache_clear()
        try:
            yield name
        finally:
            get_preset.cache_clear()
