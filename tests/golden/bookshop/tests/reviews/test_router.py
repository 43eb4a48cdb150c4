"""HTTP tests of /api/v1/reviews.

The shared CRUD contract (tests/crud.py) plus this resource's own field rules.
"""

import pytest
from httpx import AsyncClient

from tests.crud import CrudContract, CrudResource
from tests.reviews.factory import URL, create_review, review_input, review_payload


class TestReviewApi(CrudContract):
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


@pytest.mark.parametrize("field", ["book_id", "rating", "body", "reviewed_at"])
async def test_list_filters_by_equality(client: AsyncClient, field: str) -> None:
    first = await create_review(client)
    await create_review(client)
    value = first[field]
    param = str(value).lower() if isinstance(value, bool) else str(value)
    response = await client.get(URL, params={field: param})
    assert response.status_code == 200, response.text
    items = response.json()["items"]
    assert first["id"] in [item["id"] for item in items]
    assert all(item[field] == value for item in items)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        pytest.param("book_id", "not-an-id", id="book_id-type"),
        pytest.param("book_id", None, id="book_id-null"),
        pytest.param("rating", "not-a-number", id="rating-type"),
        pytest.param("rating", 0, id="rating-below-min"),
        pytest.param("rating", 6, id="rating-above-max"),
        pytest.param("rating", None, id="rating-null"),
        pytest.param("body", 123, id="body-type"),
        pytest.param("reviewed_at", "not-a-datetime", id="reviewed_at-type"),
        pytest.param("reviewed_at", None, id="reviewed_at-null"),
    ],
)
async def test_create_rejects_invalid_values(
    client: AsyncClient, field: str, value: object
) -> None:
    payload = {**(await review_input(client)), field: value}
    response = await client.post(URL, json=payload)
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    assert field in error["details"][0]["loc"]


@pytest.mark.parametrize("field", ["book_id", "rating", "reviewed_at"])
async def test_create_requires_the_field(client: AsyncClient, field: str) -> None:
    payload = await review_input(client)
    del payload[field]
    response = await client.post(URL, json=payload)
    assert response.status_code == 422
    assert response.json()["error"]["details"][0]["type"] == "missing"


@pytest.mark.parametrize("field", ["book_id", "rating", "reviewed_at"])
async def test_patch_rejects_null_for_a_required_field(client: AsyncClient, field: str) -> None:
    created = await create_review(client)
    response = await client.patch(f"{URL}/{created['id']}", json={field: None})
    assert response.status_code == 422


@pytest.mark.parametrize("field", ["book_id"])
async def test_reference_to_a_missing_row_is_422(client: AsyncClient, field: str) -> None:
    payload = {**(await review_input(client)), field: 999_999}
    response = await client.post(URL, json=payload)
    assert response.status_code == 422, response.text
    assert response.json()["error"]["code"] == "invalid_reference"
