"""HTTP for authors: parse the request, call the service, choose the status code."""

from typing import Annotated

from fastapi import APIRouter, Query

from app.api.errors import ERROR_RESPONSES
from app.dependencies.authors import AuthorServiceDep
from app.dependencies.common import IdPath
from app.schemas.authors import (
    AuthorCreate,
    AuthorPage,
    AuthorQuery,
    AuthorRead,
    AuthorUpdate,
)

router = APIRouter(prefix="/authors", tags=["authors"], responses=ERROR_RESPONSES)


@router.get("")
async def list_authors(
    service: AuthorServiceDep, query: Annotated[AuthorQuery, Query()]
) -> AuthorPage:
    return await service.search(query)


@router.post("", status_code=201)
async def create_author(data: AuthorCreate, service: AuthorServiceDep) -> AuthorRead:
    return await service.create(data)


@router.get("/{author_id:int}")
async def get_author(author_id: IdPath, service: AuthorServiceDep) -> AuthorRead:
    return await service.get(author_id)


@router.patch("/{author_id:int}")
async def update_author(
    author_id: IdPath, data: AuthorUpdate, service: AuthorServiceDep
) -> AuthorRead:
    return await service.update(author_id, data)


@router.delete("/{author_id:int}", status_code=204)
async def delete_author(author_id: IdPath, service: AuthorServiceDep) -> None:
    await service.delete(author_id)
