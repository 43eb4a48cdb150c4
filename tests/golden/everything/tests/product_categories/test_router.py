"""HTTP tests of /api/v1/product-categories.

The shared CRUD contract (tests/crud.py) plus this resource's own field rules.
"""

import pytest
from httpx import AsyncClient

from tests.crud import CrudContract, CrudResource
from tests.product_categories.factory import (
    URL,
    create_product_category,
    product_category_input,
    product_category_payload,
)


class TestProductCategoryApi(CrudContract):
    resource = CrudResource(
        url=URL,
        make_input=product_category_input,
        create=create_product_category,
        sortable=(
            "id",
            "label",
            "parent_id",
            "created_at",
            "updated_at",
        ),
    )


async def test_patch_changes_only_the_sent_fields(client: AsyncClient) -> None:
    created = await create_product_category(client)
    change = {"label": product_category_payload()["label"]}
    response = await client.patch(f"{URL}/{created['id']}", json=change)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["label"] == change["label"]
    unchanged = {key: value for key, value in created.items() if key not in change}
    assert {key: body[key] for key in unchanged if key != "updated_at"} == {
        key: value for key, value in unchanged.items() if key != "updated_at"
    }
    assert (await client.get(f"{URL}/{created['id']}")).json() == body


@pytest.mark.parametrize("field", ["label"])
async def test_list_filters_by_equality(client: AsyncClient, field: str) -> None:
    first = await create_product_category(client)
    await create_product_category(client)
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
        pytest.param("label", 123, id="label-type"),
        pytest.param("label", "x" * 256, id="label-too-long"),
        pytest.param("label", None, id="label-null"),
        pytest.param("parent_id", "not-an-id", id="parent_id-type"),
    ],
)
async def test_create_rejects_invalid_values(
    client: AsyncClient, field: str, value: object
) -> None:
    payload = {**(await product_category_input(client)), field: value}
    response = await client.post(URL, json=payload)
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    assert field in error["details"][0]["loc"]


@pytest.mark.parametrize("field", ["label"])
async def test_create_requires_the_field(client: AsyncClient, field: str) -> None:
    payload = await product_category_input(client)
    del payload[field]
    response = await client.post(URL, json=payload)
    assert response.status_code == 422
    assert response.json()["error"]["details"][0]["type"] == "missing"


@pytest.mark.parametrize("field", ["label"])
async def test_patch_rejects_null_for_a_required_field(client: AsyncClient, field: str) -> None:
    created = await create_product_category(client)
    response = await client.patch(f"{URL}/{created['id']}", json={field: None})
    assert response.status_code == 422


@pytest.mark.parametrize("field", ["label"])
async def test_duplicate_unique_value_is_409(client: AsyncClient, field: str) -> None:
    first = await create_product_category(client)
    payload = {**(await product_category_input(client)), field: first[field]}
    response = await client.post(URL, json=payload)
    assert response.status_code == 409, response.text
    assert response.json()["error"]["code"] == "conflict"


@pytest.mark.parametrize("field", ["parent_id"])
async def test_reference_to_a_missing_row_is_422(client: AsyncClient, field: str) -> None:
    payload = {**(await product_category_input(client)), field: 999_999}
    response = await client.post(URL, json=payload)
    assert response.status_code == 422, response.text
    assert response.json()["error"]["code"] == "invalid_reference"
