"""The application factory: settings, logging, JSON, error handlers, the database, blueprints.

`create_app` knows no sub-app: `app.app` hands it the API's root blueprint.
"""

import re
from collections.abc import Iterable
from typing import Any

from apiflask import APIFlask, HTTPError, Schema
from flask import Blueprint, request
from flask.typing import ResponseReturnValue

from app.core.config import Settings, get_settings
from app.core.context import current_database
from app.core.database.database import Database, database_from
from app.core.handlers import install_error_handlers
from app.core.health import health
from app.core.logger import RequestIdMiddleware, configure_logging
from app.core.serialization import OrjsonProvider, document_any_json_bodies
from app.core.types import INT32_MAX


class App(APIFlask):
    """Every request is one unit of work: its writes commit once the view returns, and roll back
    if it raises (domain errors included), so a failed request changes nothing."""

    def dispatch_request(self) -> ResponseReturnValue:
        # Here rather than as a URL value preprocessor: Flask looks those up along the request's
        # blueprints, at twice the cost of the check itself.
        _check_row_ids(request.view_args)
        with current_database().unit_of_work():
            return super().dispatch_request()


def _check_row_ids(values: dict[str, Any] | None) -> None:
    """An id in a path is bounded like the INTEGER column: 0 or 2**31 is a 422, not a lookup."""
    for name, value in (values or {}).items():
        if isinstance(value, int) and not 1 <= value <= INT32_MAX:
            message = f"Must be greater than or equal to 1 and less than or equal to {INT32_MAX}."
            raise HTTPError(422, "invalid request", detail={"path": {name: [message]}})


_VERSION = re.compile(r"v[1-9][0-9]*")


def _schema_name(schema: type[Schema]) -> str:
    """APIFlask's name (`BookRead`); a sub-app's own code in a version (`books/v2/schemas.py`)
    adds the version (`BookReadV2`), so each version's schemas keep names of their own."""
    name = APIFlask._schema_name_resolver(schema)
    module = (schema if isinstance(schema, type) else type(schema)).__module__
    versions = [part for part in module.split(".") if _VERSION.fullmatch(part)]
    return f"{name}{versions[-1].upper()}" if versions else name


def _one_tag_per_name(spec: dict[Any, Any]) -> None:
    """A sub-app's blueprint, registered in several versions, would list its tag once for each."""
    if spec.get("tags"):
        spec["tags"] = list({tag["name"]: tag for tag in spec["tags"]}.values())


def _finish_spec(spec: dict[Any, Any] | str) -> dict[Any, Any] | str:
    """The OpenAPI document as APIFlask makes it, finished (APIFlask takes one processor)."""
    if isinstance(spec, dict):
        document_any_json_bodies(spec)
        _one_tag_per_name(spec)
    return spec


def create_app(
    settings: Settings | None = None,
    *,
    blueprints: Iterable[Blueprint] = (),
    database: Database | None = None,
) -> App:
    settings = settings or get_settings()
    configure_logging(settings.log_level)
    app = App("app", title=settings.app_name, version="0.1.0")
    app.config["AUTO_SERVERS"] = False  # the schema does not depend on the host it is read from
    # An id per operation, from its endpoint: a sub-app served in v1 and v2 has one in each.
    app.config["AUTO_OPERATION_ID"] = True
    app.schema_name_resolver = _schema_name
    app.spec_processor(_finish_spec)
    app.json = OrjsonProvider(app)
    # A bad DATABASE_URL stops the start, not the first request.
    app.extensions["database"] = database or database_from(settings)
    install_error_handlers(app)
    # Flask's documented way to add WSGI middleware (typeshed types wsgi_app as a method).
    app.wsgi_app = RequestIdMiddleware(  # type: ignore[method-assign]
        app.wsgi_app, log_requests=settings.log_requests
    )
    app.register_blueprint(health)
    for blueprint in blueprints:
        app.register_blueprint(blueprint)
    return app
