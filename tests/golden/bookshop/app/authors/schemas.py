"""What authors look like on the way in (Create, Update, Query) and out (Read, Page)."""

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, EmailStr, Field, field_validator

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

    name: str = Field(max_length=120)
    born: date | None = None
    email: EmailStr | None = None


class AuthorUpdate(BaseModel):
    """Every field optional: only the fields sent are changed."""

    model_config = ConfigDict(extra="forbid")

    name: str | None = Field(default=None, max_length=120)
    born: date | None = None
    email: EmailStr | None = None

    @field_validator("name")
    @classmethod
    def reject_null(cls, value: object) -> object:
        if value is None:
            raise ValueError("may not be null")
        return value


class AuthorRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    born: date | None
    email: str | None
    created_at: datetime
    updated_at: datetime


class AuthorPage(BaseModel):
    items: list[AuthorRead]
    total: int
    limit: int
    offset: int


class AuthorQuery(BaseModel):
    """List parameters: pagination, sort (`field` or `-field`) and equality filters."""

    model_config = ConfigDict(extra="forbid")

    limit: int = Field(default=50, ge=1, le=200)
    offset: int = Field(default=0, ge=0)
    sort: AuthorSort = "id"
    name: str | None = None
    born: date | None = None
    email: str | None = None

    def filters(self) -> dict[str, object]:
        return self.model_dump(exclude={"limit", "offset", "sort"}, exclude_none=True)
