"""HTTP tests of /api/v1/books.

The shared CRUD contract and field rules (tests/crud.py), given this resource's fields.
"""

import pytest
from httpx import AsyncClient

from tests.books.factory import URL, book_input, book_payload, create_book
from tests.crud import (
    CrudContract,
    CrudResource,
    FilterRules,
    InvalidValueRules,
    ReferenceRules,
    RequiredRules,
    UniqueRules,
)


async def book_change(client: AsyncClient) -> dict[str, object]:
    """A PATCH body that sets one field to a new valid value."""
    return {"title": book_payload()["title"]}


class TestBookApi(
    FilterRules,
    InvalidValueRules,
    RequiredRules,
    UniqueRules,
    ReferenceRules,
    CrudContract,
):
    resource = CrudResource(
        url=URL,
        make_input=book_input,
        create=create_book,
        make_change=book_change,
        sortable=(
            "id",
            "title",
            "isbn",
            "price",
            "pages",
            "published",
            "genre",
            "author_id",
            "created_at",
            "updated_at",
        ),
        filterable=(
            "title",
            "isbn",
            "price",
            "pages",
            "published",
            "genre",
            "author_id",
        ),
        invalid_values=(
            pytest.param("title", 123, id="title-type"),
            pytest.param("title", "x" * 201, id="title-too-long"),
            pytest.param("title", None, id="title-null"),
            pytest.param("isbn", 123, id="isbn-type"),
            pytest.param("isbn", "x" * 14, id="isbn-too-long"),
            pytest.param("isbn", None, id="isbn-null"),
            pytest.param("price", "not-a-number", id="price-type"),
            pytest.param("price", "-1", id="price-below-min"),
            pytest.param("price", "1.001", id="price-too-precise"),
            pytest.param("price", None, id="price-null"),
            pytest.param("pages", "not-a-number", id="pages-type"),
            pytest.param("pages", 0, id="pages-below-min"),
            pytest.param("published", "not-a-bool", id="published-type"),
            pytest.param("genre", "not-a-choice", id="genre-type"),
            pytest.param("genre", None, id="genre-null"),
            pytest.param("author_id", "not-an-id", id="author_id-type"),
            pytest.param("author_id", None, id="author_id-null"),
        ),
        required=(
            "title",
            "isbn",
            "price",
            "genre",
            "author_id",
        ),
        unique=("isbn",),
        references=("author_id",),
    )
