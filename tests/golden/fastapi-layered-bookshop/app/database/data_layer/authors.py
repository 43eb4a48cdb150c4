"""Data access for authors: the CRUD operations of BaseDAO on the author table.

Queries only authors need go here, as methods of AuthorDAO (see BaseDAO for how).
"""

from app.database.data_layer.base_dao import BaseDAO
from app.models.authors import Author
from app.schemas.authors import AuthorCreate, AuthorQuery, AuthorRead


class AuthorDAO(BaseDAO[AuthorRead, AuthorCreate, AuthorQuery]):
    model = Author
    read_schema = AuthorRead
