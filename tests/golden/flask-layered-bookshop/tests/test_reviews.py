"""HTTP tests of /api/v1/reviews.

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
)
from tests.factories.reviews import URL, create_review, review_input, review_payload


def review_change(client: FlaskClient) -> dict[str, object]:
    """A PATCH body that sets one field to a new valid value."""
    return {"rating": review_payload()["rating"]}


class TestReviewApi(
    FilterRules,
    InvalidValueRules,
    NullFilterRules,
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
            pytest.param("book_id", 2**31, id="book_id-beyond-int32"),
            pytest.param("book_id", 0, id="book_id-zero"),
            pytest.param("rating", "not-a-number", id="rating-type"),
            pytest.param("rating", 0, id="rating-below-min"),
            pytest.param("rating", 6, id="rating-above-max"),
            pytest.param("rating", None, id="rating-null"),
            pytest.param("rating", 2**31, id="rating-beyond-int32"),
            pytest.param("rating", 2**70, id="rating-beyond-int64"),
            pytest.param("rating", "7", id="rating-numeric-text"),
            pytest.param("body", 123, id="body-type"),
            pytest.param("body", "a\x00b", id="body-nul"),
            pytest.param("body", "\ud800", id="body-surrogate"),
            pytest.param("reviewed_at", "not-a-datetime", id="reviewed_at-type"),
            pytest.param("reviewed_at", None, id="reviewed_at-null"),
            pytest.param("reviewed_at", 0.5, id="reviewed_at-number"),
            pytest.param("reviewed_at", "0001-01-01T00:00+14:00", id="reviewed_at-utc-overflow"),
        ),
        invalid_filters=(
            pytest.param("book_id", "2147483648", id="book_id-beyond-int32"),
            pytest.param("book_id", "x", id="book_id-word"),
            pytest.param("rating", "2147483648", id="rating-beyond-int32"),
            pytest.param("rating", "5.5", id="rating-fraction"),
            pytest.param("rating", "x", id="rating-word"),
            pytest.param("body", "a\x00b", id="body-nul"),
            pytest.param("reviewed_at", "0.5", id="reviewed_at-number"),
            pytest.param("reviewed_at", "0001-01-01T00:00+14:00", id="reviewed_at-utc-overflow"),
        ),
        nullable=("body",),
        required=(
            "book_id",
            "rating",
            "reviewed_at",
        ),
        unique=(),
        references=("book_id",),
    )
