"""What books look like on the way in (Create, Update, Query) and out (Read, Page)."""

from marshmallow import fields
from marshmallow.validate import Length, OneOf, Range

from helper.Pagination import PageQuery, Schema
from helper.Types import (
    INT32_MAX,
    INT32_MIN,
    DecimalText,
    ExactDecimal,
    NullOr,
    QueryBool,
    QueryInt,
    QueryRowId,
    RowId,
    StrictBool,
    StrictInt,
    Text,
)
from models.Books_model import BOOK_GENRE_CHOICES, BOOK_SORTS


class BookCreate(Schema):
    title = Text(required=True, validate=Length(max=200))
    isbn = Text(required=True, validate=Length(max=13))
    price = ExactDecimal(required=True, minimum="0")
    pages = StrictInt(load_default=None, allow_none=True, validate=Range(min=1, max=INT32_MAX))
    published = StrictBool(load_default=False)
    genre = Text(required=True, validate=OneOf(BOOK_GENRE_CHOICES))
    author_id = RowId(required=True)


class BookUpdate(Schema):
    """Every field may be left out: only the fields sent are changed."""

    title = Text(validate=Length(max=200))
    isbn = Text(validate=Length(max=13))
    price = ExactDecimal(minimum="0")
    pages = StrictInt(allow_none=True, validate=Range(min=1, max=INT32_MAX))
    published = StrictBool()
    genre = Text(validate=OneOf(BOOK_GENRE_CHOICES))
    author_id = RowId()


class BookRead(Schema):
    id = fields.Integer(required=True)
    title = fields.String(required=True)
    isbn = fields.String(required=True)
    price = DecimalText(required=True)
    pages = fields.Integer(required=True, allow_none=True)
    published = fields.Boolean(required=True)
    genre = fields.String(required=True, validate=OneOf(BOOK_GENRE_CHOICES))
    author_id = fields.Integer(required=True)
    created_at = fields.DateTime(required=True)
    updated_at = fields.DateTime(required=True)


class BookPage(Schema):
    items = fields.List(fields.Nested(BookRead), required=True)
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


class BookQuery(PageQuery):
    """List parameters: pagination, sort (`field` or `-field`) and equality filters."""

    sort = Text(load_default="id", validate=OneOf(BOOK_SORTS))
    title = Text()
    isbn = Text()
    price = ExactDecimal()
    pages = NullOr(QueryInt(validate=Range(min=INT32_MIN, max=INT32_MAX)))
    published = QueryBool()
    genre = Text(validate=OneOf(BOOK_GENRE_CHOICES))
    author_id = QueryRowId()
