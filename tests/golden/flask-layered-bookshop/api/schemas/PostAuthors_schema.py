"""What authors look like on the way in (Create, Update, Query) and out (Read, Page)."""

from marshmallow import fields
from marshmallow.validate import Length, OneOf

from helper.Pagination import PageQuery, Schema
from helper.Types import EmailText, IsoDate, NullOr, Text
from models.Authors_model import AUTHOR_SORTS


class AuthorCreate(Schema):
    name = Text(required=True, validate=Length(max=120))
    born = IsoDate(load_default=None, allow_none=True)
    email = EmailText(load_default=None, allow_none=True)


class AuthorUpdate(Schema):
    """Every field may be left out: only the fields sent are changed."""

    name = Text(validate=Length(max=120))
    born = IsoDate(allow_none=True)
    email = EmailText(allow_none=True)


class AuthorRead(Schema):
    id = fields.Integer(required=True)
    name = fields.String(required=True)
    born = fields.Date(required=True, allow_none=True)
    email = fields.String(required=True, allow_none=True)
    created_at = fields.DateTime(required=True)
    updated_at = fields.DateTime(required=True)


class AuthorPage(Schema):
    items = fields.List(fields.Nested(AuthorRead), required=True)
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


class AuthorQuery(PageQuery):
    """List parameters: pagination, sort (`field` or `-field`) and equality filters."""

    sort = Text(load_default="id", validate=OneOf(AUTHOR_SORTS))
    name = Text()
    born = NullOr(IsoDate())
    email = NullOr(Text())
