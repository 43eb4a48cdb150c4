"""A real Celery worker (in a thread of the test run) on the local Redis, for the services'
task tests: broker and result backend on a Redis database of their own (TEST_CELERY_URL), and a
queue of this run's own, so that no other worker takes its tasks.

Without a reachable Redis the task tests are skipped, naming what they need; with CI=true they fail.
"""

import os
from collections.abc import Iterator
from uuid import uuid4

import pytest
from celery import Celery
from celery.contrib.testing.worker import start_worker
from redis import Redis
from redis.exceptions import RedisError

from app.core.celery import celery_app

TEST_CELERY_URL = os.environ.get("TEST_CELERY_URL", "redis://127.0.0.1:6379/14")


@pytest.fixture(scope="session")
def celery_redis() -> str:
    client = Redis.from_url(TEST_CELERY_URL, socket_connect_timeout=1)
    try:
        client.ping()
    except (RedisError, OSError):
        if os.environ.get("CI") == "true":
            pytest.fail(f"Redis is required in CI but not reachable at {TEST_CELERY_URL}")
        pytest.skip(
            f"needs Redis at {TEST_CELERY_URL} (start redis-server, or set TEST_CELERY_URL)"
        )
    finally:
        client.close()
    return TEST_CELERY_URL


@pytest.fixture(scope="session")
def celery_worker(celery_redis: str) -> Iterator[Celery]:
    """The project's Celery app, served by a worker that runs each task it is sent."""
    queue = f"bookshop-tests-{uuid4().hex[:12]}"
    celery_app.conf.update(
        broker_url=celery_redis, result_backend=celery_redis, task_default_queue=queue
    )
    with start_worker(celery_app, perform_ping_check=False, loglevel="WARNING"):
        yield celery_app
