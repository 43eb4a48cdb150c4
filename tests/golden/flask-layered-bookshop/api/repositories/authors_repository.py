"""Every query for authors: the base Repository's CRUD, and any query only they need.

Add such a query as a method (see Repository for how its statements are compiled once).
"""

from models.Authors_model import Author, AuthorRow
from repositories.Repository import Repository


class AuthorRepository(Repository[AuthorRow]):
    model = Author
