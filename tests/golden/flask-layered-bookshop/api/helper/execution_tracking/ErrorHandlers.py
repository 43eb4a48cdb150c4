"""One JSON error shape for every failure: {"error": {"code", "message", "details"}}.

Validation errors (422) list one detail per invalid value: its location (`["body", "title"]`),
marshmallow's message and a type ("missing", "null", "unknown" or "invalid").
"""

import logging

from apiflask import APIFlask, HTTPError
from flask import Response
from marshmallow import fields
from marshmallow.fields import Field

from helper.DBSession import DatabaseUnavailableError
from helper.execution_tracking.APIException import (
    APIException,
    AppError,
    ConflictError,
    InvalidReferenceError,
    NotFoundError,
)
from helper.Pagination import Schema
from helper.Serialization import json_response

logger = logging.getLogger(__name__)

STATUS_BY_ERROR: dict[type[AppError], int] = {
    NotFoundError: 404,
    ConflictError: 409,
    InvalidReferenceError: 422,
}
CODE_BY_STATUS = {
    400: "bad_request",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    422: "validation_error",
    500: "internal_error",
    503: "unavailable",
}
RETRY_AFTER_SECONDS = 1  # a busy pool or a lost connection is usually over by then
_LOCATIONS = {"json": "body", "query": "query", "path": "path"}
_TYPES = {
    Field.default_error_messages["required"]: "missing",
    Field.default_error_messages["null"]: "null",
    "Unknown field.": "unknown",  # marshmallow's Schema message for a field it does not declare
}
Detail = dict[str, object]


class ErrorInfo(Schema):
    code = fields.String(required=True)
    message = fields.String(required=True)
    details = fields.List(fields.Dict(), required=True)


class ErrorBody(Schema):
    error = fields.Nested(ErrorInfo, required=True)


# Every status an API route can answer besides its own success, so clients (and fuzzers) see them.
ERROR_RESPONSES: dict[int, str] = {
    400: "Body is not readable (not UTF-8 JSON)",
    404: "Not found",
    409: "Conflict",
    422: "Invalid request",
    503: "Database unavailable: retry after the Retry-After seconds",
}


def error_response(
    status: int,
    code: str,
    message: str,
    details: list[Detail] | None = None,
    headers: dict[str, str] | None = None,
) -> Response:
    body = {"error": {"code": code, "message": message, "details": details or []}}
    return json_response(body, status, headers)


def _http_error(error: HTTPError) -> Response:
    """Every HTTP error: validation, routing (404, 405), aborts and unhandled errors (500)."""
    status = error.status_code
    code = CODE_BY_STATUS.get(status, "http_error")
    headers = {str(key): str(value) for key, value in dict(error.headers or {}).items()}
    if status == 422 and isinstance(error.detail, dict) and error.detail:
        details = [
            item for location, found in error.detail.items() for item in _walk(found, [location])
        ]
        return error_response(422, code, "invalid request", details, headers)
    message = "internal server error" if status == 500 else str(error.message)
    return error_response(status, code, message, headers=headers)


def _walk(found: object, loc: list[str]) -> list[Detail]:
    """marshmallow's nested messages ({"json": {"title": ["..."]}}) as one detail per message."""
    if isinstance(found, dict):
        return [item for key, inner in found.items() for item in _walk(inner, [*loc, str(key)])]
    if isinstance(found, list) and all(isinstance(item, str) for item in found):
        where = [_LOCATIONS.get(loc[0], loc[0]), *loc[1:]]
        return [
            {"loc": where, "message": text, "type": _TYPES.get(text, "invalid")} for text in found
        ]
    if isinstance(found, list):
        return [item for inner in found for item in _walk(inner, loc)]
    return [{"loc": loc, "message": str(found), "type": "invalid"}]


def _app_error(error: AppError) -> Response:
    status = next((code for kind, code in STATUS_BY_ERROR.items() if isinstance(error, kind)), 400)
    if isinstance(error, APIException):  # raised with its own status code
        status = error.status_code
    details: list[Detail] = [
        {key: str(value) for key, value in detail.items()} for detail in error.details
    ]
    return error_response(status, error.code, error.message, details)


def _database_unavailable(error: DatabaseUnavailableError) -> Response:
    logger.warning("database unavailable: %s", error)
    retry = {"Retry-After": str(RETRY_AFTER_SECONDS)}
    return error_response(
        503, "unavailable", "the database is unavailable, retry later", headers=retry
    )


def install_error_handlers(app: APIFlask) -> None:
    app.config["HTTP_ERROR_SCHEMA"] = ErrorBody
    app.config["VALIDATION_ERROR_SCHEMA"] = ErrorBody
    app.error_processor(_http_error)
    app.register_error_handler(AppError, _app_error)
    app.register_error_handler(APIException, _app_error)  # seed 001's JSON error type
    app.register_error_handler(DatabaseUnavailableError, _database_unavailable)
