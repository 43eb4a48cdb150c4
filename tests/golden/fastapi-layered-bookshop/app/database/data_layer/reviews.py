"""Data access for reviews: the CRUD operations of BaseDAO on the review table.

Queries only reviews need go here, as methods of ReviewDAO (see BaseDAO for how).
"""

from app.database.data_layer.base_dao import BaseDAO
from app.models.reviews import Review
from app.schemas.reviews import ReviewCreate, ReviewQuery, ReviewRead


class ReviewDAO(BaseDAO[ReviewRead, ReviewCreate, ReviewQuery]):
    model = Review
    read_schema = ReviewRead
