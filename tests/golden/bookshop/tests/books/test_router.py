"""HTTP tests of /api/v1/books.

The shared CRUD contract (tests/crud.py) plus this resource's own field rules.
"""

import pytest
from httpx import AsyncClient

from tests.books.factory import URL, book_input, book_payload, create_book
from tests.crud import CrudContract, CrudResource


class TestBookApi(CrudContract):
    resource = CrudResource(
        url=URL,
        make_input=book_input,
        create=create_book,
        sortable=(
            "id",
            "title",
            "isbn",
            "price",
            "pages",
            "published",
            "genre",
            "author_id",
            "created_at",
            "updated_at",
        ),
    )


async def test_patch_changes_only_the_sent_fields(client: AsyncClient) -> None:
    created = await create_book(client)
    change = {"title": book_payload()["title"]}
    response = await client.patch(f"{URL}/{created['id']}", json=change)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["title"] == change["title"]
    unchanged = {key: value for key, value in created.items() if key not in change}
    assert {key: body[key] for key in unchanged if key != "updated_at"} == {
        key: value for key, value in unchanged.items() if key != "updated_at"
    }
    assert (await client.get(f"{URL}/{created['id']}")).json() == body


@pytest.mark.parametrize(
    "field", ["title", "isbn", "price", "pages", "published", "genre", "author_id"]
)
async def test_list_filters_by_equality(client: AsyncClient, field: str) -> None:
    first = await create_book(client)
    await create_book(client)
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
        pytest.param("title", 123, id="title-type"),
        pytest.param("title", "x" * 201, id="title-too-long"),
        pytest.param("title", None, id="title-null"),
        pytest.param("isbn", 123, id="isbn-type"),
        pytest.param("isbn", "x" * 14, id="isbn-too-long"),
        pytest.param("isbn", None, id="isbn-null"),
        pytest.param("price", "not-a-number", id="price-type"),
        pytest.param("price", "-1", id="price-below-min"),
        pytest.param("price", "1.001", id="price-too-precise"),
        pytest.param("price", None, id="price-null"),
        pytest.param("pages", "not-a-number", id="pages-type"),
        pytest.param("pages", 0, id="pages-below-min"),
        pytest.param("published", "not-a-bool", id="published-type"),
        pytest.param("genre", "not-a-choice", id="genre-type"),
        pytest.param("genre", None, id="genre-null"),
        pytest.param("author_id", "not-an-id", id="author_id-type"),
        pytest.param("author_id", None, id="author_id-null"),
    ],
)
async def test_create_rejects_invalid_values(
    client: AsyncClient, field: str, value: object
) -> None:
    payload = {**(await book_input(client)), field: value}
    response = await client.post(URL, json=payload)
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    assert field in error["details"][0]["loc"]


@pytest.mark.parametrize("field", ["title", "isbn", "price", "genre", "author_id"])
async def test_create_requires_the_field(client: AsyncClient, field: str) -> None:
    payload = await book_input(client)
    del payload[field]
    response = await client.post(URL, json=payload)
    assert response.status_code == 422
    assert response.json()["error"]["details"][0]["type"] == "missing"


@pytest.mark.parametrize("field", ["title", "isbn", "price", "genre", "author_id"])
async def test_patch_rejects_null_for_a_required_field(client: AsyncClient, field: str) -> None:
    created = await create_book(client)
    response = await client.patch(f"{URL}/{created['id']}", json={field: None})
    assert response.status_code == 422


@pytest.mark.parametrize("field", ["isbn"])
async def test_duplicate_unique_value_is_409(client: AsyncClient, field: str) -> None:
    first = await create_book(client)
    payload = {**(await book_input(client)), field: first[field]}
    response = await client.post(URL, json=payload)
    assert response.status_code == 409, response.text
    assert response.json()["error"]["code"] == "conflict"


@pytest.mark.parametrize("field", ["author_id"])
async def test_reference_to_a_missing_row_is_422(client: AsyncClient, field: str) -> None:
    payload = {**(await book_input(client)), field: 999_999}
    response = await client.post(URL, json=payload)
    assert response.status_code == 422, response.text
    assert response.json()["error"]["code"] == "invalid_reference"
