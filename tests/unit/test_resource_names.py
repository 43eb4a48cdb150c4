"""Resource names: normalisation, derived spellings, plurals and every rejection."""

from __future__ import annotations

import pytest

from layerkit.errors import InvalidNameError, LayerkitError
from layerkit.spec.names import ResourceNames, resource_names


@pytest.mark.parametrize(
    "raw", ["book_review", "BookReview", "bookReview", "book-review", "Book Review", " book_review "]
)
def test_spellings_of_one_name_normalise_to_the_same_resource(raw: str) -> None:
    assert resource_names(raw) == ResourceNames(
        singular="book_review",
        plural="book_reviews",
        cls="BookReview",
        url="book-reviews",
        title="Book review",
    )


@pytest.mark.parametrize(
    ("raw", "plural"),
    [
        ("book", "books"),
        ("person", "people"),
        ("category", "categories"),
        ("order_item", "order_items"),
        ("status", "statuses"),
        ("address", "addresses"),
        ("child", "children"),
        ("order_category", "order_categories"),
    ],
)
def test_plural_follows_english_inflection(raw: str, plural: str) -> None:
    assert resource_names(raw).plural == plural


def test_derived_spellings_of_an_irregular_plural() -> None:
    names = resource_names("Person")

    assert (names.singular, names.plural, names.cls, names.url, names.title) == (
        "person",
        "people",
        "Person",
        "people",
        "Person",
    )


def test_url_uses_dashes_and_table_is_the_singular() -> None:
    names = resource_names("OrderItem")

    assert names.url == "order-items"
    assert names.table == "order_item"
    assert names.cls == "OrderItem"


@pytest.mark.parametrize("raw", ["class", "def", "import", "lambda", "async"])
def test_python_keywords_are_rejected(raw: str) -> None:
    with pytest.raises(InvalidNameError):
        resource_names(raw)


@pytest.mark.parametrize("raw", ["list", "type", "dict", "filter", "set", "var"])
def test_names_shadowing_builtins_are_rejected(raw: str) -> None:
    with pytest.raises(InvalidNameError) as caught:
        resource_names(raw)

    assert repr(raw) in caught.value.message


def test_builtin_rejection_explains_the_shadowing() -> None:
    with pytest.raises(InvalidNameError, match=r"would shadow the Python builtin 'list'"):
        resource_names("list")


@pytest.mark.parametrize(
    ("raw", "package"),
    [
        ("core", "core"),
        ("db", "db"),
        ("api", "api"),
        ("app", "app"),
        ("tests", "tests"),
        ("test", "tests"),
        ("model", "models"),
        ("migration", "migrations"),
        ("main", "main"),
    ],
)
def test_names_colliding_with_project_packages_are_rejected(raw: str, package: str) -> None:
    with pytest.raises(InvalidNameError) as caught:
        resource_names(raw)

    assert f"collides with the project's own '{package}' package" in caught.value.message


@pytest.mark.parametrize(
    "raw", ["", "1book", "_book", "book_", "book__review", "book!", "bóok", "book.review"]
)
def test_invalid_identifiers_are_rejected(raw: str) -> None:
    with pytest.raises(InvalidNameError) as caught:
        resource_names(raw)

    assert "lower_snake_case" in caught.value.message


@pytest.mark.parametrize("raw", ["sheep", "fish", "information"])
def test_names_whose_plural_equals_the_singular_are_rejected(raw: str) -> None:
    with pytest.raises(InvalidNameError, match=r"plural is the same word"):
        resource_names(raw)


@pytest.mark.parametrize(
    ("raw", "singular"), [("books", "book"), ("people", "person"), ("order_items", "order_item")]
)
def test_plural_names_are_rejected_with_the_singular_to_use(raw: str, singular: str) -> None:
    with pytest.raises(InvalidNameError, match=rf"looks plural.*'{singular}'"):
        resource_names(raw)


@pytest.mark.parametrize("raw", ["class", "list", "core", "1book", "sheep"])
def test_rejections_are_one_line_layerkit_errors_naming_the_input(raw: str) -> None:
    with pytest.raises(LayerkitError) as caught:
        resource_names(raw)

    assert repr(raw) in caught.value.message
    assert "\n" not in caught.value.message


@pytest.mark.parametrize("raw", ["match", "case"])
def test_soft_keywords_are_ordinary_names_on_every_python(raw: str) -> None:
    assert resource_names(raw).singular == raw
