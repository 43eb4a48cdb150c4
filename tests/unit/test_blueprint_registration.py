"""Registering a sub-app's blueprint (the flask family's `register_blueprint` strategy): on a
module-level blueprint or inside an application factory, idempotent, comments survive."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import layerkit
from layerkit.edit.registration import SWAPS, register_blueprint, retarget_blueprint
from layerkit.errors import EditError

TEMPLATES = Path(layerkit.__file__).parent / "templates" / "flask" / "project"
# A version's registry as `layerkit generate version` renders it, for v1.
V1_TEMPLATE = (
    (TEMPLATES / "api_version.py.j2")
    .read_text(encoding="utf-8")
    .replace("{{ api_prefix }}", "/api/v1")
    .replace("{{ version }}", "v1")
)


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


def test_a_fork_moves_only_the_import_and_the_registration_keeps_its_place() -> None:
    source = add_blueprint(add_blueprint(add_blueprint(V1_TEMPLATE, "authors"), "books"), "reviews")
    moved = retarget_blueprint(
        source,
        path="app/api/v2/v2.py",
        old_origin="app.books",
        origin="app.books.v2",
        name="blueprint",
        alias="books_blueprint",
        registry="v1",
    )
    assert ("app.books.v2", "blueprint", "books_blueprint") in imported(moved)
    assert ("app.books", "blueprint", "books_blueprint") not in imported(moved)
    assert (
        registered(moved)
        == registered(source)
        == ["authors_blueprint", "books_blueprint", "reviews_blueprint"]
    )
    params = {"origin": "app.books.v2", "name": "blueprint", "alias": "books_blueprint", "registry": "v1"}
    again = SWAPS["register_blueprint"](
        moved, path="v2.py", old={**params, "origin": "app.books"}, new=params
    )
    assert again == moved  # idempotent: already pointing at the fork


def test_a_fork_of_a_sub_app_the_version_did_not_register_registers_it() -> None:
    moved = retarget_blueprint(
        V1_TEMPLATE,
        path="app/api/v2/v2.py",
        old_origin="app.books",
        origin="app.books.v2",
        name="blueprint",
        alias="books_blueprint",
        registry="v1",
    )
    assert registered(moved) == ["books_blueprint"]
    assert ("app.books.v2", "blueprint", "books_blueprint") in imported(moved)
