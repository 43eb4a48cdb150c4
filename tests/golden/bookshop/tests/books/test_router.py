"""The /api/v1/books endpoints, through HTTP."""

import pytest
from httpx import AsyncClient

from tests.books.factory import URL, book_input, book_payload, create_book


async def test_create_returns_201_and_the_book(client: AsyncClient) -> None:
    payload = await book_input(client)
    response = await client.post(URL, json=payload)
    assert response.status_code == 201, response.text
    body = response.json()
    assert {key: body[key] for key in payload} == payload
    assert isinstance(body["id"], int)
    assert body["created_at"].endswith("Z")


async def test_get_returns_the_book(client: AsyncClient) -> None:
    created = await create_book(client)
    response = await client.get(f"{URL}/{created['id']}")
    assert response.status_code == 200
    assert response.json() == created


async def test_unknown_book_is_404_everywhere(client: AsyncClient) -> None:
    for method in ("GET", "PATCH", "DELETE"):
        response = await client.request(
            method, f"{URL}/999999", json={} if method == "PATCH" else None
        )
        assert response.status_code == 404, method
        assert response.json()["error"]["code"] == "not_found"


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


async def test_delete_returns_204_then_404(client: AsyncClient) -> None:
    created = await create_book(client)
    response = await client.delete(f"{URL}/{created['id']}")
    assert response.status_code == 204
    assert response.content == b""
    assert (await client.get(f"{URL}/{created['id']}")).status_code == 404


async def test_list_paginates_and_counts(client: AsyncClient) -> None:
    ids = [(await create_book(client))["id"] for _ in range(3)]
    response = await client.get(URL, params={"limit": 2, "offset": 1})
    assert response.status_code == 200
    page = response.json()
    assert (page["total"], page["limit"], page["offset"]) == (3, 2, 1)
    assert [item["id"] for item in page["items"]] == ids[1:3]
    assert (await client.get(URL)).json()["limit"] == 50


async def test_list_runs_two_queries_whatever_the_page_size(
    client: AsyncClient, statements: list[str]
) -> None:
    for _ in range(3):
        await create_book(client)
    statements.clear()
    response = await client.get(URL)
    assert len(response.json()["items"]) == 3
    selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert len(selects) == 2  # the count and the page: no query per row or per reference


async def test_list_sorts_both_ways(client: AsyncClient) -> None:
    ids = [(await create_book(client))["id"] for _ in range(3)]
    descending = (await client.get(URL, params={"sort": "-id"})).json()["items"]
    assert [item["id"] for item in descending] == ids[::-1]
    for field in (
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
    ):
        response = await client.get(URL, params={"sort": field})
        assert response.status_code == 200, field
        assert len(response.json()["items"]) == 3


@pytest.mark.parametrize(
    "params",
    [{"sort": "no_such_field"}, {"limit": 0}, {"limit": 201}, {"offset": -1}, {"no_such": "x"}],
)
async def test_list_rejects_bad_parameters(
    client: AsyncClient, params: dict[str, str | int]
) -> None:
    response = await client.get(URL, params=params)
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "validation_error"


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
