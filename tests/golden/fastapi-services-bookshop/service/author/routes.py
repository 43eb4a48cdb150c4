"""API routes of the author service.

HTTP only: parse the request, call the service's db operations, choose the status code.
"""

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from api.deps import DatabaseDep, IdPath
from api.errors import ERROR_RESPONSES
from service.author.db import AuthorDb
from service.author.models import (
    AuthorCreate,
    AuthorPage,
    AuthorQuery,
    AuthorRead,
    AuthorUpdate,
)

router = APIRouter(prefix="/authors", tags=["authors"], responses=ERROR_RESPONSES)


async def get_author_db(database: DatabaseDep) -> AuthorDb:
    return AuthorDb(database)


DbDep = Annotated[AuthorDb, Depends(get_author_db)]


@router.get("")
async def list_authors(db: DbDep, query: Annotated[AuthorQuery, Query()]) -> AuthorPage:
    return await db.search(query)


@router.post("", status_code=201)
async def create_author(data: AuthorCreate, db: DbDep) -> AuthorRead:
    return await db.create(data)


@router.get("/{author_id:int}")
async def get_author(author_id: IdPath, db: DbDep) -> AuthorRead:
    return await db.get(author_id)


@router.patch("/{author_id:int}")
async def update_author(author_id: IdPath, data: AuthorUpdate, db: DbDep) -> AuthorRead:
    return await db.update(author_id, data)


@router.delete("/{author_id:int}", status_code=204)
async def delete_author(author_id: IdPath, db: DbDep) -> None:
    await db.delete(author_id)
