"""What reviews look like on the way in (Create, Update, Query) and out (Read, Page)."""

from marshmallow import fields
from marshmallow.validate import OneOf, Range

from app.core.schemas import PageQuery, Schema
from app.core.types import (
    INT32_MAX,
    INT32_MIN,
    NullOr,
    QueryInt,
    QueryRowId,
    RowId,
    StrictInt,
    Text,
    UtcDateTime,
)
from app.reviews.types import REVIEW_SORTS


class ReviewCreate(Schema):
    book_id = RowId(required=True)
    rating = StrictInt(required=True, validate=Range(min=1, max=5))
    body = Text(load_default=None, allow_none=True)
    reviewed_at = UtcDateTime(required=True)


class ReviewUpdate(Schema):
    """Every field may be left out: only the fields sent are changed."""

    book_id = RowId()
    rating = StrictInt(validate=Range(min=1, max=5))
    body = Text(allow_none=True)
    reviewed_at = UtcDateTime()


class ReviewRead(Schema):
    id = fields.Integer(required=True)
    book_id = fields.Integer(required=True)
    rating = fields.Integer(required=True)
    body = fields.String(required=True, allow_none=True)
    reviewed_at = fields.DateTime(required=True)
    created_at = fields.DateTime(required=True)
    updated_at = fields.DateTime(required=True)


class ReviewPage(Schema):
    items = fields.List(fields.Nested(ReviewRead), required=True)
    total = fields.Integer(
        required=True,
        allow_none=True,
        metadata={"description": "The matching rows, when asked for (`with_total=true`)."},
    )
    limit = fields.Integer(required=True)
    offset = fields.Integer(required=True)
    has_more = fields.Boolean(
        required=True, metadata={"description": "Whether rows follow this page."}
    )


class ReviewQuery(PageQuery):
    """List parameters: pagination, sort (`field` or `-field`) and equality filters."""

    sort = Text(load_default="id", validate=OneOf(REVIEW_SORTS))
    book_id = QueryRowId()
    rating = QueryInt(validate=Range(min=INT32_MIN, max=INT32_MAX))
    body = NullOr(Text())
    reviewed_at = UtcDateTime()
