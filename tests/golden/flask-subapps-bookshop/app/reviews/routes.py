"""HTTP for reviews: parse the request, call its utils, choose the status code.

The schemas validate what comes in and document what goes out; rows are written to JSON as the
database returns them (`json_response`).
"""

from typing import Any

from apiflask import APIBlueprint
from flask import Response
from marshmallow import RAISE

from app.core.context import current_database
from app.core.handlers import ERROR_RESPONSES
from app.core.schemas import PageArgs
from app.core.serialization import json_response
from app.reviews.schemas import (
    ReviewCreate,
    ReviewPage,
    ReviewQuery,
    ReviewRead,
    ReviewUpdate,
)
from app.reviews.utils import ReviewService

blueprint = APIBlueprint("reviews", __name__, url_prefix="/reviews", tag="reviews")


def _service() -> ReviewService:
    return ReviewService(current_database())


# Declared before the list: its Read schema is documented before the page that nests it.
@blueprint.post("")
@blueprint.input(ReviewCreate, arg_name="data")
@blueprint.output(ReviewRead, status_code=201)
@blueprint.doc(responses=ERROR_RESPONSES)
def create_review(data: dict[str, Any]) -> Response:
    return json_response(_service().create(data), 201)


@blueprint.get("")
@blueprint.input(ReviewQuery, location="query", arg_name="query", unknown=RAISE)
@blueprint.output(ReviewPage)
@blueprint.doc(responses=ERROR_RESPONSES)
def list_reviews(query: PageArgs) -> Response:
    return json_response(_service().search(query))


@blueprint.get("/<int:review_id>")
@blueprint.output(ReviewRead)
@blueprint.doc(responses=ERROR_RESPONSES)
def get_review(review_id: int) -> Response:
    return json_response(_service().get(review_id))


@blueprint.patch("/<int:review_id>")
@blueprint.input(ReviewUpdate, arg_name="data")
@blueprint.output(ReviewRead)
@blueprint.doc(responses=ERROR_RESPONSES)
def update_review(review_id: int, data: dict[str, Any]) -> Response:
    return json_response(_service().update(review_id, data))


@blueprint.delete("/<int:review_id>")
@blueprint.output({}, status_code=204)
@blueprint.doc(responses=ERROR_RESPONSES)
def delete_review(review_id: int) -> Response:
    _service().delete(review_id)
    return Response(status=204)
