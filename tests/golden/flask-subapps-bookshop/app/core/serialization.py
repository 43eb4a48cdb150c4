"""JSON in and out with orjson: rows go out as the database returns them.

Decimals are written as text ("12.50") and datetimes in UTC with a `Z`, as the schemas document.
Measured on the generated API, this and the bare-driver queries are what put it well ahead of
the textbook ORM app: no per-row objects, no per-field serializer calls.
"""

from decimal import Decimal
from typing import Any

import orjson
from flask import Response
from flask.json.provider import JSONProvider

_OPTIONS = orjson.OPT_UTC_Z


def _default(value: object) -> object:
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def dumps(value: object) -> bytes:
    return orjson.dumps(value, default=_default, option=_OPTIONS)


def json_response(
    body: object, status: int = 200, headers: dict[str, str] | None = None
) -> Response:
    return Response(dumps(body), status=status, headers=headers, mimetype="application/json")


class OrjsonProvider(JSONProvider):
    """Flask's `jsonify` and dict return values, with orjson."""

    def dumps(self, obj: Any, **kwargs: Any) -> str:
        return dumps(obj).decode()

    def loads(self, s: str | bytes, **kwargs: Any) -> Any:
        return orjson.loads(s)

    def response(self, *args: Any, **kwargs: Any) -> Response:
        return json_response(self._prepare_response_obj(args, kwargs))


# A view that reads any JSON value as its body (a route's) says so with
# `@blueprint.doc(extensions=ANY_JSON_BODY)`: marshmallow schemas describe objects only, so the
# app's spec processor documents its body (`document_any_json_bodies`).
_ANY_JSON_BODY_KEY = "x-any-json-body"
ANY_JSON_BODY: dict[str, Any] = {_ANY_JSON_BODY_KEY: True}


def document_any_json_bodies(spec: dict[str, Any]) -> None:
    """The request body of every operation marked ANY_JSON_BODY: any JSON value, or none."""
    for operations in spec.get("paths", {}).values():
        for operation in operations.values():
            if isinstance(operation, dict) and operation.pop(_ANY_JSON_BODY_KEY, False):
                content: dict[str, Any] = {"application/json": {"schema": {}}}  # {}: any value
                operation["requestBody"] = {"required": False, "content": content}
