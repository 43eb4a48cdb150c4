"""The Celery app: every service's tasks (app/services/<service>/tasks.py), queued on the
broker of CELERY_BROKER_URL, results kept in CELERY_RESULT_BACKEND (Redis by default).

`make worker` runs a worker. The services are found on disk, not imported: the foundation
imports no service, and each new service's tasks are picked up without an edit here.
"""

import pkgutil
from pathlib import Path

from celery import Celery

from app.core.config import get_settings

SERVICES = Path(__file__).resolve().parents[2] / "app/services"


def task_modules() -> list[str]:
    """The tasks module of every service package ('app.services.<service>.tasks')."""
    return sorted(
        f"app.services.{found.name}.tasks"
        for found in pkgutil.iter_modules([str(SERVICES)])
        if found.ispkg and (SERVICES / found.name / "tasks.py").is_file()
    )


def create_celery() -> Celery:
    settings = get_settings()
    app = Celery(
        "bookshop",
        broker=settings.celery_broker_url,
        backend=settings.celery_result_backend,
        include=task_modules(),
    )
    app.conf.update(
        task_serializer="json",
        result_serializer="json",
        accept_content=["json"],
        result_expires=3600,  # seconds a result is kept
        task_acks_late=True,  # a task whose worker dies is run again, so keep tasks idempotent
        worker_prefetch_multiplier=1,
        broker_connection_retry_on_startup=True,
    )
    return app


celery_app = create_celery()
