"""HTTP for books: parse the request, call its service, choose the status code.

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
from schemas.PostBooks_schema import (
    BookCreate,
    BookPage,
    BookQuery,
    BookRead,
    BookUpdate,
)
from services.books_service import BookService

books_bp = APIBlueprint("books", __name__, url_prefix="/api/v1/books", tag="books")


def _service() -> BookService:
    return BookService(current_database())


# Declared before the list: its Read schema is documented before the page that nests it.
@books_bp.post("")
@books_bp.input(BookCreate, arg_name="data")
@books_bp.output(BookRead, status_code=201)
@books_bp.doc(responses=ERROR_RESPONSES)
def create_book(data: dict[str, Any]) -> Response:
    return json_response(_service().create(data), 201)


@books_bp.get("")
@books_bp.input(BookQuery, location="query", arg_name="query", unknown=RAISE)
@books_bp.output(BookPage)
@books_bp.doc(responses=ERROR_RESPONSES)
def list_books(query: PageArgs) -> Response:
    return json_response(_service().search(query))


@books_bp.get("/<int:book_id>")
@books_bp.output(BookRead)
@books_bp.doc(responses=ERROR_RESPONSES)
def get_book(book_id: int) -> Response:
    return json_response(_service().get(book_id))


@books_bp.patch("/<int:book_id>")
@books_bp.input(BookUpdate, arg_name="data")
@books_bp.output(BookRead)
@books_bp.doc(responses=ERROR_RESPONSES)
def update_book(book_id: int, data: dict[str, Any]) -> Response:
    return json_response(_service().update(book_id, data))


@books_bp.delete("/<int:book_id>")
@books_bp.output({}, status_code=204)
@books_bp.doc(responses=ERROR_RESPONSES)
def delete_book(book_id: int) -> Response:
    _service().delete(book_id)
    return Response(status=204)
