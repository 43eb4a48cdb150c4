"""The application factory: settings, logging, JSON, error handlers, the database, blueprints.

It registers every resource's blueprint (layerkit adds each new one here); `gunicorn
'app:create_app()'` serves it. The models are known to the metadata (init_db()); the schema
comes from the migrations, never from `create_all()`.
"""

from collections.abc import Iterable
from typing import Any

from apiflask import APIFlask, HTTPError
from flask import Blueprint, request
from flask.typing import ResponseReturnValue

from helper.Context import current_database
from helper.DBSession import Database, database_from
from helper.execution_tracking.ErrorHandlers import install_error_handlers
from helper.execution_tracking.Logger import RequestIdMiddleware, configure_logging
from helper.Serialization import OrjsonProvider, document_any_json_bodies
from helper.Types import INT32_MAX
from routes.authors_route import authors_bp
from routes.books_route import books_bp
from routes.health import health
from routes.reviews_route import reviews_bp
from startup.Alchemy import init_db
from startup.Environment import Settings, get_settings


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


def _finish_spec(spec: dict[Any, Any] | str) -> dict[Any, Any] | str:
    """The OpenAPI document as APIFlask makes it, finished (APIFlask takes one processor)."""
    if isinstance(spec, dict):
        document_any_json_bodies(spec)
    return spec


def create_app(
    settings: Settings | None = None,
    *,
    blueprints: Iterable[Blueprint] = (),
    database: Database | None = None,
) -> App:
    settings = settings or get_settings()
    init_db()
    configure_logging(settings.log_level)
    app = App(__name__, title=settings.app_name, version="0.1.0")
    app.config["AUTO_SERVERS"] = False  # the schema does not depend on the host it is read from
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
    app.register_blueprint(authors_bp)
    app.register_blueprint(books_bp)
    app.register_blueprint(reviews_bp)
    for blueprint in blueprints:
        app.register_blueprint(blueprint)
    return app
