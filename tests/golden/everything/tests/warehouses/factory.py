"""Valid warehouse payloads, and warehouses created through the API, for tests."""

from httpx import AsyncClient

from tests.helpers import date_value, next_number, text_value

URL = "/api/v1/warehouses"


def warehouse_payload(n: int | None = None) -> dict[str, object]:
    """A valid payload without references (n makes unique values unique)."""
    n = next_number() if n is None else n
    return {
        "code": text_value(n, prefix="code", max_length=8),
        "city": text_value(n, prefix="city", max_length=255),
        "opened": date_value(n),
    }


async def warehouse_input(client: AsyncClient, n: int | None = None) -> dict[str, object]:
    """A valid payload whose references point at freshly created rows."""
    payload = warehouse_payload(n)
    return payload


async def create_warehouse(client: AsyncClient, **overrides: object) -> dict[str, object]:
    payload = {**(await warehouse_input(client)), **overrides}
    response = await client.post(URL, json=payload)
    assert response.status_code == 201, response.text
    created: dict[str, object] = response.json()
    return created
