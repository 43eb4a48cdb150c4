"""Annotated dependencies shared by every router."""

from typing import Annotated

from fastapi import Depends, Path
from redis.asyncio import Redis

from app.core.types import INT32_MAX
from app.database.postgres import Database, get_database
from app.database.redis import get_redis


async def database() -> Database:
    # async on purpose: FastAPI runs a plain function dependency in a worker thread
    return get_database()


DatabaseDep = Annotated[Database, Depends(database)]


async def redis() -> Redis:
    return get_redis()


RedisDep = Annotated[Redis, Depends(redis)]

# A row id in a path: routes use `{name:int}`, so other paths (`/books/featured`) are not captured.
IdPath = Annotated[int, Path(ge=1, le=INT32_MAX)]
