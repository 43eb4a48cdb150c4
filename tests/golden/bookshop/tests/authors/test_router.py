"""HTTP tests of /api/v1/authors.

The shared CRUD contract (tests/crud.py) plus this resource's own field rules.
"""

import pytest
from httpx import AsyncClient

from tests.authors.factory import URL, author_input, author_payload, create_author
from tests.crud import CrudContract, CrudResource


class TestAuthorApi(CrudContract):
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


@pytest.mark.parametrize("field", ["name", "born", "email"])
async def test_list_filters_by_equality(client: AsyncClient, field: str) -> None:
    first = await create_author(client)
    await create_author(client)
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
        pytest.param("name", 123, id="name-type"),
        pytest.param("name", "x" * 121, id="name-too-long"),
        pytest.param("name", None, id="name-null"),
        pytest.param("born", "not-a-date", id="born-type"),
        pytest.param("email", "not-an-email", id="email-type"),
    ],
)
async def test_create_rejects_invalid_values(
    client: AsyncClient, field: str, value: object
) -> None:
    payload = {**(await author_input(client)), field: value}
    response = await client.post(URL, json=payload)
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    assert field in error["details"][0]["loc"]


@pytest.mark.parametrize("field", ["name"])
async def test_create_requires_the_field(client: AsyncClient, field: str) -> None:
    payload = await author_input(client)
    del payload[field]
    response = await client.post(URL, json=payload)
    assert response.status_code == 422
    assert response.json()["error"]["details"][0]["type"] == "missing"


@pytest.mark.parametrize("field", ["name"])
async def test_patch_rejects_null_for_a_required_field(client: AsyncClient, field: str) -> None:
    created = await create_author(client)
    response = await client.patch(f"{URL}/{created['id']}", json={field: None})
    assert response.status_code == 422


@pytest.mark.parametrize("field", ["email"])
async def test_duplicate_unique_value_is_409(client: AsyncClient, field: str) -> None:
    first = await create_author(client)
    payload = {**(await author_input(client)), field: first[field]}
    response = await client.post(URL, json=payload)
    assert response.status_code == 409, response.text
    assert response.json()["error"]["code"] == "conflict"
