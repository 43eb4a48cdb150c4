"""HTTP tests of /api/v1/products.

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
    UniqueRules,
)
from tests.products.factory import URL, create_product, product_input, product_payload


async def product_change(client: AsyncClient) -> dict[str, object]:
    """A PATCH body that sets one field to a new valid value."""
    return {"sku": product_payload()["sku"]}


class TestProductApi(
    FilterRules,
    InvalidValueRules,
    RequiredRules,
    UniqueRules,
    ReferenceRules,
    CrudContract,
):
    resource = CrudResource(
        url=URL,
        make_input=product_input,
        create=create_product,
        make_change=product_change,
        sortable=(
            "id",
            "sku",
            "name",
            "description",
            "weight",
            "price",
            "stock",
            "active",
            "support",
            "homepage",
            "size",
            "released_at",
            "warehouse_id",
            "created_at",
            "updated_at",
        ),
        filterable=(
            "sku",
            "name",
            "description",
            "weight",
            "price",
            "stock",
            "active",
            "support",
            "homepage",
            "size",
            "released_at",
            "warehouse_id",
        ),
        invalid_values=(
            pytest.param("sku", "not-a-uuid", id="sku-type"),
            pytest.param("sku", None, id="sku-null"),
            pytest.param("name", 123, id="name-type"),
            pytest.param("name", "x" * 81, id="name-too-long"),
            pytest.param("name", "x" * 1, id="name-too-short"),
            pytest.param("name", None, id="name-null"),
            pytest.param("description", 123, id="description-type"),
            pytest.param("description", "x" * 2001, id="description-too-long"),
            pytest.param("weight", "not-a-number", id="weight-type"),
            pytest.param("weight", -1, id="weight-below-min"),
            pytest.param("weight", 1001, id="weight-above-max"),
            pytest.param("weight", None, id="weight-null"),
            pytest.param("price", "not-a-number", id="price-type"),
            pytest.param("price", "-0.99", id="price-below-min"),
            pytest.param("price", "1.001", id="price-too-precise"),
            pytest.param("price", None, id="price-null"),
            pytest.param("stock", "not-a-number", id="stock-type"),
            pytest.param("stock", -1, id="stock-below-min"),
            pytest.param("active", "not-a-bool", id="active-type"),
            pytest.param("attributes", [1, 2], id="attributes-type"),
            pytest.param("support", "not-an-email", id="support-type"),
            pytest.param("homepage", "not a url", id="homepage-type"),
            pytest.param("size", "not-a-choice", id="size-type"),
            pytest.param("released_at", "not-a-datetime", id="released_at-type"),
            pytest.param("warehouse_id", "not-an-id", id="warehouse_id-type"),
            pytest.param("warehouse_id", None, id="warehouse_id-null"),
        ),
        required=(
            "sku",
            "name",
            "weight",
            "price",
            "warehouse_id",
        ),
        unique=("sku",),
        references=("warehouse_id",),
    )
