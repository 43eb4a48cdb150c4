"""What the schemas of every sub-app share: the list query's pagination and filters."""

from dataclasses import dataclass
from typing import Any

from apiflask import Schema as ApiSchema
from marshmallow import post_load
from marshmallow.validate import Range

from app.core.types import QueryBool, QueryInt

MAX_LIMIT = 200
# Deeper pages cost a scan of every row before them: past this, filter or sort instead.
MAX_OFFSET = 10_000


class Schema(ApiSchema):
    """The base of every schema: marshmallow's Schema, through APIFlask's alias of it (the one
    its decorators' types name); it adds nothing."""


@dataclass(frozen=True, slots=True)
class PageArgs:
    """A list request, parsed: the page, the sort, the values to match and the fields asked to be
    empty (`?field=null`)."""

    limit: int
    offset: int
    sort: str
    values: dict[str, object]
    empty: tuple[str, ...]
    with_total: bool = False  # count the matching rows: a read of every one of them


class PageQuery(Schema):
    """`limit`, `offset` and `with_total`; each sub-app's query adds `sort` and one equality
    filter per field."""

    limit = QueryInt(load_default=50, validate=Range(min=1, max=MAX_LIMIT))
    offset = QueryInt(load_default=0, validate=Range(min=0, max=MAX_OFFSET))
    with_total = QueryBool(
        load_default=False,
        metadata={"description": "Count the matching rows (`total`): a read of every one of them."},
    )

    @post_load
    def _page_args(self, data: dict[str, Any], **kwargs: Any) -> PageArgs:
        limit, offset, sort = data.pop("limit"), data.pop("offset"), data.pop("sort")
        with_total = data.pop("with_total")
        empty = tuple(name for name, value in data.items() if value is None)
        values = {name: value for name, value in data.items() if value is not None}
        return PageArgs(limit, offset, sort, values, empty, with_total)
