"""HTTP for authors: parse the request, call its service, choose the status code.

The schemas validate what comes in and document what goes out; rows are written to JSON as the
database returns them (`json_response`).
"""

from typing import Any

from apiflask import APIBlueprint
from flask import Response
from marshmallow import RAISE

from helper.Context import current_database
from helper.execution_tracking.ErrorHandlers import ERROR_RESPONSES
from helper.Pagination import PageArgs
from helper.Serialization import json_response
from schemas.PostAuthors_schema import (
    AuthorCreate,
    AuthorPage,
    AuthorQuery,
    AuthorRead,
    AuthorUpdate,
)
from services.authors_service import AuthorService

authors_bp = APIBlueprint("authors", __name__, url_prefix="/api/v1/authors", tag="authors")


def _service() -> AuthorService:
    return AuthorService(current_database())


# Declared before the list: its Read schema is documented before the page that nests it.
@authors_bp.post("")
@authors_bp.input(AuthorCreate, arg_name="data")
@authors_bp.output(AuthorRead, status_code=201)
@authors_bp.doc(responses=ERROR_RESPONSES)
def create_author(data: dict[str, Any]) -> Response:
    return json_response(_service().create(data), 201)


@authors_bp.get("")
@authors_bp.input(AuthorQuery, location="query", arg_name="query", unknown=RAISE)
@authors_bp.output(AuthorPage)
@authors_bp.doc(responses=ERROR_RESPONSES)
def list_authors(query: PageArgs) -> Response:
    return json_response(_service().search(query))


@authors_bp.get("/<int:author_id>")
@authors_bp.output(AuthorRead)
@authors_bp.doc(responses=ERROR_RESPONSES)
def get_author(author_id: int) -> Response:
    return json_response(_service().get(author_id))


@authors_bp.patch("/<int:author_id>")
@authors_bp.input(AuthorUpdate, arg_name="data")
@authors_bp.output(AuthorRead)
@authors_bp.doc(responses=ERROR_RESPONSES)
def update_author(author_id: int, data: dict[str, Any]) -> Response:
    return json_response(_service().update(author_id, data))


@authors_bp.delete("/<int:author_id>")
@authors_bp.output({}, status_code=204)
@authors_bp.doc(responses=ERROR_RESPONSES)
def delete_author(author_id: int) -> Response:
    _service().delete(author_id)
    return Response(status=204)
