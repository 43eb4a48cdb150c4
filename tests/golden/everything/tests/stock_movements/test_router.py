"""HTTP tests of /api/v1/stock-movements.

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
    ReferenceRules,
    RequiredRules,
)
from tests.stock_movements.factory import (
    URL,
    create_stock_movement,
    stock_movement_input,
    stock_movement_payload,
)


async def stock_movement_change(client: AsyncClient) -> dict[str, object]:
    """A PATCH body that sets one field to a new valid value."""
    return {"quantity": stock_movement_payload()["quantity"]}


class TestStockMovementApi(
    FilterRules,
    InvalidValueRules,
    NullFilterRules,
    RequiredRules,
    ReferenceRules,
    CrudContract,
):
    resource = CrudResource(
        url=URL,
        make_input=stock_movement_input,
        create=create_stock_movement,
        make_change=stock_movement_change,
        sortable=(
            "id",
            "product_id",
            "source_id",
            "quantity",
            "note",
            "created_at",
            "updated_at",
        ),
        filterable=(
            "product_id",
            "source_id",
            "quantity",
            "note",
        ),
        invalid_values=(
            pytest.param("product_id", "not-an-id", id="product_id-type"),
            pytest.param("product_id", None, id="product_id-null"),
            pytest.param("product_id", 2**31, id="product_id-beyond-int32"),
            pytest.param("product_id", 0, id="product_id-zero"),
            pytest.param("source_id", "not-an-id", id="source_id-type"),
            pytest.param("source_id", None, id="source_id-null"),
            pytest.param("source_id", 2**31, id="source_id-beyond-int32"),
            pytest.param("source_id", 0, id="source_id-zero"),
            pytest.param("quantity", "not-a-number", id="quantity-type"),
            pytest.param("quantity", 0, id="quantity-below-min"),
            pytest.param("quantity", None, id="quantity-null"),
            pytest.param("quantity", 2**31, id="quantity-beyond-int32"),
            pytest.param("quantity", 2**70, id="quantity-beyond-int64"),
            pytest.param("quantity", "7", id="quantity-numeric-text"),
            pytest.param("note", 123, id="note-type"),
            pytest.param("note", "x" * 256, id="note-too-long"),
            pytest.param("note", "a\x00b", id="note-nul"),
            pytest.param("note", "\ud800", id="note-surrogate"),
        ),
        invalid_filters=(
            pytest.param("product_id", "2147483648", id="product_id-beyond-int32"),
            pytest.param("product_id", "x", id="product_id-word"),
            pytest.param("source_id", "2147483648", id="source_id-beyond-int32"),
            pytest.param("source_id", "x", id="source_id-word"),
            pytest.param("quantity", "2147483648", id="quantity-beyond-int32"),
            pytest.param("quantity", "5.5", id="quantity-fraction"),
            pytest.param("quantity", "x", id="quantity-word"),
            pytest.param("note", "a\x00b", id="note-nul"),
        ),
        nullable=("note",),
        required=(
            "product_id",
            "source_id",
            "quantity",
        ),
        unique=(),
        references=(
            "product_id",
            "source_id",
        ),
    )
