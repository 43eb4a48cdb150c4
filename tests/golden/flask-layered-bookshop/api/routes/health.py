"""Liveness (/health) and readiness (/ready: the database answers a connection of its own, so a
busy pool is not reported as an outage)."""

from apiflask import APIBlueprint
from flask import Response
from marshmallow import fields

from helper.Context import current_database
from helper.execution_tracking.ErrorHandlers import RETRY_AFTER_SECONDS, error_response
from helper.Pagination import Schema
from helper.Serialization import json_response

health = APIBlueprint("health", __name__, tag="health")


class HealthStatus(Schema):
    status = fields.String(required=True)


@health.get("/health")
@health.output(HealthStatus)
def health_check() -> Response:
    return json_response({"status": "ok"})


@health.get("/ready")
@health.output(HealthStatus)
@health.doc(responses={503: "Database unreachable"})
def ready() -> Response:
    if current_database().is_ready():
        return json_response({"status": "ready"})
    retry = {"Retry-After": str(RETRY_AFTER_SECONDS)}
    return error_response(503, "unavailable", "the database is not reachable", headers=retry)
