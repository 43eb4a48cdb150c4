"""Registering routers and models by editing code as code: idempotent, comments survive."""

from __future__ import annotations

import ast
from collections.abc import Callable
from pathlib import Path

import pytest

import layerkit
from layerkit.edit.registration import (
    STRATEGIES,
    SWAPS,
    append_definitions,
    import_in_function,
    register_model,
    register_router,
    retarget_router,
)
from layerkit.errors import EditError

TEMPLATES = Path(layerkit.__file__).parent / "templates" / "fastapi" / "project"
ROUTER_TEMPLATE = (TEMPLATES / "api_router.py.j2").read_text(encoding="utf-8")
MODELS_TEMPLATE = (TEMPLATES.parent.parent / "common" / "project" / "models_registry.py.j2").read_text(
    encoding="utf-8"
)


def add_router(source: str, plural: str) -> str:
    return register_router(source, path="app/api/router.py", origin=f"app.{plural}", alias=f"{plural}_router")


def add_model(source: str, plural: str, cls: str) -> str:
    return register_model(source, path="app/models.py", origin=f"app.{plural}.models", name=cls)


def include_calls(source: str) -> list[str]:
    """The routers passed to `api_router.include_router(...)` at module level, in order."""
    calls = []
    for node in ast.parse(source).body:
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
            func = node.value.func
            if isinstance(func, ast.Attribute) and func.attr == "include_router":
                calls.append(ast.unparse(node.value.args[0]))
    return calls


def imported(source: str) -> list[tuple[str, str, str]]:
    return [
        (node.module or "", alias.name, alias.asname or alias.name)
        for node in ast.parse(source).body
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    ]


def exported(source: str) -> list[str]:
    """The value of the module-level `__all__` (plain or annotated assignment)."""
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign):
            target, value = node.targets[0], node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            target, value = node.target, node.value
        else:
            continue
        if isinstance(target, ast.Name) and target.id == "__all__":
            names = ast.literal_eval(value)
            assert isinstance(names, list)
            return names
    raise AssertionError("no __all__")


def test_register_router_imports_and_includes_the_router() -> None:
    edited = add_router(ROUTER_TEMPLATE, "books")

    assert ("app.books", "router", "books_router") in imported(edited)
    assert include_calls(edited) == ["books_router"]
    assert edited.startswith(ROUTER_TEMPLATE.split("\n\n")[0])  # the docstring stays first


def test_register_router_keeps_registration_order() -> None:
    edited = add_router(add_router(add_router(ROUTER_TEMPLATE, "books"), "authors"), "loans")

    assert include_calls(edited) == ["books_router", "authors_router", "loans_router"]


def test_register_router_is_idempotent() -> None:
    once = add_router(add_router(ROUTER_TEMPLATE, "books"), "authors")

    assert add_router(once, "books") == once
    assert add_router(once, "authors") == once


def test_register_router_reuses_an_existing_import_alias() -> None:
    source = ROUTER_TEMPLATE + "\n"
    source = source.replace(
        "from fastapi import APIRouter\n",
        "from fastapi import APIRouter\n\nfrom app.books import router as book_routes\n",
    )
    source += "api_router.include_router(book_routes)\n"

    assert add_router(source, "books") == source


def test_register_router_keeps_an_include_with_extra_arguments_as_registered() -> None:
    source = (
        "from fastapi import APIRouter\n"
        "from app.books import router as books_router\n\n"
        'api_router = APIRouter(prefix="/api/v1")\n'
        'api_router.include_router(books_router, tags=["shop"])\n'
    )

    assert add_router(source, "books") == source


def test_register_router_keeps_comments_and_custom_code() -> None:
    source = (
        '"""Routes."""\n\n'
        "from fastapi import APIRouter  # third party\n\n"
        "from app.core.config import settings  # our settings\n\n"
        'api_router = APIRouter(prefix="/api/v1")\n'
        "\n"
        "\n"
        "def custom() -> int:\n"
        "    # a helper the team wrote\n"
        "    return settings.port\n"
    )

    edited = add_router(source, "books")

    assert include_calls(edited) == ["books_router"]
    for line in source.splitlines():
        assert line in edited.splitlines()


def test_register_router_works_on_a_reformatted_file() -> None:
    source = (
        '"""Routes."""\n'
        "\n"
        "\n"
        "\n"
        "from fastapi import APIRouter\n"
        "\n"
        "\n"
        "api_router = APIRouter(\n"
        '    prefix="/api/v1",  # versioned\n'
        '    tags=["v1"],\n'
        ")\n"
        "\n"
        "\n"
        "\n"
        "def custom() -> None:\n"
        "    pass\n"
    )

    edited = add_router(add_router(source, "books"), "authors")

    assert include_calls(edited) == ["books_router", "authors_router"]
    assert '    prefix="/api/v1",  # versioned\n' in edited
    assert add_router(edited, "books") == edited
    compile(edited, "router.py", "exec")


def test_register_router_includes_after_the_last_existing_include() -> None:
    source = (
        "from fastapi import APIRouter\n"
        "from app.api.health import router as health_router\n\n"
        'api_router = APIRouter(prefix="/api/v1")\n'
        "api_router.include_router(health_router)\n"
        "\n"
        "VERSION = 1\n"
    )

    edited = add_router(source, "books")

    lines = edited.splitlines()
    assert lines.index("api_router.include_router(books_router)") == (
        lines.index("api_router.include_router(health_router)") + 1
    )
    assert lines[-1] == "VERSION = 1"


def test_register_router_works_with_a_comment_above_the_registry() -> None:
    source = (
        "from fastapi import APIRouter\n\n# every resource router\napi_router = APIRouter(prefix='/api/v1')\n"
    )

    edited = add_router(source, "books")

    assert include_calls(edited) == ["books_router"]


def test_register_router_is_idempotent_with_a_comment_above_an_include() -> None:
    source = (
        "from fastapi import APIRouter\n"
        "from app.books import router as books_router\n\n"
        "api_router = APIRouter(prefix='/api/v1')\n"
        "# the shop\n"
        "api_router.include_router(books_router)\n"
    )

    assert add_router(source, "books") == source


def test_register_router_works_with_an_annotated_registry() -> None:
    source = "from fastapi import APIRouter\n\napi_router: APIRouter = APIRouter(prefix='/api/v1')\n"

    edited = add_router(source, "books")

    assert include_calls(edited) == ["books_router"]


@pytest.mark.parametrize(
    "source",
    [
        "from fastapi import APIRouter\n",
        "from fastapi import APIRouter\n\nrouter = APIRouter()\n",
        "from fastapi import APIRouter\n\n# api_router = APIRouter()\n",
        "from fastapi import APIRouter\n\nif True:\n    api_router = APIRouter()\n",
    ],
)
def test_register_router_without_the_registry_raises_edit_error(source: str) -> None:
    with pytest.raises(EditError) as caught:
        add_router(source, "books")

    assert "app/api/router.py" in caught.value.message
    assert "api_router = APIRouter(...)" in caught.value.message
    assert "books_router" in caught.value.message


@pytest.mark.parametrize("edit", [add_router, lambda s, p: add_model(s, p, "Book")])
def test_invalid_python_raises_edit_error_naming_the_file(edit: Callable[[str, str], str]) -> None:
    source = "from fastapi import APIRouter\n\napi_router = APIRouter(\n"

    with pytest.raises(EditError) as caught:
        edit(source, "books")

    assert caught.value.message.startswith("app/")
    assert "is not valid Python (line 3)" in caught.value.message
    assert "\n" not in caught.value.message


def test_register_model_on_the_template_imports_and_exports_the_model() -> None:
    edited = add_model(MODELS_TEMPLATE, "books", "Book")

    assert ("app.books.models", "Book", "Book") in imported(edited)
    assert exported(edited) == ["Book"]
    assert edited.startswith(MODELS_TEMPLATE.split("\n\n")[0])


def test_register_model_keeps_all_sorted() -> None:
    edited = add_model(
        add_model(add_model(MODELS_TEMPLATE, "books", "Book"), "authors", "Author"), "loans", "Loan"
    )

    assert exported(edited) == ["Author", "Book", "Loan"]
    assert [name for _, name, _ in imported(edited)] == ["Book", "Author", "Loan"]


def test_register_model_is_idempotent() -> None:
    once = add_model(add_model(MODELS_TEMPLATE, "books", "Book"), "authors", "Author")

    assert add_model(once, "books", "Book") == once
    assert add_model(once, "authors", "Author") == once


def test_register_model_with_many_models_writes_a_valid_multiline_list() -> None:
    source = MODELS_TEMPLATE
    for plural, cls in [("books", "Book"), ("authors", "Author"), ("loans", "Loan"), ("shelves", "Shelf")]:
        source = add_model(source, plural, cls)

    assert exported(source) == ["Author", "Book", "Loan", "Shelf"]
    assert add_model(source, "loans", "Loan") == source


def test_register_model_adds_all_when_there_is_none() -> None:
    edited = add_model('"""Models."""\n\nfrom app.db.base import Base\n', "books", "Book")

    assert exported(edited) == ["Book"]
    assert ("app.db.base", "Base", "Base") in imported(edited)


def test_register_model_keeps_comments_and_custom_code_outside_all() -> None:
    source = (
        '"""Models."""\n\n'
        "from app.books.models import Book  # the first one\n\n"
        "\n"
        "def custom() -> int:\n"
        "    # helper\n"
        "    return 1\n"
        "\n\n"
        '__all__ = ["Book"]\n'
    )

    edited = add_model(source, "authors", "Author")

    assert exported(edited) == ["Author", "Book"]
    for line in source.splitlines():
        if not line.startswith("__all__"):
            assert line in edited.splitlines()


def test_register_model_keeps_comments_on_all() -> None:
    source = '"""Models."""\n\nfrom app.books.models import Book\n\n# keep sorted\n__all__ = ["Book"]  # exported\n'

    edited = add_model(source, "authors", "Author")

    assert "# keep sorted" in edited
    assert "# exported" in edited


def test_register_model_refuses_an_all_that_is_not_a_list_of_strings() -> None:
    source = "from app.books.models import Book\n\n__all__ = [Book.__name__]\n"

    with pytest.raises(EditError, match=r"`__all__` must stay a list of strings; add 'Author' by hand"):
        add_model(source, "authors", "Author")


VERSION_REGISTRY = '''"""The /api/v2 router."""

from fastapi import APIRouter

from app.authors import router as authors_router
from app.books import router as books_router  # the books of v1
from app.reviews import router as reviews_router

router = APIRouter(prefix="/api/v2")
router.include_router(authors_router)
router.include_router(books_router)
router.include_router(reviews_router)
'''


def to_fork(source: str, old: str = "app.books", new: str = "app.books.v2") -> str:
    return retarget_router(
        source, path="app/api/v2.py", old_origin=old, origin=new, alias="books_router", registry="router"
    )


def test_retargeting_changes_only_the_import_and_keeps_the_include_in_place() -> None:
    result = to_fork(VERSION_REGISTRY)
    assert ("app.books.v2", "router", "books_router") in imported(result)
    assert ("app.books", "router", "books_router") not in imported(result)
    assert include_calls(result) == ["authors_router", "books_router", "reviews_router"]
    assert to_fork(result) == result  # idempotent


def test_retargeting_keeps_other_names_of_the_same_import() -> None:
    source = VERSION_REGISTRY.replace(
        "from app.books import router as books_router  # the books of v1",
        "from app.books import Book, router as books_router",
    )
    result = to_fork(source)
    assert ("app.books", "Book", "Book") in imported(result)
    assert ("app.books.v2", "router", "books_router") in imported(result)
    assert include_calls(result) == ["authors_router", "books_router", "reviews_router"]


def test_retargeting_a_router_that_is_not_included_includes_the_new_one() -> None:
    source = VERSION_REGISTRY.replace("router.include_router(books_router)\n", "").replace(
        "from app.books import router as books_router  # the books of v1\n", ""
    )
    result = to_fork(source)
    assert include_calls(result) == ["authors_router", "reviews_router", "books_router"]
    assert ("app.books.v2", "router", "books_router") in imported(result)


def test_every_swap_names_a_strategy() -> None:
    assert set(SWAPS) <= set(STRATEGIES)


# --- append_definitions: one module holding every model (seed 002's db_sql/models.py) ---------

SHARED_MODELS = '"""Every model, in one module."""\n'
AUTHOR_FRAGMENT = '''"""The author table."""

from decimal import Decimal
from uuid import UUID

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from db_sql.base import Entity


class Author(Entity):
    __tablename__ = "author"

    name: Mapped[str] = mapped_column(sa.String(120))
'''
BOOK_FRAGMENT = '''"""The book table."""

from decimal import Decimal
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db_sql.base import Entity

if TYPE_CHECKING:
    from service.author import Author


class Book(Entity):
    __tablename__ = "book"

    price: Mapped[Decimal] = mapped_column(sa.Numeric(12, 2))
    author_id: Mapped[int] = mapped_column(sa.ForeignKey("author.id"))
    author: Mapped["Author"] = relationship(foreign_keys=[author_id], lazy="raise")
'''


def append(source: str, fragment: str) -> str:
    return append_definitions(source, path="db_sql/models.py", fragment=fragment)


def classes(source: str) -> list[str]:
    return [node.name for node in ast.parse(source).body if isinstance(node, ast.ClassDef)]


def test_append_definitions_merges_two_models_into_one_module() -> None:
    merged = append(append(SHARED_MODELS, AUTHOR_FRAGMENT), BOOK_FRAGMENT)

    assert classes(merged) == ["Author", "Book"]
    assert merged.startswith(SHARED_MODELS)  # the module's docstring stays; the fragments' go
    assert '"""The book table."""' not in merged and '"""The author table."""' not in merged
    # Each import once, and only what the definitions use: no UUID (unused), no TYPE_CHECKING
    # block (Author is defined right here).
    assert sorted(imported(merged)) == [
        ("db_sql.base", "Entity", "Entity"),
        ("decimal", "Decimal", "Decimal"),
        ("sqlalchemy.orm", "Mapped", "Mapped"),
        ("sqlalchemy.orm", "mapped_column", "mapped_column"),
        ("sqlalchemy.orm", "relationship", "relationship"),
    ]
    assert merged.count("import sqlalchemy as sa") == 1
    assert "UUID" not in merged and "TYPE_CHECKING" not in merged
    compile(merged, "db_sql/models.py", "exec")


def test_append_definitions_is_idempotent() -> None:
    once = append(append(SHARED_MODELS, AUTHOR_FRAGMENT), BOOK_FRAGMENT)

    assert append(append(once, BOOK_FRAGMENT), AUTHOR_FRAGMENT) == once


def test_append_definitions_keeps_user_code_and_a_class_the_user_wrote() -> None:
    mine = (
        SHARED_MODELS
        + "\nimport sqlalchemy as sa  # our alias\n\n"
        + "# Our own model, written by hand.\n"
        + "class Author:\n    custom = True\n\n\n"
        + "def helper() -> int:\n    return 1\n"
    )

    merged = append(append(mine, AUTHOR_FRAGMENT), BOOK_FRAGMENT)

    assert merged.startswith(SHARED_MODELS + "\nimport sqlalchemy as sa  # our alias\n")
    assert "# Our own model, written by hand.\nclass Author:" in merged
    assert "class Author:\n    custom = True" in merged  # not replaced by the template's
    assert classes(merged) == ["Author", "Book"] and "def helper() -> int:" in merged
    assert merged.count("import sqlalchemy as sa") == 1
    compile(merged, "db_sql/models.py", "exec")


def test_append_definitions_imports_by_use_not_by_spelling() -> None:
    """A table named like an import does not use it; a quoted annotation does."""
    fragment = (
        "from decimal import Decimal\n"
        "from sqlalchemy.orm import Mapped, mapped_column, relationship\n\n"
        "from db_sql.base import Entity\n\n\n"
        "class Relationship(Entity):\n"
        '    __tablename__ = "relationship"\n\n'
        '    price: Mapped["Decimal | None"] = mapped_column()\n'
    )

    merged = append(SHARED_MODELS, fragment)

    assert ("decimal", "Decimal", "Decimal") in imported(merged)
    assert "relationship" not in {name for _, name, _ in imported(merged)}


def test_append_definitions_drops_imports_of_the_module_it_merges_into() -> None:
    """A file holding several roles (seed 001's startup/Alchemy.py): its names are local there."""
    fragment = "from startup.Alchemy import UTCDateTime\n\n\nclass Base:\n    stamp = UTCDateTime\n"
    merged = append_definitions(
        "class UTCDateTime:\n    pass\n",
        path="api/startup/Alchemy.py",
        fragment=fragment,
        module_name="startup.Alchemy",
    )
    assert "import" not in merged and classes(merged) == ["UTCDateTime", "Base"]


INIT_DB = (
    (Path(layerkit.__file__).parent / "templates" / "flask-layered" / "project" / "Alchemy.py.j2")
    .read_text(encoding="utf-8")
    .replace("{{ model_loader }}", "init_db")
)


def add_import(source: str, plural: str, cls: str) -> str:
    return import_in_function(
        source, path="api/startup/Alchemy.py", function="init_db", origin=f"models.{plural}_model", name=cls
    )


def function_imports(source: str, function: str = "init_db") -> list[tuple[str, str]]:
    (found,) = [n for n in ast.parse(source).body if isinstance(n, ast.FunctionDef) and n.name == function]
    return [(n.module or "", a.name) for n in found.body if isinstance(n, ast.ImportFrom) for a in n.names]


def test_import_in_function_adds_each_model_once_after_the_docstring() -> None:
    source = INIT_DB.replace("{{ project.migrations_dir }}", "api/migrations").replace(
        "{{ m.database }}", "x"
    )
    edited = add_import(add_import(source, "Books", "Book"), "Authors", "Author")
    assert function_imports(edited) == [("models.Books_model", "Book"), ("models.Authors_model", "Author")]
    assert add_import(edited, "Books", "Book") == edited  # idempotent
    assert '"""Import every model into `Base.metadata`."""\n    from models.Books_model' in edited
    assert edited.count("# noqa: F401") == 2  # imported for its side effect: ruff keeps it
    assert edited.startswith(source.split("\n\n\n")[0])  # the module's docstring stays first
    compile(edited, "Alchemy.py", "exec")


def test_import_in_function_keeps_the_functions_own_code_and_comments() -> None:
    source = (
        "import logging\n\n\n"
        "def init_db() -> None:\n"
        "    # our own models, by hand\n"
        "    from models.Shelves_model import Shelf  # noqa: F401\n"
        "    logging.info('models loaded')\n"
    )
    edited = add_import(source, "Books", "Book")
    assert function_imports(edited) == [("models.Shelves_model", "Shelf"), ("models.Books_model", "Book")]
    assert "# our own models, by hand" in edited and edited.rstrip().endswith("logging.info('models loaded')")
    assert edited.index("Books_model") < edited.index("logging.info")
    assert (
        STRATEGIES["import_in_function"](
            edited,
            path="api/startup/Alchemy.py",
            params={"function": "init_db", "origin": "models.Books_model", "name": "Book"},
            fragment=None,
        )
        == edited
    )


def test_import_in_function_without_the_function_raises_edit_error() -> None:
    with pytest.raises(EditError, match=r"api/startup/Alchemy.py no longer defines `init_db\(\)`"):
        add_import("def setup() -> None:\n    pass\n", "Books", "Book")
    with pytest.raises(EditError, match="is not valid Python"):
        add_import("def init_db(:\n", "Books", "Book")
