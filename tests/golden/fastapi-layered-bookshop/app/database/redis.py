"""The Redis connection: one asyncio client per process (its own connection pool), made from
REDIS_URL on first use and closed at shutdown."""

import asyncio
from functools import lru_cache

from redis.asyncio import Redis
from redis.exceptions import RedisError

from app.core.config import Settings, get_settings

# Seconds to open a connection or wait for an answer: a Redis that is down or cut off fails fast
# instead of holding the requests that use it.
CONNECT_TIMEOUT_SECONDS = 2.0
COMMAND_TIMEOUT_SECONDS = 5.0
READY_TIMEOUT_SECONDS = 2.0


def redis_from(settings: Settings) -> Redis:
    """A client for REDIS_URL; it connects on its first command (a bad URL fails here)."""
    return Redis.from_url(
        settings.redis_url,
        socket_connect_timeout=CONNECT_TIMEOUT_SECONDS,
        socket_timeout=COMMAND_TIMEOUT_SECONDS,
    )


@lru_cache
def get_redis() -> Redis:
    """The app's Redis client, configured from settings on first use."""
    return redis_from(get_settings())


async def redis_is_ready(redis: Redis) -> bool:
    """Whether Redis answers a PING within READY_TIMEOUT_SECONDS."""
    try:
        async with asyncio.timeout(READY_TIMEOUT_SECONDS):
            return bool(await redis.ping())
    except (RedisError, OSError, TimeoutError):
        return False


async def close_redis() -> None:
    if get_redis.cache_info().currsize:
        await get_redis().aclose()
