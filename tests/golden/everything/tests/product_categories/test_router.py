"""HTTP tests of /api/v1/product-categories.

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
from tests.product_categories.factory import (
    URL,
    create_product_category,
    product_category_input,
    product_category_payload,
)


async def product_category_change(client: AsyncClient) -> dict[str, object]:
    """A PATCH body that sets one field to a new valid value."""
    return {"label": product_category_payload()["label"]}


class TestProductCategoryApi(
    FilterRules,
    InvalidValueRules,
    RequiredRules,
    UniqueRules,
    ReferenceRules,
    CrudContract,
):
    resource = CrudResource(
        url=URL,
        make_input=product_category_input,
        create=create_product_category,
        make_change=product_category_change,
        sortable=(
            "id",
            "label",
            "parent_id",
            "created_at",
            "updated_at",
        ),
        filterable=("label",),
        invalid_values=(
            pytest.param("label", 123, id="label-type"),
            pytest.param("label", "x" * 256, id="label-too-long"),
            pytest.param("label", None, id="label-null"),
            pytest.param("label", "a\x00b", id="label-nul"),
            pytest.param("label", "\ud800", id="label-surrogate"),
            pytest.param("parent_id", "not-an-id", id="parent_id-type"),
            pytest.param("parent_id", 2**31, id="parent_id-beyond-int32"),
            pytest.param("parent_id", 0, id="parent_id-zero"),
        ),
        invalid_filters=(pytest.param("label", "a\x00b", id="label-nul"),),
        nullable=(),
        required=("label",),
        unique=("label",),
        references=("parent_id",),
    )
