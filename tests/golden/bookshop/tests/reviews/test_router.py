"""HTTP tests of /api/v1/reviews.

The shared CRUD contract and field rules (tests/crud.py), given this resource's fields.
"""

import pytest
from httpx import AsyncClient

from tests.crud import (
    CrudContract,
    CrudResource,
    FilterRules,
    InvalidValueRules,
    ReferenceRules,
    RequiredRules,
)
from tests.reviews.factory import URL, create_review, review_input, review_payload


async def review_change(client: AsyncClient) -> dict[str, object]:
    """A PATCH body that sets one field to a new valid value."""
    return {"rating": review_payload()["rating"]}


class TestReviewApi(
    FilterRules,
    InvalidValueRules,
    RequiredRules,
    ReferenceRules,
    CrudContract,
):
    resource = CrudResource(
        url=URL,
        make_input=review_input,
        create=create_review,
        make_change=review_change,
        sortable=(
            "id",
            "book_id",
            "rating",
            "body",
            "reviewed_at",
            "created_at",
            "updated_at",
        ),
        filterable=(
            "book_id",
            "rating",
            "body",
            "reviewed_at",
        ),
        invalid_values=(
            pytest.param("book_id", "not-an-id", id="book_id-type"),
            pytest.param("book_id", None, id="book_id-null"),
            pytest.param("rating", "not-a-number", id="rating-type"),
            pytest.param("rating", 0, id="rating-below-min"),
            pytest.param("rating", 6, id="rating-above-max"),
            pytest.param("rating", None, id="rating-null"),
            pytest.param("body", 123, id="body-type"),
            pytest.param("reviewed_at", "not-a-datetime", id="reviewed_at-type"),
            pytest.param("reviewed_at", None, id="reviewed_at-null"),
        ),
        required=(
            "book_id",
            "rating",
            "reviewed_at",
        ),
        unique=(),
        references=("book_id",),
    )
