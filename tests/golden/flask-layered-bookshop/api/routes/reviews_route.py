"""HTTP for reviews: parse the request, call its service, choose the status code.

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
from schemas.PostReviews_schema import (
    ReviewCreate,
    ReviewPage,
    ReviewQuery,
    ReviewRead,
    ReviewUpdate,
)
from services.reviews_service import ReviewService

reviews_bp = APIBlueprint("reviews", __name__, url_prefix="/api/v1/reviews", tag="reviews")


def _service() -> ReviewService:
    return ReviewService(current_database())


# Declared before the list: its Read schema is documented before the page that nests it.
@reviews_bp.post("")
@reviews_bp.input(ReviewCreate, arg_name="data")
@reviews_bp.output(ReviewRead, status_code=201)
@reviews_bp.doc(responses=ERROR_RESPONSES)
def create_review(data: dict[str, Any]) -> Response:
    return json_response(_service().create(data), 201)


@reviews_bp.get("")
@reviews_bp.input(ReviewQuery, location="query", arg_name="query", unknown=RAISE)
@reviews_bp.output(ReviewPage)
@reviews_bp.doc(responses=ERROR_RESPONSES)
def list_reviews(query: PageArgs) -> Response:
    return json_response(_service().search(query))


@reviews_bp.get("/<int:review_id>")
@reviews_bp.output(ReviewRead)
@reviews_bp.doc(responses=ERROR_RESPONSES)
def get_review(review_id: int) -> Response:
    return json_response(_service().get(review_id))


@reviews_bp.patch("/<int:review_id>")
@reviews_bp.input(ReviewUpdate, arg_name="data")
@reviews_bp.output(ReviewRead)
@reviews_bp.doc(responses=ERROR_RESPONSES)
def update_review(review_id: int, data: dict[str, Any]) -> Response:
    return json_response(_service().update(review_id, data))


@reviews_bp.delete("/<int:review_id>")
@reviews_bp.output({}, status_code=204)
@reviews_bp.doc(responses=ERROR_RESPONSES)
def delete_review(review_id: int) -> Response:
    _service().delete(review_id)
    return Response(status=204)
