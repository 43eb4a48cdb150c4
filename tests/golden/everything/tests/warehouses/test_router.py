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


async def warehouse_change(client: AsyncClient) -> dict[str, object]:
    """A PATCH body that sets one field to a new valid value."""
    return {"code": warehouse_payload()["code"]}


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
        make_change=warehouse_change,
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
