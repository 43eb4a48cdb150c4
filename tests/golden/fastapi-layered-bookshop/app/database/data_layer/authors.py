"""Every query for authors: BaseDAO's CRUD operations, and any query only they need.

Add such a query as a method of the DAO (see BaseDAO for how its statements are compiled once).
"""

from app.database.data_layer.base_dao import BaseDAO
from app.models.authors import Author
from app.schemas.authors import AuthorCreate, AuthorQuery, AuthorRead


class AuthorDAO(BaseDAO[AuthorRead, AuthorCreate, AuthorQuery]):
    model = Author
    read_schema = AuthorRead
