"""The field grammar: every type, every spelling, every modifier and every rejection."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from layerkit.errors import FieldSyntaxError, InvalidNameError, LayerkitError
from layerkit.spec.fields import Field, FieldType, parse_field


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("title:str", FieldType.STR),
        ("body:text", FieldType.TEXT),
        ("pages:int", FieldType.INT),
        ("ratio:float", FieldType.FLOAT),
        ("price:decimal", FieldType.DECIMAL),
        ("active:bool", FieldType.BOOL),
        ("born:date", FieldType.DATE),
        ("seen_at:datetime", FieldType.DATETIME),
        ("token:uuid", FieldType.UUID),
        ("extra:json", FieldType.JSON),
        ("contact:email", FieldType.EMAIL),
        ("homepage:url", FieldType.URL),
    ],
)
def test_every_plain_type_parses_to_a_required_field_without_modifiers(text: str, kind: FieldType) -> None:
    name = text.partition(":")[0]

    assert parse_field(text) == Field(name, kind)


def test_enum_with_equals_spelling_keeps_choices_in_order() -> None:
    field = parse_field("genre:enum=fiction,science,poetry")

    assert field.type is FieldType.ENUM
    assert field.choices == ("fiction", "science", "poetry")


@pytest.mark.parametrize(
    "text",
    ["genre:enum(fiction|science)", "genre:enum=fiction,science", "genre:enum=fiction, science"],
)
def test_enum_spellings_are_equivalent(text: str) -> None:
    assert parse_field(text) == Field("genre", FieldType.ENUM, choices=("fiction", "science"))


@pytest.mark.parametrize(
    "text", ["author:ref", "author:ref(author)", "author:ref=author", "author:ref=Author"]
)
def test_ref_without_target_or_with_own_name_targets_the_field_name(text: str) -> None:
    field = parse_field(text)

    assert field == Field("author", FieldType.REF, target="author")
    assert field.column == "author_id"


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("writer:ref(author)", "author"),
        ("writer:ref=author", "author"),
        ("writer:ref=BookReview", "book_review"),
        ("writer:ref(book-review)", "book_review"),
    ],
)
def test_ref_with_target_normalises_it_to_snake_case(text: str, target: str) -> None:
    field = parse_field(text)

    assert field.type is FieldType.REF
    assert field.target == target
    assert field.column == "writer_id"


def test_non_ref_column_is_the_field_name() -> None:
    assert parse_field("title:str").column == "title"


@pytest.mark.parametrize(
    "text",
    [
        "notes:text?",
        "notes:text:optional",
        "genre:enum(a|b)?",
        "genre:enum=a,b?",
        "author:ref?",
        "writer:ref(author)?",
    ],
)
def test_question_mark_and_optional_modifier_make_a_field_optional(text: str) -> None:
    assert parse_field(text).optional is True


def test_optional_spellings_give_equal_fields() -> None:
    assert parse_field("pages:int?:min=1") == parse_field("pages:int:optional:min=1")


@pytest.mark.parametrize(
    ("text", "attributes"),
    [
        ("email:email:unique", {"unique": True, "index": False}),
        ("title:str:index", {"unique": False, "index": True}),
        ("pages:int:min=1:max=5000", {"min": Decimal(1), "max": Decimal(5000)}),
        ("price:decimal:min=0.01", {"min": Decimal("0.01")}),
        ("delta:float:min=-1.5:max=1.5", {"min": Decimal("-1.5"), "max": Decimal("1.5")}),
        ("title:str:min=0:max=200", {"min": Decimal(0), "max": Decimal(200)}),
        ("title:str:default=untitled", {"default": "untitled"}),
        ("title:str:default=", {"default": ""}),
        ("pages:int:default=10", {"default": 10}),
        ("pages:int:default=1e3", {"default": 1000}),
        ("price:decimal:default=1.50", {"default": Decimal("1.50")}),
        ("ratio:float:default=0.5", {"default": Decimal("0.5")}),
        ("active:bool:default=true", {"default": True}),
        ("active:bool:default=False", {"default": False}),
        ("born:date:default=2024-02-29", {"default": date(2024, 2, 29)}),
        ("genre:enum=a,b:default=b", {"default": "b"}),
        ("contact:email:default=team@example.com", {"default": "team@example.com"}),
    ],
)
def test_modifiers_set_attributes(text: str, attributes: dict[str, object]) -> None:
    field = parse_field(text)

    assert {key: getattr(field, key) for key in attributes} == attributes


def test_int_default_is_an_int_and_bool_default_is_a_bool() -> None:
    assert type(parse_field("pages:int:default=7").default) is int
    assert type(parse_field("active:bool:default=true").default) is bool


def test_unique_implies_index_so_index_is_dropped() -> None:
    field = parse_field("slug:str:unique:index")

    assert (field.unique, field.index) == (True, False)


def test_surrounding_whitespace_is_ignored() -> None:
    assert parse_field("  title:str:max=10  ") == parse_field("title:str:max=10")


@pytest.mark.parametrize(
    "text",
    [
        "title:str",
        "body:text:optional",
        "pages:int:optional:min=1:max=5000",
        "ratio:float:default=0.5:min=0:max=1",
        "price:decimal:default=9.99:min=0",
        "active:bool:default=true",
        "active:bool:optional:default=false",
        "born:date:default=2024-02-29",
        "seen_at:datetime:optional:index",
        "token:uuid:unique",
        "extra:json:optional",
        "contact:email:unique",
        "homepage:url:optional",
        "genre:enum=fiction,science:default=science",
        "genre:enum=a,b.c,d-e,f_g:optional:index",
        "author:ref",
        "writer:ref=author:optional",
        "title:str:unique:default=x:min=1:max=200",
        "title:str:default=",
        "delta:int:default=-3:min=-10:max=-1",
    ],
)
def test_canonical_text_round_trips(text: str) -> None:
    field = parse_field(text)

    assert field.to_text() == text
    assert parse_field(field.to_text()) == field


@pytest.mark.parametrize(
    "text",
    [
        "pages:int?:max=10:min=1",
        "genre:enum(fiction|science)?",
        "writer:ref(Author)",
        "slug:str:index:unique",
        "pages:int:default=1e3",
        "ratio:float:min=1e3",
        "active:bool:default=TRUE",
        "n:int:min=1_000",
    ],
)
def test_non_canonical_text_reparses_to_an_equal_field(text: str) -> None:
    field = parse_field(text)

    assert parse_field(field.to_text()) == field


@pytest.mark.parametrize(
    ("text", "offending"),
    [
        ("Title:str", "Title"),
        ("1title:str", "1title"),
        ("_title:str", "_title"),
        ("title_:str", "title_"),
        ("book__title:str", "book__title"),
        ("book-title:str", "book-title"),
        ("tïtle:str", "tïtle"),
        (":str", "''"),
        ("class:str", "class"),
        ("def:int", "def"),
        ("writer:ref=class", "class"),
    ],
)
def test_invalid_names_raise_invalid_name_error(text: str, offending: str) -> None:
    with pytest.raises(InvalidNameError) as caught:
        parse_field(text)

    assert offending in caught.value.message


@pytest.mark.parametrize(
    "name",
    [
        "id",
        "created_at",
        "updated_at",
        "limit",
        "offset",
        "sort",
        "metadata",
        "registry",
        "model_config",
        "model_fields",
        "model_anything",
        "dict",
        "json",
        "copy",
        "schema",
        "validate",
        "construct",
    ],
)
def test_reserved_field_names_are_rejected(name: str) -> None:
    with pytest.raises(FieldSyntaxError) as caught:
        parse_field(f"{name}:str")

    assert repr(name) in caught.value.message
    assert "reserved" in caught.value.message


UNKNOWN_TYPE = "unknown type"
UNKNOWN_MODIFIER = "unknown modifier"
NOT_A_NUMBER = "is not a number"
UNBOUNDED = "min=/max= apply to str, text, int, float and decimal fields, not"
STRING_LENGTH = "min=/max= of a string are lengths"
NO_CHOICES = "an enum needs choices"
NO_DEFAULT = "field cannot have a default"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("title", "expected NAME:TYPE"),
        ("title:", "expected NAME:TYPE"),
        ("title:strng", f"{UNKNOWN_TYPE} 'strng'"),
        ("title:bigint", f"{UNKNOWN_TYPE} 'bigint'"),
        ("title:varchar:max=3", f"{UNKNOWN_TYPE} 'varchar'"),
        ("title:str=5", f"{UNKNOWN_TYPE} 'str=5'"),
        ("genre:enum(a|b", f"{UNKNOWN_TYPE} 'enum(a|b'"),
        ("title:str:required", f"{UNKNOWN_MODIFIER} 'required'"),
        ("title:str:Unique", f"{UNKNOWN_MODIFIER} 'Unique'"),
        ("title:str:maximum=3", f"{UNKNOWN_MODIFIER} 'maximum=3'"),
        ("title:str:unique=true", f"{UNKNOWN_MODIFIER} 'unique=true'"),
        ("pages:int:min=abc", f"min='abc' {NOT_A_NUMBER}"),
        ("pages:int:max=NaN", f"max='NaN' {NOT_A_NUMBER}"),
        ("pages:int:min=Infinity", f"min='Infinity' {NOT_A_NUMBER}"),
        ("pages:int:min=5:max=1", "min=5 is greater than max=1"),
        ("title:str:min=10:max=2", "min=10 is greater than max=2"),
        ("price:decimal:min=0.5:max=0.25", "min=0.5 is greater than max=0.25"),
        ("pages:int:min=1:default=0", "default 0 has value 0, below min=1"),
        ("pages:int:max=10:default=11", "default 11 has value 11, above max=10"),
        ("title:str:max=3:default=toolong", "default 'toolong' has length 7, above max=3"),
        ("title:str:min=5:default=abc", "default 'abc' has length 3, below min=5"),
        ("genre:enum=a,b:default=c", "default 'c' is not one of the choices a, b"),
        ("active:bool:min=0", f"{UNBOUNDED} bool"),
        ("active:bool:max=1", f"{UNBOUNDED} bool"),
        ("extra:json:min=1", f"{UNBOUNDED} json"),
        ("born:date:max=5", f"{UNBOUNDED} date"),
        ("contact:email:max=5", f"{UNBOUNDED} email"),
        ("genre:enum=a,b:min=1", f"{UNBOUNDED} enum"),
        ("author:ref:min=1", f"{UNBOUNDED} ref"),
        ("extra:json:unique", "a json field cannot be unique or indexed"),
        ("extra:json:index", "a json field cannot be unique or indexed"),
        ("title:str:min=-1", STRING_LENGTH),
        ("title:text:max=-5", STRING_LENGTH),
        ("title:str:max=2.5", STRING_LENGTH),
        ("title:str:min=0.5", STRING_LENGTH),
        ("genre:enum=", NO_CHOICES),
        ("genre:enum()", NO_CHOICES),
        ("genre:enum=,", NO_CHOICES),
        ("genre:enum=a,a", "enum choices must be different from each other"),
        ("genre:enum(a|b|a)", "enum choices must be different from each other"),
        ("genre:enum=a b,c", "enum choice 'a b' must be"),
        ("genre:enum=_a,b", "enum choice '_a' must be"),
        ("active:bool:default=yes", "a bool default is 'true' or 'false', not 'yes'"),
        ("active:bool:default=1", "a bool default is 'true' or 'false', not '1'"),
        ("pages:int:default=1.5", "an int default must be a whole number"),
        ("pages:int:default=ten", f"default='ten' {NOT_A_NUMBER}"),
        ("price:decimal:default=cheap", f"default='cheap' {NOT_A_NUMBER}"),
        ("born:date:default=2024-13-01", "a date default is YYYY-MM-DD, not '2024-13-01'"),
        ("born:date:default=yesterday", "a date default is YYYY-MM-DD, not 'yesterday'"),
        ("seen_at:datetime:default=2024-01-01", f"a datetime {NO_DEFAULT}"),
        ("token:uuid:default=abc", f"a uuid {NO_DEFAULT}"),
        ("extra:json:default={}", f"a json {NO_DEFAULT}"),
        ("author:ref:default=1", f"a ref {NO_DEFAULT}"),
    ],
)
def test_invalid_definitions_raise_field_syntax_error_naming_input_and_problem(
    text: str, reason: str
) -> None:
    with pytest.raises(FieldSyntaxError) as caught:
        parse_field(text)

    assert caught.value.message.startswith(f"invalid field {text!r}: ")
    assert reason in caught.value.message


@pytest.mark.parametrize(
    "text",
    [
        "Title:str",
        "class:str",
        "id:int",
        "title:nope",
        "title:str:bogus",
        "pages:int:min=5:max=1",
        "genre:enum=a,a",
        "ti\ntle:str",
        "title:str:default=a\nb:max=1",
        "title:str:bo\ngus",
    ],
)
def test_errors_are_layerkit_errors_with_a_one_line_message(text: str) -> None:
    with pytest.raises(LayerkitError) as caught:
        parse_field(text)

    assert isinstance(caught.value, FieldSyntaxError | InvalidNameError)
    assert caught.value.message
    assert "\n" not in caught.value.message
    assert str(caught.value) == caught.value.message


def test_error_names_the_fix_for_a_missing_type() -> None:
    with pytest.raises(FieldSyntaxError, match=r"expected NAME:TYPE"):
        parse_field("title")


@pytest.mark.parametrize(
    ("spelling", "kind"),
    [
        ("string", FieldType.STR),
        ("String", FieldType.STR),  # Prisma
        ("STR", FieldType.STR),
        ("integer", FieldType.INT),
        ("Int", FieldType.INT),
        ("boolean", FieldType.BOOL),
        ("Boolean", FieldType.BOOL),
        ("timestamp", FieldType.DATETIME),
        ("DateTime", FieldType.DATETIME),
        ("double", FieldType.FLOAT),
        ("number", FieldType.FLOAT),
        ("numeric", FieldType.DECIMAL),
        ("Decimal", FieldType.DECIMAL),
        ("Json", FieldType.JSON),
        ("UUID", FieldType.UUID),
    ],
)
def test_other_tools_spellings_are_aliases_recorded_canonically(spelling: str, kind: FieldType) -> None:
    field = parse_field(f"value:{spelling}?")

    assert field == Field("value", kind, optional=True)
    assert field.to_text() == f"value:{kind.value}:optional"  # what the manifest records


def test_an_enum_or_ref_keyword_is_case_insensitive_too() -> None:
    assert parse_field("genre:Enum=a,b") == Field("genre", FieldType.ENUM, choices=("a", "b"))
    assert parse_field("author:Ref") == Field("author", FieldType.REF, target="author")


@pytest.mark.parametrize(
    ("text", "suggestion"),
    [
        ("title:strng", "did you mean 'str'?"),
        ("title:sting", "did you mean 'str'?"),
        ("pages:intt", "did you mean 'int'?"),
        ("pages:integr", "did you mean 'int'?"),  # near an alias: the suggestion is its canonical type
        ("pages:bigint", "did you mean 'int'?"),
        ("seen:datetme", "did you mean 'datetime'?"),
        ("active:booll", "did you mean 'bool'?"),
        ("title:str:uniqe", "did you mean 'unique'?"),
        ("title:str:maxx=3", "did you mean 'max='?"),
    ],
)
def test_a_near_miss_gets_a_suggestion(text: str, suggestion: str) -> None:
    with pytest.raises(FieldSyntaxError) as caught:
        parse_field(text)

    assert suggestion in caught.value.message
    assert "use one of" in caught.value.message or "use unique" in caught.value.message


def test_a_far_miss_gets_no_suggestion() -> None:
    with pytest.raises(FieldSyntaxError) as caught:
        parse_field("title:xyzzy")

    assert "did you mean" not in caught.value.message
