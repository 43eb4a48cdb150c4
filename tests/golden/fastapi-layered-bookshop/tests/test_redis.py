"""Redis (app/database/redis.py) on the real server of REDIS_URL, and /ready with it.

Without a reachable Redis these tests are skipped, naming what they need; with CI=true they fail.
"""

import asyncio
import os
from collections.abc import AsyncIterator
from uuid import uuid4

import pytest
from fastapi import FastAPI
from httpx import AsyncClient
from redis.asyncio import Redis

from app.core.config import get_settings
from app.database.redis import close_redis, get_redis, redis_from, redis_is_ready
from app.dependencies.common import redis as redis_dependency


@pytest.fixture
async def redis() -> AsyncIterator[Redis]:
    client = redis_from(get_settings())
    try:
        if not await redis_is_ready(client):
            url = get_settings().redis_url
            if os.environ.get("CI") == "true":
                pytest.fail(f"Redis is required in CI but not reachable at {url}")
            pytest.skip(f"needs Redis at {url} (start redis-server, or set REDIS_URL)")
        yield client
    finally:
        await client.aclose()


async def connection_ids(redis: Redis) -> set[int]:
    return {int(client["id"]) for client in await redis.client_list()}


async def test_a_value_round_trips(redis: Redis) -> None:
    key = f"bookshop:test:{uuid4().hex}"
    await redis.set(key, "stored", ex=60)
    assert await redis.get(key) == b"stored"
    assert await redis.delete(key) == 1
    assert await redis.get(key) is None


async def test_ready_when_the_database_and_redis_answer(
    application: FastAPI, client: AsyncClient, redis: Redis
) -> None:
    async def real_redis() -> Redis:
        return redis

    application.dependency_overrides[redis_dependency] = real_redis
    response = await client.get("/ready")
    assert response.status_code == 200, response.text
    assert response.json() == {"status": "ready"}


async def test_ready_is_503_when_redis_is_unreachable(
    application: FastAPI, client: AsyncClient
) -> None:
    unreachable = Redis.from_url("redis://127.0.0.1:1/0", socket_connect_timeout=1)

    async def broken_redis() -> Redis:
        return unreachable

    application.dependency_overrides[redis_dependency] = broken_redis
    try:
        response = await client.get("/ready")
    finally:
        await unreachable.aclose()
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "1"
    assert response.json() == {
        "error": {
            "code": "unavailable",
            "message": "not reachable: redis",
            "details": [{"service": "redis"}],
        }
    }


async def test_closing_redis_closes_the_apps_connections(redis: Redis) -> None:
    """What the app's shutdown does (main.lifespan): its connection to Redis is gone after."""
    connection = await get_redis().client_id()  # the app's connection, as the server numbers it
    assert connection in await connection_ids(redis)
    await close_redis()
    for _ in range(50):  # the server drops a closed connection from its list a moment later
        if connection not in await connection_ids(redis):
            break
        await asyncio.sleep(0.02)
    assert connection not in await connection_ids(redis)
