"""One JSON error shape for every failure: {"error": {"code", "message", "details"}}."""

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, JsonValue
from starlette.exceptions import HTTPException

from app.database.postgres import DatabaseUnavailableError
from app.exceptions.custom_exceptions import (
    AppError,
    ConflictError,
    InvalidReferenceError,
    NotFoundError,
)

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
    503: "unavailable",
}


class ErrorInfo(BaseModel):
    code: str
    message: str
    details: list[dict[str, JsonValue]] = []


class ErrorBody(BaseModel):
    error: ErrorInfo


def error_response(
    status_code: int,
    code: str,
    message: str,
    details: list[dict[str, JsonValue]] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    body = ErrorBody(error=ErrorInfo(code=code, message=message, details=details or []))
    return JSONResponse(body.model_dump(mode="json"), status_code=status_code, headers=headers)


async def _app_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, AppError)
    status_code = next(
        (code for kind, code in STATUS_BY_ERROR.items() if isinstance(exc, kind)),
        400,
    )
    details: list[dict[str, JsonValue]] = [
        {key: str(value) for key, value in detail.items()} for detail in exc.details
    ]
    return error_response(status_code, exc.code, exc.message, details)


async def _http_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HTTPException)
    code = CODE_BY_STATUS.get(exc.status_code, "http_error")
    headers = dict(exc.headers) if exc.headers else None
    return error_response(exc.status_code, code, str(exc.detail), headers=headers)


async def _validation_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    details: list[dict[str, JsonValue]] = [
        {
            "loc": [str(part) for part in error.get("loc", ())],
            "message": str(error.get("msg", "")),
            "type": str(error.get("type", "")),
        }
        for error in exc.errors()
    ]
    return error_response(422, "validation_error", "invalid request", details)


RETRY_AFTER_SECONDS = 1  # a busy pool or a lost connection is usually over by then


async def _database_unavailable(_request: Request, exc: Exception) -> JSONResponse:
    logger.warning("database unavailable: %s", exc)
    return error_response(
        503,
        "unavailable",
        "the database is unavailable, retry later",
        headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
    )


async def _unhandled_error(_request: Request, exc: Exception) -> JSONResponse:
    logger.exception("unhandled error", exc_info=exc)
    return error_response(500, "internal_error", "internal server error")


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(AppError, _app_error)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(DatabaseUnavailableError, _database_unavailable)
    app.add_exception_handler(Exception, _unhandled_error)


# Every status an API route can answer besides its own success, so clients (and fuzzers) see them.
ERROR_RESPONSES: dict[int | str, dict[str, object]] = {
    400: {"model": ErrorBody, "description": "Body is not readable (not UTF-8 JSON)"},
    404: {"model": ErrorBody, "description": "Not found"},
    409: {"model": ErrorBody, "description": "Conflict"},
    422: {"model": ErrorBody, "description": "Invalid request"},
    503: {
        "model": ErrorBody,
        "description": "Database unavailable: retry after the Retry-After seconds",
        "headers": {"Retry-After": {"schema": {"type": "integer"}}},
    },
}
