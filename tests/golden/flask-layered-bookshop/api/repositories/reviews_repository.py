"""Every query for reviews: the base Repository's CRUD, and any query only they need.

Add such a query as a method (see Repository for how its statements are compiled once).
"""

from models.Reviews_model import Review, ReviewRow
from repositories.Repository import Repository


class ReviewRepository(Repository[ReviewRow]):
    model = Review
