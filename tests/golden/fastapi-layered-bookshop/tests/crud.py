"""The HTTP behaviour every resource shares, written once.

A resource's `test_router.py` subclasses `CrudContract` and sets `resource`; pytest then runs every
test below for it. The field rules (filters, invalid values, required, unique, references) are
classes of their own: a resource inherits those it has fields for; each runs once per such field.
"""

import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import ClassVar

import pytest
from httpx import AsyncClient

Payload = dict[str, object]


@dataclass(frozen=True)
class CrudResource:
    url: str
    make_input: Callable[[AsyncClient], Awaitable[Payload]]  # a valid payload, references created
    create: Callable[
        ..., Awaitable[Payload]
    ]  # (client, **overrides): a row created through the API
    make_change: Callable[[AsyncClient], Awaitable[Payload]]  # a PATCH body changing one field
    sortable: tuple[str, ...]
    filterable: tuple[str, ...] = ()
    invalid_values: tuple[object, ...] = ()  # pytest.param(field, value, id=...)
    invalid_filters: tuple[object, ...] = ()  # pytest.param(field, query text, id=...)
    nullable: tuple[str, ...] = ()  # optional fields a list can ask to be empty (`?field=null`)
    required: tuple[str, ...] = ()
    unique: tuple[str, ...] = ()
    references: tuple[str, ...] = ()


class CrudContract:
    resource: ClassVar[CrudResource]

    def pytest_generate_tests(self, metafunc: pytest.Metafunc) -> None:
        """Run each field rule once per field of the resource it applies to."""
        cases: dict[str, tuple[object, ...]] = {
            "filter_field": self.resource.filterable,
            "invalid_field,value": self.resource.invalid_values,
            "bad_filter,text": self.resource.invalid_filters,
            "nullable_field": self.resource.nullable,
            "required_field": self.resource.required,
            "unique_field": self.resource.unique,
            "reference_field": self.resource.references,
        }
        for names, values in cases.items():
            if set(names.split(",")) <= set(metafunc.fixturenames):
                metafunc.parametrize(names, values)

    async def test_create_returns_201_and_the_object(self, client: AsyncClient) -> None:
        payload = await self.resource.make_input(client)
        response = await client.post(self.resource.url, json=payload)
        assert response.status_code == 201, response.text
        body = response.json()
        assert {key: body[key] for key in payload} == payload
        assert isinstance(body["id"], int)
        assert body["created_at"].endswith("Z")

    async def test_get_returns_the_object(self, client: AsyncClient) -> None:
        created = await self.resource.create(client)
        response = await client.get(f"{self.resource.url}/{created['id']}")
        assert response.status_code == 200
        assert response.json() == created

    async def test_unknown_id_is_404_everywhere(self, client: AsyncClient) -> None:
        for method in ("GET", "PATCH", "DELETE"):
            json: Payload | None = {} if method == "PATCH" else None
            response = await client.request(method, f"{self.resource.url}/999999", json=json)
            assert response.status_code == 404, method
            assert response.json()["error"]["code"] == "not_found"

    async def test_patch_changes_only_the_sent_fields(self, client: AsyncClient) -> None:
        created = await self.resource.create(client)
        change = await self.resource.make_change(client)
        url = f"{self.resource.url}/{created['id']}"
        response = await client.patch(url, json=change)
        assert response.status_code == 200, response.text
        body = response.json()
        assert {key: body[key] for key in change} == change
        unchanged = {key: value for key, value in created.items() if key not in change}
        assert {key: body[key] for key in unchanged if key != "updated_at"} == {
            key: value for key, value in unchanged.items() if key != "updated_at"
        }
        assert (await client.get(url)).json() == body

    @pytest.mark.parametrize(
        ("row_id", "status"), [("2147483648", 422), ("0", 422), ("-1", 404), ("not-an-id", 404)]
    )
    async def test_ids_outside_the_column_are_refused(
        self, client: AsyncClient, row_id: str, status: int
    ) -> None:
        # ids are bounded like the INTEGER column (the schema says so); other paths stay free for
        # routes of your own (the README's `/board`)
        for method in ("GET", "PATCH", "DELETE"):
            json: Payload | None = {} if method == "PATCH" else None
            response = await client.request(method, f"{self.resource.url}/{row_id}", json=json)
            assert response.status_code == status, method
            assert "error" in response.json()

    async def test_an_unreadable_body_is_a_json_400(self, client: AsyncClient) -> None:
        headers = {"content-type": "application/json"}
        response = await client.post(self.resource.url, content=b"\x06\xff\xfd", headers=headers)
        assert response.status_code == 400
        assert response.json()["error"]["code"] == "bad_request"

    async def test_openapi_documents_every_status(self, client: AsyncClient) -> None:
        paths = (await client.get("/openapi.json")).json()["paths"]
        operations = [
            operation
            for path, methods in paths.items()
            if path.startswith(self.resource.url)
            for operation in methods.values()
        ]
        assert len(operations) >= 5  # the five CRUD routes, and any of your own
        for operation in operations:
            assert {"400", "404", "409", "422", "503"} <= set(operation["responses"])

    async def test_delete_returns_204_then_404(self, client: AsyncClient) -> None:
        created = await self.resource.create(client)
        response = await client.delete(f"{self.resource.url}/{created['id']}")
        assert response.status_code == 204
        assert response.content == b""
        assert (await client.get(f"{self.resource.url}/{created['id']}")).status_code == 404

    async def test_list_paginates(self, client: AsyncClient) -> None:
        ids = [(await self.resource.create(client))["id"] for _ in range(3)]
        response = await client.get(self.resource.url, params={"limit": 2, "offset": 1})
        assert response.status_code == 200
        page = response.json()
        assert (page["limit"], page["offset"], page["has_more"], page["total"]) == (
            2,
            1,
            False,
            None,
        )
        assert [item["id"] for item in page["items"]] == ids[1:3]
        first = (await client.get(self.resource.url, params={"limit": 2})).json()
        assert ([item["id"] for item in first["items"]], first["has_more"]) == (ids[:2], True)
        assert (await client.get(self.resource.url)).json()["limit"] == 50

    async def test_list_runs_one_query_whatever_the_page_size(
        self, client: AsyncClient, statements: list[str]
    ) -> None:
        for _ in range(3):
            await self.resource.create(client)
        statements.clear()
        response = await client.get(self.resource.url)
        assert len(response.json()["items"]) == 3
        # one statement: no query per row or per reference, and no count unless asked for
        assert len(statements) == 1
        assert "count(" not in statements[0].lower()

    async def test_list_counts_in_the_same_query_when_asked(
        self, client: AsyncClient, statements: list[str]
    ) -> None:
        for _ in range(3):
            await self.resource.create(client)
        statements.clear()
        page = (
            await client.get(self.resource.url, params={"limit": 2, "with_total": "true"})
        ).json()
        assert (page["total"], page["has_more"], len(page["items"])) == (3, True, 2)
        assert len(statements) == 1
        assert "count(" in statements[0].lower()

    async def test_list_past_the_end_still_counts(
        self, client: AsyncClient, statements: list[str]
    ) -> None:
        for _ in range(2):
            await self.resource.create(client)
        statements.clear()
        page = (
            await client.get(self.resource.url, params={"offset": 5, "with_total": "true"})
        ).json()
        assert (page["items"], page["total"], page["has_more"]) == ([], 2, False)
        assert len(statements) == 2  # the empty page, then the count alone

    async def test_list_sorts_both_ways(self, client: AsyncClient) -> None:
        ids = [(await self.resource.create(client))["id"] for _ in range(3)]
        descending = await client.get(self.resource.url, params={"sort": "-id"})
        assert [item["id"] for item in descending.json()["items"]] == ids[::-1]
        for field in self.resource.sortable:
            for sort in (field, f"-{field}"):
                response = await client.get(self.resource.url, params={"sort": sort})
                assert response.status_code == 200, sort
                assert len(response.json()["items"]) == 3

    @pytest.mark.parametrize(
        "params",
        [
            {"sort": "no_such_field"},
            {"limit": 0},
            {"limit": 201},
            {"limit": "1.5"},
            {"offset": -1},
            {"offset": 10_001},
            {"offset": 2**63},
            {"no_such": "x"},
        ],
    )
    async def test_list_rejects_bad_parameters(
        self, client: AsyncClient, params: dict[str, str | int]
    ) -> None:
        response = await client.get(self.resource.url, params=params)
        assert response.status_code == 422
        assert response.json()["error"]["code"] == "validation_error"


class FilterRules(CrudContract):
    async def test_list_filters_by_equality(self, client: AsyncClient, filter_field: str) -> None:
        first = await self.resource.create(client)
        await self.resource.create(client)
        value = first[filter_field]
        param = str(value).lower() if isinstance(value, bool) else str(value)
        response = await client.get(self.resource.url, params={filter_field: param})
        assert response.status_code == 200, response.text
        items = response.json()["items"]
        assert first["id"] in [item["id"] for item in items]
        assert all(item[filter_field] == value for item in items)

    async def test_list_rejects_invalid_filters(
        self, client: AsyncClient, bad_filter: str, text: str
    ) -> None:
        response = await client.get(self.resource.url, params={bad_filter: text})
        assert response.status_code == 422, response.text


class NullFilterRules(CrudContract):
    async def test_list_filters_empty_fields(
        self, client: AsyncClient, nullable_field: str
    ) -> None:
        empty = await self.resource.create(client, **{nullable_field: None})
        response = await client.get(self.resource.url, params={nullable_field: "null"})
        assert response.status_code == 200, response.text
        items = response.json()["items"]
        assert empty["id"] in [item["id"] for item in items]
        assert all(item[nullable_field] is None for item in items)


class InvalidValueRules(CrudContract):
    async def test_create_rejects_invalid_values(
        self, client: AsyncClient, invalid_field: str, value: object
    ) -> None:
        payload = {**(await self.resource.make_input(client)), invalid_field: value}
        # json.dumps sends NaN and lone surrogates as a careless client would
        body = json.dumps(payload)
        headers = {"content-type": "application/json"}
        response = await client.post(self.resource.url, content=body, headers=headers)
        assert response.status_code == 422, response.text
        error = response.json()["error"]
        assert error["code"] == "validation_error"
        assert invalid_field in error["details"][0]["loc"]
        # nothing was written: a refused value never becomes a row that breaks later reads
        assert (await client.get(self.resource.url)).status_code == 200


class RequiredRules(CrudContract):
    async def test_create_requires_the_field(
        self, client: AsyncClient, required_field: str
    ) -> None:
        payload = await self.resource.make_input(client)
        del payload[required_field]
        response = await client.post(self.resource.url, json=payload)
        assert response.status_code == 422
        assert response.json()["error"]["details"][0]["type"] == "missing"

    async def test_patch_rejects_null_for_a_required_field(
        self, client: AsyncClient, required_field: str
    ) -> None:
        created = await self.resource.create(client)
        url = f"{self.resource.url}/{created['id']}"
        response = await client.patch(url, json={required_field: None})
        assert response.status_code == 422


class UniqueRules(CrudContract):
    async def test_duplicate_unique_value_is_409(
        self, client: AsyncClient, unique_field: str
    ) -> None:
        first = await self.resource.create(client)
        payload = {**(await self.resource.make_input(client)), unique_field: first[unique_field]}
        response = await client.post(self.resource.url, json=payload)
        assert response.status_code == 409, response.text
        error = response.json()["error"]
        assert error["code"] == "conflict"
        assert error["details"] == [{"field": unique_field, "type": "unique"}]
        assert unique_field in error["message"]
        # the failed statement leaves nothing behind on its connection
        assert len((await client.get(self.resource.url)).json()["items"]) == 1


class ReferenceRules(CrudContract):
    async def test_reference_to_a_missing_row_is_422(
        self, client: AsyncClient, reference_field: str
    ) -> None:
        payload = {**(await self.resource.make_input(client)), reference_field: 999_999}
        response = await client.post(self.resource.url, json=payload)
        assert response.status_code == 422, response.text
        assert response.json()["error"]["code"] == "invalid_reference"
