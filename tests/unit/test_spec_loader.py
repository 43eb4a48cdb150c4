"""Spec files: YAML and JSON, short and long field forms, and every problem reported at once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from layerkit.errors import SpecError
from layerkit.spec.fields import parse_field
from layerkit.spec.loader import load_spec

BOOKSHOP_YAML = """\
name: bookshop
database: postgres
resources:
  author:
    fields:
      name: str:max=100
  book:
    fields:
      title: str:max=200:index
      pages: int?:min=1
      genre: enum(fiction|science)
      author: ref
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def load_errors(path: Path) -> list[str]:
    with pytest.raises(SpecError) as caught:
        load_spec(path)
    return caught.value.details


def test_yaml_spec_loads_project_options_and_resources(tmp_path: Path) -> None:
    spec = load_spec(write(tmp_path, "spec.yaml", BOOKSHOP_YAML))

    assert (spec.name, spec.preset, spec.database) == ("bookshop", "fastapi", "postgres")
    assert [r.name for r in spec.resources] == ["author", "book"]
    assert spec.resources[1].field_texts() == [
        "title:str:index:max=200",
        "pages:int:optional:min=1",
        "genre:enum=fiction,science",
        "author:ref",
    ]


def test_json_spec_loads_like_the_same_yaml_spec(tmp_path: Path) -> None:
    data = {
        "name": "bookshop",
        "database": "postgres",
        "resources": {
            "author": {"fields": {"name": "str:max=100"}},
            "book": {
                "fields": {
                    "title": "str:max=200:index",
                    "pages": "int?:min=1",
                    "genre": "enum(fiction|science)",
                    "author": "ref",
                }
            },
        },
    }
    from_json = load_spec(write(tmp_path, "spec.json", json.dumps(data)))
    from_yaml = load_spec(write(tmp_path, "spec.yaml", BOOKSHOP_YAML))

    assert from_json == from_yaml


def test_defaults_are_fastapi_sqlite_and_no_resources(tmp_path: Path) -> None:
    spec = load_spec(write(tmp_path, "spec.yml", "name: shop\n"))

    assert (spec.name, spec.preset, spec.database, spec.resources) == ("shop", "fastapi", "sqlite", ())


def test_name_argument_wins_over_the_file(tmp_path: Path) -> None:
    assert load_spec(write(tmp_path, "spec.yaml", "name: shop\n"), name="store").name == "store"


def test_name_argument_fills_a_missing_name(tmp_path: Path) -> None:
    assert load_spec(write(tmp_path, "spec.yaml", "resources: {}\n"), name="store").name == "store"


@pytest.mark.parametrize(
    ("long", "short"),
    [
        ({"type": "int", "optional": True, "min": 1}, "pages:int:optional:min=1"),
        ({"type": "int", "optional": False, "max": 10}, "pages:int:max=10"),
        ({"type": "str", "unique": True, "index": True, "max": 200}, "pages:str:unique:max=200"),
        ({"type": "str", "index": True, "default": "x", "min": 1}, "pages:str:index:default=x:min=1"),
        (
            {"type": "decimal", "min": 0.5, "max": 2.5, "default": 1.25},
            "pages:decimal:default=1.25:min=0.5:max=2.5",
        ),
        ({"type": "bool", "default": False}, "pages:bool:default=false"),
        ({"type": "bool", "default": True}, "pages:bool:default=true"),
        ({"type": "date", "default": "2024-02-29"}, "pages:date:default=2024-02-29"),
        ({"type": "enum", "choices": ["a", "b"], "default": "b"}, "pages:enum=a,b:default=b"),
        ({"type": "ref", "to": "author", "optional": True}, "pages:ref=author:optional"),
        ({"type": "ref"}, "pages:ref"),
    ],
)
def test_long_form_fields_equal_their_short_form(tmp_path: Path, long: dict[str, object], short: str) -> None:
    data = {"name": "shop", "resources": {"book": {"fields": {"pages": long}}}}
    spec = load_spec(write(tmp_path, "spec.json", json.dumps(data)), existing=frozenset({"author", "pages"}))

    assert spec.resources[0].fields == (parse_field(short),)


def test_long_form_in_yaml_with_a_yaml_date_default(tmp_path: Path) -> None:
    text = """\
name: shop
resources:
  book:
    fields:
      published: {type: date, optional: true, default: 2024-02-29}
      pages: {type: int, optional: true, min: 1}
"""
    spec = load_spec(write(tmp_path, "spec.yaml", text))

    assert spec.resources[0].field_texts() == [
        "published:date:optional:default=2024-02-29",
        "pages:int:optional:min=1",
    ]


SEVERAL_PROBLEMS = """\
name: shop
database: oracle
colour: blue
resources:
  book:
    fields:
      title: str:max=2:default=abc
      pages: {type: int, minimum: 1}
      id: int
      rating: 5
      author: ref
      author_id: int
  class:
    fields:
      name: str
  shelf:
    label: str
  sheep:
    fields:
      name: strng
"""


def test_several_problems_are_all_reported_with_their_location(tmp_path: Path) -> None:
    path = write(tmp_path, "spec.yaml", SEVERAL_PROBLEMS)

    with pytest.raises(SpecError) as caught:
        load_spec(path)

    locations = [detail.partition(": ")[0] for detail in caught.value.details]
    assert locations == [
        "colour",
        "database",
        "resources.book.fields.title",
        "resources.book.fields.pages",
        "resources.book.fields.id",
        "resources.book.fields.rating",
        "resources.book",
        "resources.class",
        "resources.shelf",
        "resources.sheep.fields.name",
        "resources.sheep",
    ]
    assert caught.value.message.startswith(f"spec file {str(path)!r} has 11 problem(s): colour: ")
    assert all("\n" not in detail for detail in caught.value.details)


def test_each_reported_problem_explains_itself(tmp_path: Path) -> None:
    details = load_errors(write(tmp_path, "spec.yaml", SEVERAL_PROBLEMS))

    expected = [
        "allowed: database, features, name, preset, resources",
        "'oracle' is not one of sqlite, postgres",
        "default 'abc' has length 3, above max=2",
        "long form needs 'type'",
        "invalid field name 'id'",
        "must be a string like 'str:max=200' or a mapping with 'type'",
        "'author_id' clashes with 'author'",
        "it is a Python keyword",
        "must be a mapping with one key, 'fields'",
        "unknown type 'strng'",
        "plural is the same word",
    ]
    assert len(details) == len(expected)
    for detail, fragment in zip(details, expected, strict=True):
        assert fragment in detail


def test_unknown_top_level_keys_are_each_reported(tmp_path: Path) -> None:
    details = load_errors(write(tmp_path, "spec.yaml", "name: shop\nresource: {}\nversion: 2\n"))

    assert details == [
        "resource: unknown key; allowed: database, features, name, preset, resources",
        "version: unknown key; allowed: database, features, name, preset, resources",
    ]


@pytest.mark.parametrize(
    ("text", "detail"),
    [
        ("name: shop\ndatabase: mysql\n", "database: 'mysql' is not one of sqlite, postgres"),
        ("name: shop\ndatabase: 3\n", "database: 3 is not one of sqlite, postgres"),
        ("name: shop\npreset: django\n", "preset: 'django' is not one of fastapi"),
        ("resources: {}\n", "name: required, the project name (e.g. 'bookshop')"),
        ("name: 42\n", "name: required, the project name (e.g. 'bookshop')"),
        ("name: 9shop\n", "name: invalid project name '9shop'"),
        ("name: shop\nresources: [book]\n", "resources: must be a mapping of resource name -> {fields: ...}"),
        ("name: shop\nresources:\n  book: {}\n", "resources.book: must be a mapping with one key, 'fields'"),
        (
            "name: shop\nresources:\n  book:\n    fields: [title]\n",
            "resources.book: must be a mapping with one key, 'fields'",
        ),
        (
            "name: shop\nresources:\n  book:\n    fields: {title: str}\n    table: books\n",
            "resources.book: must be a mapping with one key, 'fields'",
        ),
        (
            "name: shop\nresources:\n  book:\n    fields:\n      title: {max: 3}\n",
            "resources.book.fields.title: long form needs 'type'",
        ),
        (
            "name: shop\nresources:\n  book:\n    fields:\n      title: [str]\n",
            "resources.book.fields.title: must be a string",
        ),
    ],
)
def test_single_problem_is_reported_with_its_location(tmp_path: Path, text: str, detail: str) -> None:
    details = load_errors(write(tmp_path, "spec.yaml", text))

    assert len(details) == 1
    assert details[0].startswith(detail)


def test_invalid_yaml_is_a_one_line_spec_error(tmp_path: Path) -> None:
    path = write(tmp_path, "spec.yaml", "name: shop\nresources:\n  book: [unclosed\n")

    with pytest.raises(SpecError) as caught:
        load_spec(path)

    assert caught.value.message.startswith(f"spec file {str(path)!r} is not valid YAML/JSON: ")
    assert "\n" not in caught.value.message


def test_invalid_json_is_a_one_line_spec_error(tmp_path: Path) -> None:
    path = write(tmp_path, "spec.json", '{"name": "shop",}')

    with pytest.raises(SpecError) as caught:
        load_spec(path)

    assert caught.value.message.startswith(f"spec file {str(path)!r} is not valid YAML/JSON: ")
    assert "\n" not in caught.value.message


@pytest.mark.parametrize("text", ["", "- name: shop\n", "just a string\n"])
def test_a_spec_that_is_not_a_mapping_is_rejected(tmp_path: Path, text: str) -> None:
    with pytest.raises(SpecError, match=r"must be a mapping with 'name' and 'resources'"):
        load_spec(write(tmp_path, "spec.yaml", text))


def test_a_missing_file_is_a_spec_error_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "nope.yaml"

    with pytest.raises(SpecError) as caught:
        load_spec(path)

    assert caught.value.message.startswith(f"cannot read spec file {str(path)!r}")
    assert "\n" not in caught.value.message


def test_long_form_url_default_with_a_colon_loads(tmp_path: Path) -> None:
    data = {
        "name": "shop",
        "resources": {"site": {"fields": {"homepage": {"type": "url", "default": "https://example.com"}}}},
    }

    spec = load_spec(write(tmp_path, "spec.json", json.dumps(data)))

    assert spec.resources[0].fields[0].default == "https://example.com"


def test_resources_that_normalise_to_the_same_name_are_reported(tmp_path: Path) -> None:
    text = "name: shop\nresources:\n  Book:\n    fields: {title: str}\n  book:\n    fields: {name: str}\n"

    details = load_errors(write(tmp_path, "spec.yaml", text))

    assert any("book" in detail for detail in details)


BAD_TYPE_AND_UNKNOWN_REF = """\
name: shop
resources:
  book:
    fields:
      pages: intt
      author: ref
      editor: ref=person
"""


def test_a_bad_type_and_unknown_references_are_all_reported(tmp_path: Path) -> None:
    details = load_errors(write(tmp_path, "spec.yaml", BAD_TYPE_AND_UNKNOWN_REF))

    assert [detail.partition(": ")[0] for detail in details] == [
        "resources.book.fields.pages",
        "resources.book.fields.author",
        "resources.book.fields.editor",
    ]
    assert "unknown type 'intt'; did you mean 'int'?" in details[0]
    assert "references unknown resource 'author' (known: book); add it to the spec first" in details[1]
    assert "references unknown resource 'person'" in details[2]


def test_references_may_name_the_project_s_existing_resources(tmp_path: Path) -> None:
    path = write(
        tmp_path, "spec.yaml", "resources:\n  book:\n    fields: {author: ref, editor: ref=person}\n"
    )

    spec = load_spec(path, name="spec", existing=frozenset({"author", "person"}))
    assert [f.target for f in spec.resources[0].fields] == ["author", "person"]

    with pytest.raises(SpecError) as caught:
        load_spec(path, name="spec", existing=frozenset({"author"}))
    assert caught.value.details == [
        "resources.book.fields.editor: references unknown resource 'person' (known: author, book);"
        " add it to the spec or the project first"
    ]


def test_a_reference_to_a_resource_with_its_own_problems_is_not_reported_twice(tmp_path: Path) -> None:
    text = "name: shop\nresources:\n  Author:\n    fields: {name: strr}\n  book:\n    fields: {author: ref}\n"

    details = load_errors(write(tmp_path, "spec.yaml", text))

    assert len(details) == 1 and details[0].startswith("resources.Author.fields.name: ")


def test_spec_fields_accept_other_tools_spellings(tmp_path: Path) -> None:
    text = (
        "name: shop\nresources:\n  book:\n    fields: {title: string, pages: 'integer?', seen: timestamp}\n"
    )

    fields = load_spec(write(tmp_path, "spec.yaml", text)).resources[0].fields

    assert [f.to_text() for f in fields] == ["title:str", "pages:int:optional", "seen:datetime"]
