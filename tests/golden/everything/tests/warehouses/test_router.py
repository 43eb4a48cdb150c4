"""HTTP tests of /api/v1/warehouses.

The shared CRUD contract and field rules (tests/crud.py), given this resource's fields.
"""

import pytest
from httpx import AsyncClient

from tests.crud import (
    CrudContract,
    CrudResource,
    FilterRules,
    InvalidValueRules,
    RequiredRules,
    UniqueRules,
)
from tests.warehouses.factory import URL, create_warehouse, warehouse_input, warehouse_payload


class TestWarehouseApi(
    FilterRules,
    InvalidValueRules,
    RequiredRules,
    UniqueRules,
    CrudContract,
):
    resource = CrudResource(
        url=URL,
        make_input=warehouse_input,
        create=create_warehouse,
        sortable=(
            "id",
            "code",
            "city",
            "opened",
            "created_at",
            "updated_at",
        ),
        filterable=(
            "code",
            "city",
            "opened",
        ),
        invalid_values=(
            pytest.param("code", 123, id="code-type"),
            pytest.param("code", "x" * 9, id="code-too-long"),
            pytest.param("code", None, id="code-null"),
            pytest.param("city", 123, id="city-type"),
            pytest.param("city", "x" * 256, id="city-too-long"),
            pytest.param("city", None, id="city-null"),
            pytest.param("opened", "not-a-date", id="opened-type"),
        ),
        required=(
            "code",
            "city",
        ),
        unique=("code",),
        references=(),
    )


async def test_patch_changes_only_the_sent_fields(client: AsyncClient) -> None:
    created = await create_warehouse(client)
    change = {"code": warehouse_payload()["code"]}
    response = await client.patch(f"{URL}/{created['id']}", json=change)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["code"] == change["code"]
    unchanged = {key: value for key, value in created.items() if key not in change}
    assert {key: body[key] for key in unchanged if key != "updated_at"} == {
        key: value for key, value in unchanged.items() if key != "updated_at"
    }
    assert (await client.get(f"{URL}/{created['id']}")).json() == body
