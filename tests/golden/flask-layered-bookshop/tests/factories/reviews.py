"""Valid review payloads, and reviews created through the API, for tests."""

from flask.testing import FlaskClient

from tests.factories.books import create_book
from tests.helpers import datetime_value, next_number, number_value, text_value

URL = "/api/v1/reviews"


def review_payload(n: int | None = None) -> dict[str, object]:
    """A valid payload without references (n makes unique values unique)."""
    n = next_number() if n is None else n
    return {
        "rating": number_value(n, minimum=1, maximum=5),
        "body": text_value(n, prefix="body"),
        "reviewed_at": datetime_value(n),
    }


def review_input(client: FlaskClient, n: int | None = None) -> dict[str, object]:
    """A valid payload whose references point at freshly created rows."""
    payload = review_payload(n)
    payload["book_id"] = create_book(client)["id"]
    return payload


def create_review(client: FlaskClient, **overrides: object) -> dict[str, object]:
    payload = {**review_input(client), **overrides}
    response = client.post(URL, json=payload)
    assert response.status_code == 201, response.text
    created: dict[str, object] = response.get_json()
    return created
