"""Valid product payloads, and products created through the API, for tests."""

from uuid import uuid4

from httpx import AsyncClient

from tests.helpers import datetime_value, next_number, number_value, text_value
from tests.warehouses.factory import create_warehouse

URL = "/api/v1/products"


def product_payload(n: int | None = None) -> dict[str, object]:
    """A valid payload without references (n makes unique values unique)."""
    n = next_number() if n is None else n
    return {
        "sku": str(uuid4()),
        "name": text_value(n, prefix="name", min_length=2, max_length=80),
        "description": text_value(n, prefix="description", max_length=2000),
        "weight": float(number_value(n, minimum=0, maximum=1000)),
        "price": f"{number_value(n, minimum=0.01)}.00",
        "stock": number_value(n, minimum=0),
        "active": n % 2 == 0,
        "attributes": {"n": n},
        "support": f"user{n}@example.com",
        "homepage": f"https://example.com/{n}",
        "size": "small",
        "released_at": datetime_value(n),
    }


async def product_input(client: AsyncClient, n: int | None = None) -> dict[str, object]:
    """A valid payload whose references point at freshly created rows."""
    payload = product_payload(n)
    payload["warehouse_id"] = (await create_warehouse(client))["id"]
    return payload


async def create_product(client: AsyncClient, **overrides: object) -> dict[str, object]:
    payload = {**(await product_input(client)), **overrides}
    response = await client.post(URL, json=payload)
    assert response.status_code == 201, response.text
    created: dict[str, object] = response.json()
    return created
