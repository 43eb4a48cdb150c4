"""HTTP for authors: parse the request, call the service, choose the status code."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from app.api.deps import DatabaseDep, IdPath
from app.api.errors import ERROR_RESPONSES
from app.authors.repository import AuthorRepository
from app.authors.schemas import (
    AuthorCreate,
    AuthorPage,
    AuthorQuery,
    AuthorRead,
    AuthorUpdate,
)
from app.authors.service import AuthorService

router = APIRouter(prefix="/authors", tags=["authors"], responses=ERROR_RESPONSES)


async def get_author_service(database: DatabaseDep) -> AuthorService:
    return AuthorService(AuthorRepository(database))


ServiceDep = Annotated[AuthorService, Depends(get_author_service)]


@router.get("")
async def list_authors(service: ServiceDep, query: Annotated[AuthorQuery, Query()]) -> AuthorPage:
    return await service.search(query)


@router.post("", status_code=201)
async def create_author(data: AuthorCreate, service: ServiceDep) -> AuthorRead:
    return await service.create(data)


@router.get("/{author_id:int}")
async def get_author(author_id: IdPath, service: ServiceDep) -> AuthorRead:
    return await service.get(author_id)


@router.patch("/{author_id:int}")
async def update_author(author_id: IdPath, data: AuthorUpdate, service: ServiceDep) -> AuthorRead:
    return await service.update(author_id, data)


@router.delete("/{author_id:int}", status_code=204)
async def delete_author(author_id: IdPath, service: ServiceDep) -> None:
    await service.delete(author_id)
