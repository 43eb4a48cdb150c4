"""What authors look like on the way in (Create, Update, Query) and out (Read, Page)."""

from typing import Literal

from pydantic import BaseModel, ConfigDict, EmailStr, Field

from app.core.types import Bool, Date, DateTime, Int, IsoDate, NotNull, NullFilter, Str, Text
from app.utils.pagination import PageQuery

AuthorSort = Literal[
    "id",
    "-id",
    "name",
    "-name",
    "born",
    "-born",
    "email",
    "-email",
    "created_at",
    "-created_at",
    "updated_at",
    "-updated_at",
]


class AuthorCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Text = Field(max_length=120)
    born: IsoDate | None = None
    email: EmailStr | None = None


class AuthorUpdate(BaseModel):
    """Every field may be left out: only the fields sent are changed."""

    model_config = ConfigDict(extra="forbid")

    name: NotNull[Text] = Field(default=None, max_length=120)
    born: IsoDate | None = None
    email: EmailStr | None = None


class AuthorRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: Int
    name: Str
    born: Date | None
    email: Str | None
    created_at: DateTime
    updated_at: DateTime


class AuthorPage(BaseModel):
    items: list[AuthorRead]
    total: Int | None = Field(description="The matching rows, when asked for (`with_total=true`).")
    limit: Int
    offset: Int
    has_more: Bool = Field(description="Whether rows follow this page.")


class AuthorQuery(PageQuery):
    """List parameters: pagination, sort (`field` or `-field`) and equality filters."""

    sort: AuthorSort = "id"
    name: Text | None = None
    born: NullFilter | IsoDate | None = None
    email: NullFilter | Text | None = None
