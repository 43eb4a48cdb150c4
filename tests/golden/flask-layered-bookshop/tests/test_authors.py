"""HTTP tests of /api/v1/authors.

The shared CRUD contract and field rules (tests/crud.py), given this resource's fields.
"""

import pytest
from flask.testing import FlaskClient

from tests.crud import (
    CrudContract,
    CrudResource,
    FilterRules,
    InvalidValueRules,
    NullFilterRules,
    RequiredRules,
    UniqueRules,
)
from tests.factories.authors import URL, author_input, author_payload, create_author


def author_change(client: FlaskClient) -> dict[str, object]:
    """A PATCH body that sets one field to a new valid value."""
    return {"name": author_payload()["name"]}


class TestAuthorApi(
    FilterRules,
    InvalidValueRules,
    NullFilterRules,
    RequiredRules,
    UniqueRules,
    CrudContract,
):
    resource = CrudResource(
        url=URL,
        make_input=author_input,
        create=create_author,
        make_change=author_change,
        sortable=(
            "id",
            "name",
            "born",
            "email",
            "created_at",
            "updated_at",
        ),
        filterable=(
            "name",
            "born",
            "email",
        ),
        invalid_values=(
            pytest.param("name", 123, id="name-type"),
            pytest.param("name", "x" * 121, id="name-too-long"),
            pytest.param("name", None, id="name-null"),
            pytest.param("name", "a\x00b", id="name-nul"),
            pytest.param("name", "\ud800", id="name-surrogate"),
            pytest.param("born", "not-a-date", id="born-type"),
            pytest.param("born", 0, id="born-number"),
            pytest.param("email", "not-an-email", id="email-type"),
            pytest.param("email", "a\x00@example.com", id="email-nul"),
        ),
        invalid_filters=(
            pytest.param("name", "a\x00b", id="name-nul"),
            pytest.param("born", "0", id="born-number"),
            pytest.param("email", "a\x00b", id="email-nul"),
        ),
        nullable=(
            "born",
            "email",
        ),
        required=("name",),
        unique=("email",),
        references=(),
    )
