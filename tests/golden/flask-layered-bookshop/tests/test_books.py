"""HTTP tests of /api/v1/books.

The shared CRUD contract and field rules (tests/crud.py), given this resource's fields.
"""

import pytest
from flask.testing import FlaskClient

from tests.crud import (
    CrudContract,
    CrudResource,
    FilterRules,
    InvalidValueRules,
    NullFilterRules,
    ReferenceRules,
    RequiredRules,
    UniqueRules,
)
from tests.factories.books import URL, book_input, book_payload, create_book


def book_change(client: FlaskClient) -> dict[str, object]:
    """A PATCH body that sets one field to a new valid value."""
    return {"title": book_payload()["title"]}


class TestBookApi(
    FilterRules,
    InvalidValueRules,
    NullFilterRules,
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
            pytest.param("title", "a\x00b", id="title-nul"),
            pytest.param("title", "\ud800", id="title-surrogate"),
            pytest.param("isbn", 123, id="isbn-type"),
            pytest.param("isbn", "x" * 14, id="isbn-too-long"),
            pytest.param("isbn", None, id="isbn-null"),
            pytest.param("isbn", "a\x00b", id="isbn-nul"),
            pytest.param("isbn", "\ud800", id="isbn-surrogate"),
            pytest.param("price", "not-a-number", id="price-type"),
            pytest.param("price", "-1", id="price-below-min"),
            pytest.param("price", "1.001", id="price-too-precise"),
            pytest.param("price", None, id="price-null"),
            pytest.param("price", "1e999999", id="price-huge"),
            pytest.param("price", "NaN", id="price-nan"),
            pytest.param("pages", "not-a-number", id="pages-type"),
            pytest.param("pages", 0, id="pages-below-min"),
            pytest.param("pages", 2**31, id="pages-beyond-int32"),
            pytest.param("pages", 2**70, id="pages-beyond-int64"),
            pytest.param("pages", "7", id="pages-numeric-text"),
            pytest.param("published", "not-a-bool", id="published-type"),
            pytest.param("published", 1, id="published-number"),
            pytest.param("published", "true", id="published-text"),
            pytest.param("genre", "not-a-choice", id="genre-type"),
            pytest.param("genre", None, id="genre-null"),
            pytest.param("author_id", "not-an-id", id="author_id-type"),
            pytest.param("author_id", None, id="author_id-null"),
            pytest.param("author_id", 2**31, id="author_id-beyond-int32"),
            pytest.param("author_id", 0, id="author_id-zero"),
        ),
        invalid_filters=(
            pytest.param("title", "a\x00b", id="title-nul"),
            pytest.param("isbn", "a\x00b", id="isbn-nul"),
            pytest.param("price", "1e999999", id="price-huge"),
            pytest.param("pages", "2147483648", id="pages-beyond-int32"),
            pytest.param("pages", "5.5", id="pages-fraction"),
            pytest.param("pages", "x", id="pages-word"),
            pytest.param("published", "1", id="published-number"),
            pytest.param("published", "yes", id="published-word"),
            pytest.param("genre", "not-a-choice", id="genre-unknown"),
            pytest.param("author_id", "2147483648", id="author_id-beyond-int32"),
            pytest.param("author_id", "x", id="author_id-word"),
        ),
        nullable=("pages",),
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
