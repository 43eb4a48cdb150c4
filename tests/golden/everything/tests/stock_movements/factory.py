"""Valid stock_movement payloads, and stock_movements created through the API, for tests."""

from httpx import AsyncClient

from tests.helpers import next_number, number_value, text_value
from tests.products.factory import create_product
from tests.warehouses.factory import create_warehouse

URL = "/api/v1/stock-movements"


def stock_movement_payload(n: int | None = None) -> dict[str, object]:
    """A valid payload without references (n makes unique values unique)."""
    n = next_number() if n is None else n
    return {
        "quantity": number_value(n, minimum=1),
        "note": text_value(n, prefix="note", max_length=255),
    }


async def stock_movement_input(client: AsyncClient, n: int | None = None) -> dict[str, object]:
    """A valid payload whose references point at freshly created rows."""
    payload = stock_movement_payload(n)
    payload["product_id"] = (await create_product(client))["id"]
    payload["source_id"] = (await create_warehouse(client))["id"]
    return payload


async def create_stock_movement(client: AsyncClient, **overrides: object) -> dict[str, object]:
    payload = {**(await stock_movement_input(client)), **overrides}
    response = await client.post(URL, json=payload)
    assert response.status_code == 201, response.text
    created: dict[str, object] = response.json()
    return created
