"""Dependency injection for authors: the service, on the request's database."""

from typing import Annotated

from fastapi import Depends

from app.database.data_layer.authors import AuthorDAO
from app.dependencies.common import DatabaseDep
from app.services.author_service import AuthorService


async def get_author_service(database: DatabaseDep) -> AuthorService:
    return AuthorService(AuthorDAO(database))


AuthorServiceDep = Annotated[AuthorService, Depends(get_author_service)]
