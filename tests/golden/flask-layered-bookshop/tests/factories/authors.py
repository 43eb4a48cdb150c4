"""Valid author payloads, and authors created through the API, for tests."""

from flask.testing import FlaskClient

from tests.helpers import date_value, next_number, text_value

URL = "/api/v1/authors"


def author_payload(n: int | None = None) -> dict[str, object]:
    """A valid payload without references (n makes unique values unique)."""
    n = next_number() if n is None else n
    return {
        "name": text_value(n, prefix="name", max_length=120),
        "born": date_value(n),
        "email": f"user{n}@example.com",
    }


def author_input(client: FlaskClient, n: int | None = None) -> dict[str, object]:
    """A valid payload whose references point at freshly created rows."""
    payload = author_payload(n)
    return payload


def create_author(client: FlaskClient, **overrides: object) -> dict[str, object]:
    payload = {**author_input(client), **overrides}
    response = client.post(URL, json=payload)
    assert response.status_code == 201, response.text
    created: dict[str, object] = response.get_json()
    return created
