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
    NullFilterRules,
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
    NullFilterRules,
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
            pytest.param("code", "a\x00b", id="code-nul"),
            pytest.param("code", "\ud800", id="code-surrogate"),
            pytest.param("city", 123, id="city-type"),
            pytest.param("city", "x" * 256, id="city-too-long"),
            pytest.param("city", None, id="city-null"),
            pytest.param("city", "a\x00b", id="city-nul"),
            pytest.param("city", "\ud800", id="city-surrogate"),
            pytest.param("opened", "not-a-date", id="opened-type"),
            pytest.param("opened", 0, id="opened-number"),
        ),
        invalid_filters=(
            pytest.param("code", "a\x00b", id="code-nul"),
            pytest.param("city", "a\x00b", id="city-nul"),
            pytest.param("opened", "0", id="opened-number"),
        ),
        nullable=("opened",),
        required=(
            "code",
            "city",
        ),
        unique=("code",),
        references=(),
    )
