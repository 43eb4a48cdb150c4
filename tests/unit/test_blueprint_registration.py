"""Registering a sub-app's blueprint (the flask family's `register_blueprint` strategy): on a
module-level blueprint or inside an application factory, idempotent, comments survive."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import layerkit
from layerkit.edit.registration import register_blueprint
from layerkit.errors import EditError

TEMPLATES = Path(layerkit.__file__).parent / "templates" / "flask" / "project"
V1_TEMPLATE = (TEMPLATES / "api_v1.py.j2").read_text(encoding="utf-8")


def imported(source: str) -> list[tuple[str, str, str]]:
    return [
        (node.module or "", alias.name, alias.asname or alias.name)
        for node in ast.parse(source).body
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    ]


def add_blueprint(source: str, plural: str, function: str | None = None, registry: str = "v1") -> str:
    return register_blueprint(
        source,
        path="app/api/v1/v1.py",
        origin=f"app.{plural}",
        name="blueprint",
        alias=f"{plural}_blueprint",
        registry=registry,
        function=function,
    )


def registered(source: str) -> list[str]:
    """The blueprints passed to `X.register_blueprint(...)`, at module level or in a function."""
    return [
        ast.unparse(node.args[0])
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "register_blueprint"
    ]


def test_register_blueprint_on_a_module_blueprint_and_in_a_factory_is_idempotent() -> None:
    edited = add_blueprint(add_blueprint(V1_TEMPLATE, "books"), "authors")
    assert ("app.books", "blueprint", "books_blueprint") in imported(edited)
    assert registered(edited) == ["books_blueprint", "authors_blueprint"]
    assert add_blueprint(edited, "books") == edited
    assert edited.startswith(V1_TEMPLATE.split("\n\n")[0])  # the docstring stays first

    factory = (
        "from flask import Flask\n\n\n"
        "def create_app() -> Flask:\n"
        "    app = Flask(__name__)\n"
        "    app.register_blueprint(health)  # always there\n"
        "    return app\n"
    )
    edited = add_blueprint(factory, "books", function="create_app", registry="app")
    assert registered(edited) == ["health", "books_blueprint"]
    assert "# always there" in edited and edited.rstrip().endswith("return app")
    assert add_blueprint(edited, "books", function="create_app", registry="app") == edited

    with pytest.raises(EditError, match=r"`create_app\(\)` no longer assigns `app = ...Blueprint"):
        add_blueprint("def create_app() -> None:\n    pass\n", "books", function="create_app", registry="app")
    with pytest.raises(EditError, match=r"app/api/v1/v1.py no longer assigns `v1 = \.\.\.Blueprint"):
        add_blueprint("from apiflask import APIBlueprint\n", "books")
