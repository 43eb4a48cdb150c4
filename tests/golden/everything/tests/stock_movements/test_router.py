"""HTTP tests of /api/v1/stock-movements.

The shared CRUD contract (tests/crud.py) plus this resource's own field rules.
"""

import pytest
from httpx import AsyncClient

from tests.crud import CrudContract, CrudResource
from tests.stock_movements.factory import (
    URL,
    create_stock_movement,
    stock_movement_input,
    stock_movement_payload,
)


class TestStockMovementApi(CrudContract):
    resource = CrudResource(
        url=URL,
        make_input=stock_movement_input,
        create=create_stock_movement,
        sortable=(
            "id",
            "product_id",
            "source_id",
            "quantity",
            "note",
            "created_at",
            "updated_at",
        ),
    )


async def test_patch_changes_only_the_sent_fields(client: AsyncClient) -> None:
    created = await create_stock_movement(client)
    change = {"quantity": stock_movement_payload()["quantity"]}
    response = await client.patch(f"{URL}/{created['id']}", json=change)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["quantity"] == change["quantity"]
    unchanged = {key: value for key, value in created.items() if key not in change}
    assert {key: body[key] for key in unchanged if key != "updated_at"} == {
        key: value for key, value in unchanged.items() if key != "updated_at"
    }
    assert (await client.get(f"{URL}/{created['id']}")).json() == body


@pytest.mark.parametrize("field", ["product_id", "source_id", "quantity", "note"])
async def test_list_filters_by_equality(client: AsyncClient, field: str) -> None:
    first = await create_stock_movement(client)
    await create_stock_movement(client)
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
        pytest.param("product_id", "not-an-id", id="product_id-type"),
        pytest.param("product_id", None, id="product_id-null"),
        pytest.param("source_id", "not-an-id", id="source_id-type"),
        pytest.param("source_id", None, id="source_id-null"),
        pytest.param("quantity", "not-a-number", id="quantity-type"),
        pytest.param("quantity", 0, id="quantity-below-min"),
        pytest.param("quantity", None, id="quantity-null"),
        pytest.param("note", 123, id="note-type"),
        pytest.param("note", "x" * 256, id="note-too-long"),
    ],
)
async def test_create_rejects_invalid_values(
    client: AsyncClient, field: str, value: object
) -> None:
    payload = {**(await stock_movement_input(client)), field: value}
    response = await client.post(URL, json=payload)
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    assert field in error["details"][0]["loc"]


@pytest.mark.parametrize("field", ["product_id", "source_id", "quantity"])
async def test_create_requires_the_field(client: AsyncClient, field: str) -> None:
    payload = await stock_movement_input(client)
    del payload[field]
    response = await client.post(URL, json=payload)
    assert response.status_code == 422
    assert response.json()["error"]["details"][0]["type"] == "missing"


@pytest.mark.parametrize("field", ["product_id", "source_id", "quantity"])
async def test_patch_rejects_null_for_a_required_field(client: AsyncClient, field: str) -> None:
    created = await create_stock_movement(client)
    response = await client.patch(f"{URL}/{created['id']}", json={field: None})
    assert response.status_code == 422


@pytest.mark.parametrize("field", ["product_id", "source_id"])
async def test_reference_to_a_missing_row_is_422(client: AsyncClient, field: str) -> None:
    payload = {**(await stock_movement_input(client)), field: 999_999}
    response = await client.post(URL, json=payload)
    assert response.status_code == 422, response.text
    assert response.json()["error"]["code"] == "invalid_reference"
