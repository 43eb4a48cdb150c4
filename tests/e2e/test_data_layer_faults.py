"""A served generated app under database faults: killed connections, a busy pool, a statement stuck
behind a lock (a frozen database), SQLite's write lock. Each must be a 200 or a JSON 503 with
Retry-After, never a 500 or a request that hangs; /ready must not mistake a busy pool for an
outage. (Cancellation and concurrent use inside a transaction are covered by the generated
project's own tests/test_database.py, which the e2e suite runs on both databases.)"""

from __future__ import annotations

import asyncio
import json
import sqlite3
import threading
import time
from collections.abc import Callable, Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest

from tests.e2e.helpers import generate, serve

pytestmark = pytest.mark.e2e

NOTES = "/api/v1/notes"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("faults")
    spec = folder / "notes.json"
    spec.write_text(json.dumps({"name": "notes", "resources": {"note": {"fields": {"title": "str:max=80"}}}}))
    return generate(spec, folder / "notes")


@contextmanager
def admin(database_url: str) -> Iterator[Callable[[str], Any]]:
    """One PostgreSQL connection of our own, kept open (for locks), on a loop in a thread."""
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()

    def call(coroutine: Coroutine[Any, Any, Any]) -> Any:
        return asyncio.run_coroutine_threadsafe(coroutine, loop).result(timeout=30)

    connection = call(asyncpg.connect(database_url.replace("postgresql+asyncpg", "postgresql")))
    try:
        yield lambda sql: call(connection.fetch(sql))
    finally:
        call(connection.close())
        loop.call_soon_threadsafe(loop.stop)
        thread.join()


def assert_unavailable(response: httpx.Response) -> None:
    assert response.status_code == 503, response.text
    assert response.headers["Retry-After"].isdigit()
    assert response.json()["error"]["code"] == "unavailable"


def test_connections_the_server_killed_are_replaced(project: Path, make_database: Callable[[], str]) -> None:
    url = make_database()
    with serve(project, url, DB_POOL_SIZE="4") as client, admin(url) as sql:
        note = client.post(NOTES, json={"title": "kept"}).json()
        with ThreadPoolExecutor(8) as pool:  # open several of the pool's connections
            assert {r.status_code for r in pool.map(lambda _: client.get(NOTES), range(32))} == {200}
        killed = sql(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        assert killed, "the app had no connection to kill"
        time.sleep(0.3)  # the server's goodbye reaches the app
        statuses = [client.get(f"{NOTES}/{note['id']}").status_code for _ in range(20)]
        assert statuses == [200] * 20  # a closed connection is reopened, not handed out


def test_a_busy_pool_and_a_stuck_statement_answer_503(
    project: Path, make_database: Callable[[], str]
) -> None:
    url = make_database()
    settings = {"DB_POOL_SIZE": "1", "DB_POOL_TIMEOUT": "0.5", "DB_COMMAND_TIMEOUT": "2"}
    with serve(project, url, **settings) as client, admin(url) as sql:
        note = client.post(NOTES, json={"title": "kept"}).json()
        sql("BEGIN")
        sql("LOCK TABLE note IN ACCESS EXCLUSIVE MODE")  # every statement on it now waits
        with ThreadPoolExecutor(1) as pool:
            started = time.monotonic()
            stuck = pool.submit(client.get, f"{NOTES}/{note['id']}")  # holds the one connection
            time.sleep(0.2)
            assert_unavailable(client.get(NOTES))  # no connection free within 0.5 s
            assert client.get("/ready").status_code == 200  # busy is not down
            assert_unavailable(stuck.result(timeout=8))  # the command timeout, not a hang
            assert time.monotonic() - started < 5
        sql("ROLLBACK")
        assert client.get(f"{NOTES}/{note['id']}").status_code == 200  # and it recovers


def test_sqlite_write_lock_held_elsewhere_answers_503(project: Path, tmp_path: Path) -> None:
    path = tmp_path / "app.db"
    with serve(project, f"sqlite+aiosqlite:///{path}", DB_COMMAND_TIMEOUT="0.5") as client:
        assert client.post(NOTES, json={"title": "first"}).status_code == 201
        blocker = sqlite3.connect(path, isolation_level=None)
        try:
            blocker.execute("BEGIN IMMEDIATE")
            assert_unavailable(client.post(NOTES, json={"title": "locked out"}))
            assert client.get(NOTES).status_code == 200  # readers are not blocked (WAL)
        finally:
            blocker.close()
        assert client.post(NOTES, json={"title": "after"}).status_code == 201
