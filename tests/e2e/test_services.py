"""`generate service` in every preset, held to the generated project's own bar: ruff, mypy
--strict, its import contract (a service's internals are private: a violation is caught) and
its tests, the Celery task through a real worker on the local Redis (required with CI=true).

One project per preset, a resource and two services in each; the tests on PostgreSQL run in
one preset of each framework (fastapi-layered, flask-subapps) and in flask-layered (seed 001: its
modules are imported from api/, a service is `services.<name>`)."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.e2e.helpers import layout_of, own_tests, project_env, python_path, run, static_checks, tool

pytestmark = pytest.mark.e2e

# preset -> (where its services live, a module of the resource `book`, its tests on PostgreSQL too)
PRESETS = {
    "fastapi": ("app/services", "app/books/service.py", False),
    "fastapi-services": ("service", "service/book/db.py", False),
    "fastapi-layered": ("app/services", "app/services/book_service.py", True),
    "flask-subapps": ("app/services", "app/books/utils.py", True),
    "flask-layered": ("api/services", "api/services/books_service.py", True),
}


def _redis_is_up() -> bool:
    from redis import Redis
    from redis.exceptions import RedisError

    client = Redis.from_url("redis://127.0.0.1:6379/14", socket_connect_timeout=1)
    try:
        return bool(client.ping())
    except (RedisError, OSError):
        return False
    finally:
        client.close()


@pytest.mark.parametrize("preset", sorted(PRESETS))
def test_a_service_passes_the_projects_checks_and_tests(
    preset: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    if not _redis_is_up():
        if os.environ.get("CI") == "true":
            pytest.fail("Redis is required in CI but not reachable at redis://127.0.0.1:6379/14")
        pytest.skip("needs Redis at redis://127.0.0.1:6379/14 (the services' Celery worker)")
    layerkit = tool("layerkit")
    run([layerkit, "new", "shop", "--preset", preset, "--no-input"], cwd=tmp_path)
    project = tmp_path / "shop"
    run([layerkit, "generate", "resource", "book", "title:str:max=80"], cwd=project)
    run([layerkit, "generate", "service", "mailer"], cwd=project)
    run([layerkit, "generate", "service", "sftp_sync"], cwd=project)
    static_checks(project)

    folder, module, on_postgres = PRESETS[preset]
    package = layout_of(project).module_of(folder)  # relative to the source root (seed 001's api/)
    # a resource reaching into a service's module breaks the contract; its __init__ does not
    resource = project / module
    original = resource.read_text()
    resource.write_text(original + f"\nfrom {package}.mailer.utils import normalize  # noqa: E402, F401\n")
    lint = subprocess.run(
        [tool("lint-imports")],
        cwd=project,
        env=project_env(PYTHONPATH=python_path(project)),
        capture_output=True,
        text=True,
        check=False,
    )
    assert lint.returncode != 0, lint.stdout
    assert f"-> {package}.mailer.utils" in lint.stdout
    assert "a service is used only through its package __init__ (its __all__) BROKEN" in lint.stdout
    resource.write_text(original + f"\nfrom {package}.mailer import MailerService  # noqa: E402, F401\n")
    run([tool("lint-imports")], cwd=project, PYTHONPATH=python_path(project))
    resource.write_text(original)

    tests = str(project / ("integration_tests" if preset == "fastapi-services" else "tests") / "services")
    output = own_tests(project, CI="true")  # CI: a missing Redis would fail, not skip
    assert " passed" in output and "failed" not in output and "skipped" not in output
    assert "test_mailer_tasks" in run(
        [tool("python"), "-m", "pytest", "--collect-only", "-q", tests], cwd=project
    )
    if on_postgres:  # PostgreSQL only here: without it the rest above has still run
        make_database: Callable[[], str] = request.getfixturevalue("make_database")
        url = make_database()
        if preset.startswith("flask"):
            url = url.replace("+asyncpg", "+psycopg")
        output = run(
            [tool("python"), "-m", "pytest", "-q", "-p", "no:cacheprovider", tests],
            cwd=project,
            CI="true",
            TEST_DATABASE_URL=url,
        )
        assert " passed" in output and "skipped" not in output
