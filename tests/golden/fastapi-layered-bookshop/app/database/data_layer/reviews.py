"""Every query for reviews: BaseDAO's CRUD operations, and any query only they need.

Add such a query as a method of the DAO (see BaseDAO for how its statements are compiled once).
"""

from app.database.data_layer.base_dao import BaseDAO
from app.models.reviews import Review
from app.schemas.reviews import ReviewCreate, ReviewQuery, ReviewRead


class ReviewDAO(BaseDAO[ReviewRead, ReviewCreate, ReviewQuery]):
    model = Review
    read_schema = ReviewRead
