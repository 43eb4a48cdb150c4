"""Valid product_category payloads, and product_categories created through the API, for tests."""

from httpx import AsyncClient

from tests.helpers import next_number, text_value

URL = "/api/v1/product-categories"


def product_category_payload(n: int | None = None) -> dict[str, object]:
    """A valid payload without references (n makes unique values unique)."""
    n = next_number() if n is None else n
    return {
        "label": text_value(n, prefix="label", max_length=255),
    }


async def product_category_input(client: AsyncClient, n: int | None = None) -> dict[str, object]:
    """A valid payload whose references point at freshly created rows."""
    payload = product_category_payload(n)
    payload["parent_id"] = None
    return payload


async def create_product_category(client: AsyncClient, **overrides: object) -> dict[str, object]:
    payload = {**(await product_category_input(client)), **overrides}
    response = await client.post(URL, json=payload)
    assert response.status_code == 201, response.text
    created: dict[str, object] = response.json()
    return created
