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


async def test_patch_changes_only_the_sent_fields(client: AsyncClient) -> None:
    created = await create_review(client)
    change = {"rating": review_payload()["rating"]}
    response = await client.patch(f"{URL}/{created['id']}", json=change)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["rating"] == change["rating"]
    unchanged = {key: value for key, value in created.items() if key not in change}
    assert {key: body[key] for key in unchanged if key != "updated_at"} == {
        key: value for key, value in unchanged.items() if key != "updated_at"
    }
    assert (await client.get(f"{URL}/{created['id']}")).json() == body
