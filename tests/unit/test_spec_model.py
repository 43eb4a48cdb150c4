"""Resources: field clashes, and the order resources are generated in (refs first)."""

from __future__ import annotations

import pytest

from layerkit.errors import FieldSyntaxError, InvalidNameError, SpecError, UnknownReferenceError
from layerkit.spec.fields import parse_field
from layerkit.spec.model import Resource, dependency_order, make_resource


def resource(name: str, *fields: str) -> Resource:
    return make_resource(name, [parse_field(text) for text in fields])


def names(resources: list[Resource]) -> list[str]:
    return [r.name for r in resources]


def test_make_resource_normalises_the_name_and_keeps_field_order() -> None:
    made = resource("BookReview", "title:str", "stars:int", "book:ref")

    assert made.name == "book_review"
    assert made.names.plural == "book_reviews"
    assert made.field_texts() == ["title:str", "stars:int", "book:ref"]
    assert [f.name for f in made.refs] == ["book"]


def test_make_resource_rejects_an_invalid_resource_name() -> None:
    with pytest.raises(InvalidNameError):
        resource("class", "title:str")


@pytest.mark.parametrize(
    "fields",
    [
        ("author:ref", "author_id:int"),
        ("author_id:int", "author:ref"),
        ("writer:ref=author", "writer_id:uuid"),
        ("title:str", "title:text"),
        ("author:ref", "author:str"),
    ],
)
def test_fields_sharing_a_name_or_column_clash(fields: tuple[str, str]) -> None:
    with pytest.raises(FieldSyntaxError) as caught:
        resource("book", *fields)

    first, second = (text.partition(":")[0] for text in fields)
    assert f"{second!r} clashes with {first!r}" in caught.value.message
    assert "'book'" in caught.value.message


def test_ref_and_a_field_named_like_its_target_do_not_clash() -> None:
    made = resource("book", "author:ref", "author_name:str")

    assert [f.column for f in made.fields] == ["author_id", "author_name"]


def test_a_required_reference_to_its_own_resource_is_rejected() -> None:
    with pytest.raises(FieldSyntaxError, match=r"must be optional \(`parent:ref=category:optional`\)"):
        resource("category", "name:str", "parent:ref=category")


def test_an_optional_reference_to_its_own_resource_is_accepted() -> None:
    made = resource("category", "parent:ref=category:optional")

    assert made.refs[0].target == "category"


def test_dependency_order_puts_referenced_resources_first() -> None:
    book = resource("book", "title:str", "author:ref")
    author = resource("author", "name:str")

    assert names(dependency_order([book, author], set())) == ["author", "book"]


def test_dependency_order_follows_a_chain() -> None:
    review = resource("review", "book:ref")
    book = resource("book", "author:ref")
    author = resource("author", "publisher:ref")
    publisher = resource("publisher", "name:str")

    assert names(dependency_order([review, book, author, publisher], set())) == [
        "publisher",
        "author",
        "book",
        "review",
    ]


def test_dependency_order_respects_every_edge_of_a_diamond() -> None:
    loan = resource("loan", "book:ref", "member:ref")
    book = resource("book", "library:ref")
    member = resource("member", "library:ref")
    library = resource("library", "name:str")

    order = names(dependency_order([loan, member, book, library], set()))

    assert sorted(order) == ["book", "library", "loan", "member"]
    assert order.index("library") < order.index("book") < order.index("loan")
    assert order.index("library") < order.index("member") < order.index("loan")


def test_dependency_order_allows_a_self_reference() -> None:
    category = resource("category", "name:str", "parent:ref=category:optional")

    assert names(dependency_order([category], set())) == ["category"]


def test_dependency_order_accepts_refs_to_existing_resources() -> None:
    book = resource("book", "author:ref")

    assert names(dependency_order([book], {"author"})) == ["book"]


def test_unknown_reference_names_the_target_the_field_and_the_resource() -> None:
    book = resource("book", "title:str", "writer:ref=author")

    with pytest.raises(UnknownReferenceError) as caught:
        dependency_order([book], {"publisher"})

    message = caught.value.message
    assert "unknown resource 'author'" in message
    assert "'writer'" in message
    assert "'book'" in message
    assert "publisher" in message  # the known resources are listed
    assert "\n" not in message


def test_unknown_reference_lists_resources_of_the_same_batch_as_known() -> None:
    with pytest.raises(UnknownReferenceError, match=r"\(known: book, shelf\)"):
        dependency_order([resource("book", "author:ref"), resource("shelf", "name:str")], set())


def test_a_cycle_is_a_spec_error_naming_the_resources() -> None:
    author = resource("author", "book:ref")
    book = resource("book", "author:ref")

    with pytest.raises(SpecError) as caught:
        dependency_order([author, book], set())

    assert "cycle" in caught.value.message
    assert "author" in caught.value.message
    assert "book" in caught.value.message


def test_a_longer_cycle_is_detected() -> None:
    first = resource("first", "third:ref")
    second = resource("second", "first:ref")
    third = resource("third", "second:ref")

    with pytest.raises(SpecError, match=r"cycle"):
        dependency_order([first, second, third], set())
