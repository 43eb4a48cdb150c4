"""Annotated dependencies shared by every router."""

from typing import Annotated

from fastapi import Depends

from app.db.database import Database, get_database


async def database() -> Database:
    # async on purpose: FastAPI runs a plain function dependency in a worker thread
    return get_database()


DatabaseDep = Annotated[Database, Depends(database)]
