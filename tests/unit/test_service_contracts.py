"""Service names and the contracts layouts state about services, without a project."""

from __future__ import annotations

import pytest

from layerkit.edit.contracts import contracts
from layerkit.errors import InvalidNameError
from layerkit.layouts.fastapi import FASTAPI
from layerkit.layouts.fastapi_services import FASTAPI_SERVICES
from layerkit.spec.names import resource_names, service_names


def test_service_names() -> None:
    names = service_names("EmailSender")
    assert (names.name, names.cls, names.title) == ("email_sender", "EmailSender", "Email sender")
    for bad in ("class", "2fa", "v3", "x" * 51, "a__b"):
        with pytest.raises(InvalidNameError):
            service_names(bad)


def by_id(found: list[dict[str, object]]) -> dict[str, dict[str, object]]:
    return {str(c["id"]): c for c in found}


def test_service_contracts_wait_for_a_service_then_name_each() -> None:
    assert not {i for i in by_id(contracts(FASTAPI, [])) if i.startswith("layerkit-services")}
    one = by_id(contracts(FASTAPI, [resource_names("book")], services=["mailer"]))
    assert one["layerkit-services-public"]["protected_modules"] == [
        f"app.services.mailer.{m}"
        for m in ("database_transactions", "exceptions", "service", "tasks", "utils")
    ]
    assert one["layerkit-services-below-api"]["forbidden_modules"] == [
        "app.api",
        "app.main",
        "app.models",
        "fastapi",
        "starlette",
        "app.books",
    ]
    assert "layerkit-services-independent" not in one
    two = by_id(contracts(FASTAPI, [], services=["sftp", "mailer"]))
    assert two["layerkit-services-independent"]["modules"] == ["app.services.mailer", "app.services.sftp"]
    assert two["layerkit-services-public"]["allowed_importers"] == [
        "app.services.mailer",
        "app.services.sftp",
    ]


def test_fastapi_services_keeps_services_beside_its_resources() -> None:
    found = by_id(contracts(FASTAPI_SERVICES, [resource_names("book")], services=["mailer"]))
    assert found["layerkit-services-below-api"]["source_modules"] == ["service.mailer"]
    assert "service.book" in found["layerkit-services-below-api"]["forbidden_modules"]
    # the resources' own contracts do not take the service for a resource
    assert found["layerkit-layers"]["containers"] == ["service.book"]


def test_flask_layered_names_services_from_its_source_root() -> None:
    """Seed 001 imports from api/: a service is `services.<name>`, and services/ is a root
    package for import-linter from the first service on, before any resource."""
    from layerkit.layouts.flask_layered import FLASK_LAYERED

    assert FLASK_LAYERED.service_modules("mailer")["init"] == "services.mailer"
    assert FLASK_LAYERED.service_modules("mailer")["tasks"] == "services.mailer.tasks"
    assert FLASK_LAYERED.project_modules(frozenset({"celery"}))["celery"] == "startup.Celery"
    assert "services" not in FLASK_LAYERED.contract_root_packages()
    assert "services" in FLASK_LAYERED.contract_root_packages(services=1)
    roots = FLASK_LAYERED.contract_root_packages(1, services=1)
    assert roots.count("services") == 1 and {"schemas", "models"} <= set(roots)
    found = by_id(contracts(FLASK_LAYERED, [], services=["mailer"]))
    assert found["layerkit-services-public"]["allowed_importers"] == ["services.mailer"]
    assert found["layerkit-services-below-api"]["forbidden_modules"] == [
        "routes",
        "flask",
        "apiflask",
        "werkzeug",
    ]
    assert found["layerkit-foundation"]["forbidden_modules"] == ["services.mailer", "routes", "repositories"]
    assert "layerkit-layers" not in found  # the layers wait for a resource
