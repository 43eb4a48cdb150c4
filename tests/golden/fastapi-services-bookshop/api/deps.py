"""Annotated dependencies shared by every router."""

from typing import Annotated

from fastapi import Depends, Path

from common.types import INT32_MAX
from db_sql.database import Database, get_database


async def database() -> Database:
    # async on purpose: FastAPI runs a plain function dependency in a worker thread
    return get_database()


DatabaseDep = Annotated[Database, Depends(database)]

# A row id in a path: routes use `{name:int}`, so other paths (`/books/featured`) are not captured.
IdPath = Annotated[int, Path(ge=1, le=INT32_MAX)]
