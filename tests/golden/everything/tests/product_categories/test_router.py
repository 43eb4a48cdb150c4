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
            pytest.param("parent_id", "not-an-id", id="parent_id-type"),
        ),
        required=("label",),
        unique=("label",),
        references=("parent_id",),
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
