"""What the schemas of every resource share: the list query's pagination and filters."""

from pydantic import BaseModel, ConfigDict, Field

from app.core.types import QueryBool, QueryInt

MAX_LIMIT = 200
# Deeper pages cost a scan of every row before them: past this, filter or sort instead.
MAX_OFFSET = 10_000


class PageQuery(BaseModel):
    """`limit`, `offset` and `with_total`; each resource's query adds `sort` and one equality
    filter per field."""

    model_config = ConfigDict(extra="forbid")

    limit: QueryInt = Field(default=50, ge=1, le=MAX_LIMIT)
    offset: QueryInt = Field(default=0, ge=0, le=MAX_OFFSET)
    with_total: QueryBool = Field(
        default=False, description="Count the matching rows (`total`): a read of every one of them."
    )

    def filters(self) -> tuple[dict[str, object], tuple[str, ...]]:
        """The values to match, and the fields asked to be empty (`?field=null`)."""
        sent = self.model_dump(exclude={*PageQuery.model_fields, "sort"}, exclude_unset=True)
        empty = tuple(name for name, value in sent.items() if value is None)
        return {name: value for name, value in sent.items() if value is not None}, empty
