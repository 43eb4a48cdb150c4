"""Names: validation of identifiers and the derived spellings (class, plural, table, URL)."""

from __future__ import annotations

import builtins
import keyword
import re
from dataclasses import dataclass

from layerkit.errors import InvalidNameError

_SNAKE = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$")
_WORD_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|[-\s]+")
_PROJECT = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")

# Packages and modules of the generated project a resource package must not shadow.
PROJECT_PACKAGES = frozenset(
    {"app", "api", "core", "db", "tests", "main", "migrations", "alembic", "conftest", "models"}
)


def to_snake(name: str) -> str:
    """'BookReview', 'book-review' and 'book_review' all become 'book_review'."""
    return _WORD_BOUNDARY.sub("_", name.strip()).lower()


def to_pascal(snake: str) -> str:
    return "".join(part.capitalize() for part in snake.split("_"))


def pluralize(snake: str) -> str:
    """Rails' inflections: 'order_item' -> 'order_items', 'person' -> 'people'."""
    import inflection  # lazily: only commands that name resources need it

    return str(inflection.pluralize(snake))


def singularize(snake: str) -> str:
    import inflection

    return str(inflection.singularize(snake))


def check_identifier(name: str, *, what: str) -> None:
    """Reject names that are not lower_snake identifiers or that are Python keywords."""
    if not _SNAKE.match(name):
        raise InvalidNameError(
            f"invalid {what} name {name!r}: use lower_snake_case letters, digits and underscores,"
            " starting with a letter (e.g. 'book_review')"
        )
    if keyword.iskeyword(name):
        raise InvalidNameError(f"invalid {what} name {name!r}: it is a Python keyword; choose another")


@dataclass(frozen=True)
class ResourceNames:
    """Every spelling of one resource's name used by templates and layouts."""

    singular: str  # book_review: module variables, table name
    plural: str  # book_reviews: package name, collection variables
    cls: str  # BookReview: model and schema class prefix
    url: str  # book-reviews: URL path segment
    title: str  # Book review: human text

    @property
    def cls_plural(self) -> str:
        """BookReviews: the plural in class spelling (BackAnt's file names)."""
        return to_pascal(self.plural)

    @property
    def table(self) -> str:
        return self.singular


def resource_names(raw: str) -> ResourceNames:
    """Validate a resource name and derive its spellings."""
    singular = to_snake(raw)
    check_identifier(singular, what="resource")
    plural = pluralize(singular)
    for candidate in {singular, plural}:
        if candidate in PROJECT_PACKAGES:
            raise InvalidNameError(
                f"invalid resource name {raw!r}: {candidate!r} collides with the project's own"
                f" '{candidate}' package; choose another name (e.g. '{singular}_item')"
            )
        if hasattr(builtins, candidate):
            raise InvalidNameError(
                f"invalid resource name {raw!r}: {candidate!r} would shadow the Python builtin"
                f" '{candidate}'; choose another name (e.g. '{singular}_item')"
            )
    if plural == singular and (single := singularize(singular)) != singular:
        raise InvalidNameError(
            f"invalid resource name {raw!r}: it looks plural; name the resource in the singular ({single!r})"
        )
    if plural == singular:
        raise InvalidNameError(
            f"invalid resource name {raw!r}: its plural is the same word, so its package and its"
            " items cannot be told apart; choose a countable noun"
        )
    return ResourceNames(
        singular=singular,
        plural=plural,
        cls=to_pascal(singular),
        url=plural.replace("_", "-"),
        title=singular.replace("_", " ").capitalize(),
    )


def check_project_name(name: str) -> str:
    if not _PROJECT.match(name):
        raise InvalidNameError(
            f"invalid project name {name!r}: use letters, digits, '-' and '_', starting with a"
            " letter (e.g. 'bookshop')"
        )
    return name


_VERSION_LIKE = re.compile(r"^v[0-9]+$")
# A service's name is spelled into its classes, files and docstrings: longer ones would push the
# generated code past its line length.
SERVICE_NAME_MAX = 50


@dataclass(frozen=True)
class ServiceNames:
    """Every spelling of one service's name (`generate service NAME`)."""

    name: str  # email_sender: its package
    cls: str  # EmailSender: the prefix of its class and exceptions
    title: str  # Email sender: human text


def service_names(raw: str) -> ServiceNames:
    """Validate a service name (a package name) and derive its spellings."""
    name = to_snake(raw)
    check_identifier(name, what="service")
    if len(name) > SERVICE_NAME_MAX:
        raise InvalidNameError(
            f"invalid service name {raw!r}: at most {SERVICE_NAME_MAX} characters; choose a shorter name"
        )
    if _VERSION_LIKE.match(name):
        raise InvalidNameError(
            f"invalid service name {raw!r}: it reads as an API version folder; choose another"
            f" name (e.g. '{name}_service')"
        )
    return ServiceNames(name=name, cls=to_pascal(name), title=name.replace("_", " ").capitalize())
