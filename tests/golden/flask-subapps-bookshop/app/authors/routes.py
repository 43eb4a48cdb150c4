"""HTTP for authors: parse the request, call its utils, choose the status code.

The schemas validate what comes in and document what goes out; rows are written to JSON as the
database returns them (`json_response`).
"""

from typing import Any

from apiflask import APIBlueprint
from flask import Response
from marshmallow import RAISE

from app.authors.schemas import (
    AuthorCreate,
    AuthorPage,
    AuthorQuery,
    AuthorRead,
    AuthorUpdate,
)
from app.authors.utils import AuthorService
from app.core.context import current_database
from app.core.handlers import ERROR_RESPONSES
from app.core.schemas import PageArgs
from app.core.serialization import json_response

blueprint = APIBlueprint("authors", __name__, url_prefix="/authors", tag="authors")


def _service() -> AuthorService:
    return AuthorService(current_database())


# Declared before the list: its Read schema is documented before the page that nests it.
@blueprint.post("")
@blueprint.input(AuthorCreate, arg_name="data")
@blueprint.output(AuthorRead, status_code=201)
@blueprint.doc(responses=ERROR_RESPONSES)
def create_author(data: dict[str, Any]) -> Response:
    return json_response(_service().create(data), 201)


@blueprint.get("")
@blueprint.input(AuthorQuery, location="query", arg_name="query", unknown=RAISE)
@blueprint.output(AuthorPage)
@blueprint.doc(responses=ERROR_RESPONSES)
def list_authors(query: PageArgs) -> Response:
    return json_response(_service().search(query))


@blueprint.get("/<int:author_id>")
@blueprint.output(AuthorRead)
@blueprint.doc(responses=ERROR_RESPONSES)
def get_author(author_id: int) -> Response:
    return json_response(_service().get(author_id))


@blueprint.patch("/<int:author_id>")
@blueprint.input(AuthorUpdate, arg_name="data")
@blueprint.output(AuthorRead)
@blueprint.doc(responses=ERROR_RESPONSES)
def update_author(author_id: int, data: dict[str, Any]) -> Response:
    return json_response(_service().update(author_id, data))


@blueprint.delete("/<int:author_id>")
@blueprint.output({}, status_code=204)
@blueprint.doc(responses=ERROR_RESPONSES)
def delete_author(author_id: int) -> Response:
    _service().delete(author_id)
    return Response(status=204)
