"""HTTP for books: parse the request, call its utils, choose the status code.

The schemas validate what comes in and document what goes out; rows are written to JSON as the
database returns them (`json_response`).
"""

from typing import Any

from apiflask import APIBlueprint
from flask import Response
from marshmallow import RAISE

from app.books.schemas import (
    BookCreate,
    BookPage,
    BookQuery,
    BookRead,
    BookUpdate,
)
from app.books.utils import BookService
from app.core.context import current_database
from app.core.handlers import ERROR_RESPONSES
from app.core.schemas import PageArgs
from app.core.serialization import json_response

blueprint = APIBlueprint("books", __name__, url_prefix="/books", tag="books")


def _service() -> BookService:
    return BookService(current_database())


# Declared before the list: its Read schema is documented before the page that nests it.
@blueprint.post("")
@blueprint.input(BookCreate, arg_name="data")
@blueprint.output(BookRead, status_code=201)
@blueprint.doc(responses=ERROR_RESPONSES)
def create_book(data: dict[str, Any]) -> Response:
    return json_response(_service().create(data), 201)


@blueprint.get("")
@blueprint.input(BookQuery, location="query", arg_name="query", unknown=RAISE)
@blueprint.output(BookPage)
@blueprint.doc(responses=ERROR_RESPONSES)
def list_books(query: PageArgs) -> Response:
    return json_response(_service().search(query))


@blueprint.get("/<int:book_id>")
@blueprint.output(BookRead)
@blueprint.doc(responses=ERROR_RESPONSES)
def get_book(book_id: int) -> Response:
    return json_response(_service().get(book_id))


@blueprint.patch("/<int:book_id>")
@blueprint.input(BookUpdate, arg_name="data")
@blueprint.output(BookRead)
@blueprint.doc(responses=ERROR_RESPONSES)
def update_book(book_id: int, data: dict[str, Any]) -> Response:
    return json_response(_service().update(book_id, data))


@blueprint.delete("/<int:book_id>")
@blueprint.output({}, status_code=204)
@blueprint.doc(responses=ERROR_RESPONSES)
def delete_book(book_id: int) -> Response:
    _service().delete(book_id)
    return Response(status=204)
