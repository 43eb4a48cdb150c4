"""HTTP tests of /api/v1/authors.

The shared CRUD contract and field rules (tests/crud.py), given this resource's fields.
"""

import pytest
from httpx import AsyncClient

from tests.authors.factory import URL, author_input, author_payload, create_author
from tests.crud import (
    CrudContract,
    CrudResource,
    FilterRules,
    InvalidValueRules,
    RequiredRules,
    UniqueRules,
)


class TestAuthorApi(
    FilterRules,
    InvalidValueRules,
    RequiredRules,
    UniqueRules,
    CrudContract,
):
    resource = CrudResource(
        url=URL,
        make_input=author_input,
        create=create_author,
        sortable=(
            "id",
            "name",
            "born",
            "email",
            "created_at",
            "updated_at",
        ),
        filterable=(
            "name",
            "born",
            "email",
        ),
        invalid_values=(
            pytest.param("name", 123, id="name-type"),
            pytest.param("name", "x" * 121, id="name-too-long"),
            pytest.param("name", None, id="name-null"),
            pytest.param("born", "not-a-date", id="born-type"),
            pytest.param("email", "not-an-email", id="email-type"),
        ),
        required=("name",),
        unique=("email",),
        references=(),
    )


async def test_patch_changes_only_the_sent_fields(client: AsyncClient) -> None:
    created = await create_author(client)
    change = {"name": author_payload()["name"]}
    response = await client.patch(f"{URL}/{created['id']}", json=change)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["name"] == change["name"]
    unchanged = {key: value for key, value in created.items() if key not in change}
    assert {key: body[key] for key in unchanged if key != "updated_at"} == {
        key: value for key, value in unchanged.items() if key != "updated_at"
    }
    assert (await client.get(f"{URL}/{created['id']}")).json() == body
