"""Valid book payloads, and books created through the API, for tests."""

from flask.testing import FlaskClient

from tests.factories.authors import create_author
from tests.helpers import next_number, number_value, text_value

URL = "/api/v1/books"


def book_payload(n: int | None = None) -> dict[str, object]:
    """A valid payload without references (n makes unique values unique)."""
    n = next_number() if n is None else n
    return {
        "title": text_value(n, prefix="title", max_length=200),
        "isbn": text_value(n, prefix="isbn", max_length=13),
        "price": f"{number_value(n, minimum=0)}.00",
        "pages": number_value(n, minimum=1),
        "published": n % 2 == 0,
        "genre": "fiction",
    }


def book_input(client: FlaskClient, n: int | None = None) -> dict[str, object]:
    """A valid payload whose references point at freshly created rows."""
    payload = book_payload(n)
    payload["author_id"] = create_author(client)["id"]
    return payload


def create_book(client: FlaskClient, **overrides: object) -> dict[str, object]:
    payload = {**book_input(client), **overrides}
    response = client.post(URL, json=payload)
    assert response.status_code == 201, response.text
    created: dict[str, object] = response.get_json()
    return created
