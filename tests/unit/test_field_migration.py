"""What a field change does to a table with rows: which changes are refused (and what the message
says to do), which values fill new required columns, what the rendered revisions contain. The
revisions running on SQLite and PostgreSQL are tests/e2e/test_field_migrations.py's."""

from __future__ import annotations

import ast
from datetime import date
from decimal import Decimal

import pytest

from layerkit.edit.migrations import NextMigration
from layerkit.errors import FieldSyntaxError, SpecError
from layerkit.presets import PRESET_NAMES, get_preset
from layerkit.render.engine import format_python, render_template
from layerkit.render.fastapi_fields import FieldView
from layerkit.render.field_migration import (
    FieldChange,
    check_drop,
    check_field_changes,
    field_changes,
    field_migration_slug,
    fill_value,
    render_drop_migration,
    render_field_migration,
    schema_changed,
)
from layerkit.spec.fields import parse_field, with_default
from layerkit.spec.model import Resource, make_resource
from layerkit.spec.names import resource_names

KNOWN = {name: resource_names(name) for name in ("author", "editor", "book")}
FASTAPI = get_preset("fastapi")
NEXT = NextMigration("0004", "0003")


def book(*fields: str) -> Resource:
    return make_resource("book", [parse_field(text) for text in fields])


def refusal(old: Resource, new: Resource, *, filled: bool = False) -> str:
    with pytest.raises(FieldSyntaxError) as raised:
        check_field_changes(old, new, filled=filled)
    return raised.value.message


# --- field_changes ----------------------------------------------------------------------------


def test_changes_are_found_by_field_name() -> None:
    old = book("title:str", "pages:int?", "legacy:text?", "author:ref")
    new = book("title:str:max=100", "author:ref?", "summary:text", "pages:int?")

    changes = field_changes(old, new)

    assert [f.name for f in changes.added] == ["summary"]
    assert [f.name for f in changes.removed] == ["legacy"]
    assert changes.altered == (
        FieldChange(parse_field("title:str"), parse_field("title:str:max=100")),
        FieldChange(parse_field("author:ref"), parse_field("author:ref?")),
    )
    assert changes.altered[1].name == "author"  # a ref keeps its name; its column is author_id


def test_the_same_fields_in_another_order_change_nothing() -> None:
    assert not field_changes(book("a:int", "b:str"), book("b:str", "a:int"))


def test_a_renamed_field_is_one_removed_and_one_added() -> None:
    changes = field_changes(book("title:str"), book("name:str"))
    assert [f.name for f in changes.removed] == ["title"] and [f.name for f in changes.added] == ["name"]


# --- fill values ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("n:int", 0),
        ("n:int:min=3", 3),
        ("n:int:min=2.5", 3),
        ("n:int:max=-4", -4),
        ("n:int:default=7", 7),
        ("x:float:min=0.5", Decimal("0.5")),
        ("x:decimal", Decimal(0)),
        ("x:decimal:default=1.25", Decimal("1.25")),
        ("b:bool", False),
        ("b:bool:default=true", True),
        ("s:str", ""),
        ("s:text:max=10", ""),
        ("s:str:min=2:default=ab", "ab"),
        ("e:enum=paper,ebook", "paper"),
        ("e:enum=paper,ebook:default=ebook", "ebook"),
        ("d:date:default=2024-01-01", date(2024, 1, 1)),
        ("m:email:default=a@example.com", "a@example.com"),
    ],
)
def test_a_new_required_column_is_filled_with_a_value_that_keeps_its_rules(text: str, value: object) -> None:
    assert fill_value(parse_field(text)) == value


@pytest.mark.parametrize(
    "text",
    [
        "s:str:min=1",
        "s:text:min=3",
        "d:date",
        "t:datetime",
        "u:uuid",
        "j:json",
        "m:email",
        "w:url",
        "r:ref=author",
        "n:int:unique",
        "s:str:unique:default=x",
        "n:int:min=1.2:max=1.8",
    ],
)
def test_no_value_is_made_up_where_none_fits_every_row(text: str) -> None:
    assert fill_value(parse_field(text)) is None


# --- check_field_changes ----------------------------------------------------------------------


def test_a_new_required_date_needs_a_default_or_to_be_optional() -> None:
    assert refusal(book("title:str"), book("title:str", "published_on:date")) == (
        "field 'published_on' of 'book' is required and 'book' may already have rows: give it a"
        " default (`published_on:date:default=2024-01-01`) or make it optional (`published_on:date?`)"
    )


def test_a_new_required_string_with_a_min_length_is_shown_a_default_that_fits() -> None:
    assert refusal(book(), book("code:str:min=9:max=12")) == (
        "field 'code' of 'book' is required and 'book' may already have rows: give it a default"
        " (`code:str:default=unknownxx:min=9:max=12`) or make it optional (`code:str?:min=9:max=12`)"
    )
    check_field_changes(book(), book("code:str:min=9:max=12:default=123456789"))


def test_types_without_defaults_can_only_be_added_optional() -> None:
    assert refusal(book(), book("released_at:datetime")) == (
        "field 'released_at' of 'book' is required and 'book' may already have rows, and a datetime"
        " field cannot have a default: make it optional (`released_at:datetime?`); once every row"
        " has a value, make it required with --filled"
    )
    assert "a reference cannot have a default: make it optional (`editor:ref=author:optional`)" in refusal(
        book(), book("editor:ref=author")
    )


def test_a_url_default_is_shown_in_a_spec_long_form() -> None:
    assert refusal(book(), book("site:url")) == (
        "field 'site' of 'book' is required and 'book' may already have rows: give it a default"
        ' (`site: {type: url, default: "https://example.com"}` in a spec) or make it optional (`site:url?`)'
    )
    site = with_default(parse_field("site:url"), "https://example.com")
    check_field_changes(book(), make_resource("book", [site]))


def test_a_new_required_unique_column_is_refused_even_with_a_default() -> None:
    message = refusal(book(), book("isbn:str:unique:default=x"))
    assert message.startswith(
        "field 'isbn' of 'book' is required and 'book' may already have rows: a unique column"
        " cannot give every row the same value; keep it optional (`isbn:str?:unique:default=x`)"
    ), message


def test_new_required_fields_with_a_fill_value_and_optional_ones_pass() -> None:
    check_field_changes(
        book("title:str"),
        book(
            "title:str",
            "stock:int",
            "weight:float:min=1",
            "hardcover:bool",
            "summary:text",
            "format:enum=paper,ebook",
            "first_sold:date:default=2024-01-01",
            "launched_at:datetime?",
            "code:uuid?",
            "meta:json?",
            "isbn:str?:unique",
            "editor:ref=editor?",
        ),
    )


def test_an_optional_field_made_required_needs_a_value_for_its_empty_rows() -> None:
    assert refusal(book("published_on:date?"), book("published_on:date")) == (
        "field 'published_on' of 'book' becomes required and rows of 'book' may have no value for it:"
        " give it a default to fill them with (`published_on:date:default=2024-01-01`), keep it"
        " optional (`published_on:date?`), or fill in every row, then make it required with --filled"
    )
    check_field_changes(book("pages:int?"), book("pages:int"))  # empty rows get 0
    check_field_changes(book("published_on:date?"), book("published_on:date:default=2024-01-01"))


def test_filled_lets_an_optional_field_without_a_fill_value_become_required() -> None:
    old, new = book("author:ref?", "isbn:str?:unique"), book("author:ref", "isbn:str:unique")
    assert "2 problems" in refusal(old, new)
    check_field_changes(old, new, filled=True)
    assert "is required" in refusal(book(), book("when:date"), filled=True)  # new columns are empty


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("n:int", "n:float"),
        ("n:int", "n:decimal"),
        ("n:int", "n:str"),
        ("n:int", "n:text"),
        ("n:decimal", "n:float"),
        ("n:float", "n:text"),
        ("n:bool", "n:int"),
        ("n:str", "n:text"),
        ("n:text", "n:str:max=10"),
        ("n:str", "n:email"),
        ("n:enum=a,b", "n:str"),
        ("n:str", "n:enum=a,b"),
        ("n:str:max=200", "n:str:max=10"),
    ],
)
def test_type_changes_that_keep_every_value_pass(old: str, new: str) -> None:
    check_field_changes(book(old), book(new))


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("n:str", "n:int"),
        ("n:float", "n:int"),
        ("n:float", "n:decimal"),
        ("n:date", "n:datetime"),
        ("n:uuid", "n:str"),
        ("n:bool", "n:str"),
        ("n:json", "n:text"),
        ("n:int", "n:enum=1,2"),
    ],
)
def test_type_changes_that_may_lose_values_are_refused(old: str, new: str) -> None:
    message = refusal(book(old), book(new))
    kinds = [text.split(":")[1].split("=")[0] for text in (old, new)]
    assert message.startswith(f"field 'n' of 'book' cannot change from {kinds[0]} to {kinds[1]} in place:")
    assert "its values may not convert" in message
    assert message.endswith("copy the values into it, then remove 'n'"), message


def test_a_field_cannot_turn_into_a_reference_or_back() -> None:
    assert refusal(book("author:str"), book("author:ref")) == (
        "field 'author' of 'book' cannot change from str to ref=author: its column changes"
        " (author -> author_id) and its values do not carry over; remove it, then add the new field"
        " under another name (`author_new:ref=author:optional`)"
    )


def test_every_problem_is_reported_at_once() -> None:
    with pytest.raises(FieldSyntaxError) as raised:
        check_field_changes(book("a:str"), book("a:int", "b:date", "c:uuid"))
    assert raised.value.message == "the field changes of 'book' has 3 problems:"
    assert [line.split(":")[0] for line in raised.value.details] == [
        "field 'b' of 'book' is required and 'book' may already have rows",
        "field 'c' of 'book' is required and 'book' may already have rows, and a uuid field cannot have a default",
        "field 'a' of 'book' cannot change from str to int in place",
    ]


def test_a_referenced_table_cannot_be_dropped() -> None:
    author = make_resource("author", [parse_field("name:str")])
    review = make_resource("review", [parse_field("writer:ref=author")])
    with pytest.raises(SpecError, match=r"cannot destroy 'author': review.writer reference\(s\) it"):
        check_drop(author, [author, review, book("title:str")])
    check_drop(author, [author, book("title:str")])
    check_drop(make_resource("node", [parse_field("parent:ref=node?")]), [])  # only itself


# --- the revisions --------------------------------------------------------------------------


def functions(source: str) -> dict[str, str]:
    """Each top-level function's body, as code (comments and formatting aside)."""
    tree = ast.parse(source)
    return {
        node.name: "\n".join(ast.unparse(statement) for statement in node.body)
        for node in tree.body
        if isinstance(node, ast.FunctionDef)
    }


def test_a_new_required_column_is_added_nullable_filled_then_made_not_null() -> None:
    source = render_field_migration(
        FASTAPI, book("title:str"), book("title:str", "stock:int:min=1"), KNOWN, NEXT
    )
    upgrade = functions(source)["upgrade"]
    assert upgrade.index("add_column(sa.Column('stock', sa.Integer(), nullable=True))") < upgrade.index(
        "op.execute(after.update().where(after.c['stock'].is_(None)).values({'stock': 1}))"
    ), upgrade
    assert upgrade.endswith("batch_op.alter_column('stock', existing_type=sa.Integer(), nullable=False)")
    assert "server_default" not in source
    assert (
        functions(source)["downgrade"]
        == "with op.batch_alter_table('book') as batch_op:\n    batch_op.drop_column('stock')"
    )
    assert source.startswith('"""book: add stock\n\nRevision ID: 0004\nRevises: 0003\n"""\n')
    assert 'revision: str = "0004"\ndown_revision: str | None = "0003"\n' in source


def test_a_type_change_casts_on_postgresql_and_checks_the_values_first() -> None:
    source = render_field_migration(FASTAPI, book("count:int"), book("count:str:max=5"), KNOWN, NEXT)
    upgrade, downgrade = functions(source)["upgrade"], functions(source)["downgrade"]
    assert "postgresql_using='\"count\"::VARCHAR(5)'" in upgrade
    assert "sa.func.length(sa.cast(before.c['count'], sa.Text())) > 5" in upgrade
    # back to int: every value must convert exactly (SQLite's CAST would turn 'x' into 0)
    assert (
        "sa.cast(sa.cast(before.c['count'], sa.Integer()), sa.String(length=5)) != before.c['count']"
        in downgrade
    )
    assert "postgresql_using='\"count\"::INTEGER'" in downgrade
    assert upgrade.index("_stop_if_any(") < upgrade.index("batch_alter_table")
    assert "def _stop_if_any(rows: sa.Executable, problem: str) -> None:" in source


def test_constraints_are_named_by_the_naming_convention() -> None:
    old = book("isbn:str:unique", "title:str", "editor:ref=editor?")
    new = book("isbn:str:index", "title:str:unique", "editor:ref=author")
    upgrade = functions(render_field_migration(FASTAPI, old, new, KNOWN, NEXT, filled=True))["upgrade"]
    for expected in (
        "batch_op.drop_constraint(batch_op.f('uq_book_isbn'), type_='unique')",
        "batch_op.create_index(batch_op.f('ix_book_isbn'), ['isbn'], unique=False)",
        "batch_op.create_unique_constraint(batch_op.f('uq_book_title'), ['title'])",
        "batch_op.drop_constraint(batch_op.f('fk_book_editor_id_editor'), type_='foreignkey')",
        "batch_op.create_foreign_key(batch_op.f('fk_book_editor_id_author'), 'author', ['editor_id'],"
        " ['id'], ondelete='RESTRICT')",
        # the checks: duplicates, ids the new target lacks, rows without an editor
        ".group_by(before.c['title']).having(sa.func.count() > 1)",
        "before.c['editor_id'].not_in(sa.select(sa.table('author', sa.column('id')).c['id']))",
        "before.c['editor_id'].is_(None)",
    ):
        assert expected in upgrade, (expected, upgrade)


def test_a_removed_required_column_comes_back_filled_or_nullable() -> None:
    old = book("title:str", "born:date", "author:ref", "flag:bool:default=true")
    downgrade = functions(render_field_migration(FASTAPI, old, book("title:str"), KNOWN, NEXT))["downgrade"]
    assert "values({'born': datetime.date(1970, 1, 1)})" in downgrade  # a placeholder: the values are gone
    assert "values({'flag': True})" in downgrade
    assert "alter_column('author_id', existing_type=sa.Integer(), nullable=False)" not in downgrade
    assert "create_foreign_key(batch_op.f('fk_book_author_id_author'), 'author'" in downgrade
    assert "create_index(batch_op.f('ix_book_author_id'), ['author_id'], unique=False)" in downgrade


def test_a_change_of_no_column_needs_no_migration() -> None:
    old, new = book("pages:int:min=1", "genre:enum=a,b"), book("pages:int:min=2:default=3", "genre:enum=b,a")
    assert not schema_changed(old, new, KNOWN)
    assert functions(render_field_migration(FASTAPI, old, new, KNOWN, NEXT)) == {
        "upgrade": "pass",
        "downgrade": "pass",
    }
    fewer = book("pages:int:min=1", "genre:enum=a")
    assert schema_changed(old, fewer, KNOWN)  # a row may hold 'b': the migration checks
    upgrade = functions(render_field_migration(FASTAPI, old, fewer, KNOWN, NEXT))["upgrade"]
    assert "before.c['genre'].not_in(['a'])" in upgrade and "batch_alter_table" not in upgrade


def test_slugs_name_the_change() -> None:
    title = book("title:str")
    assert field_migration_slug(title, book("title:str", "pages:int?")) == "add_pages_to_book"
    assert field_migration_slug(title, book()) == "remove_title_from_book"
    assert field_migration_slug(title, book("title:text")) == "alter_book_title"
    assert field_migration_slug(title, book("name:str")) == "change_book_fields"


@pytest.mark.parametrize("preset", PRESET_NAMES)
def test_every_preset_renders_the_same_revisions(preset: str) -> None:
    old, new = book("title:str", "count:int"), book("title:str:max=80:unique", "count:text", "at:date?")
    expected = render_field_migration(FASTAPI, old, new, KNOWN, NEXT)
    assert render_field_migration(get_preset(preset), old, new, KNOWN, NEXT) == expected
    compile(expected, "migration.py", "exec")


def test_the_drop_migration_drops_indexes_first_and_recreates_the_table_as_it_was_created() -> None:
    resource = book("title:str:index", "isbn:str:unique", "author:ref", "editor:ref=editor?")
    source = render_drop_migration(FASTAPI, resource, KNOWN, NEXT)
    views = [FieldView(f, resource.names, KNOWN.get(f.target or "")) for f in resource.fields]
    created = render_template(
        FASTAPI, "resource/migration.py.j2", {"r": resource.names, "fields": views, "migration": NEXT}
    )
    (created,) = format_python({"m.py": created}, first_party=["app"]).values()
    dropped = functions(source)
    assert dropped["downgrade"] == functions(created)["upgrade"]
    assert dropped["upgrade"] == functions(created)["downgrade"]
    assert dropped["upgrade"].splitlines()[-1] == "op.drop_table('book')"
    assert source.startswith('"""drop book\n')
