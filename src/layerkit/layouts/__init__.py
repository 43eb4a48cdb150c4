"""Layouts: where each artifact of a preset goes. Data, not code: a table of role -> path."""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType


@dataclass(frozen=True)
class Artifact:
    role: str
    template: str  # relative to the framework's template folder
    path: str  # pattern: {package}, {plural}, {revision}, {slug}
    raw: bool = False  # copied as it is, not rendered (e.g. Alembic's own Mako template)


@dataclass(frozen=True)
class Layout:
    framework: str
    package: str
    project: tuple[Artifact, ...]
    resource: tuple[Artifact, ...]
    migrations_dir: str
    # Files layerkit edits (never rewrites) when a resource is added.
    router_registry: str
    model_registry: str

    def project_paths(self) -> MappingProxyType[str, str]:
        return MappingProxyType({a.role: a.path.format(package=self.package) for a in self.project})

    def project_modules(self) -> dict[str, str]:
        return {role: module_of(path) for role, path in self.project_paths().items() if path.endswith(".py")}

    def resource_paths(self, plural: str, **extra: str) -> dict[str, str]:
        return {a.role: a.path.format(package=self.package, plural=plural, **extra) for a in self.resource}

    def resource_modules(self, plural: str) -> dict[str, str]:
        paths = self.resource_paths(plural, revision="", slug="")
        return {role: module_of(path) for role, path in paths.items() if role != "migration"}


def module_of(path: str) -> str:
    """'app/books/models.py' -> 'app.books.models'; '.../__init__.py' -> the package."""
    return path.removesuffix(".py").removesuffix("/__init__").replace("/", ".")
