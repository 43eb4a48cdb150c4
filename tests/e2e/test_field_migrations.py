"""Field-change migrations (render_field_migration) on a table with rows, on SQLite and PostgreSQL.

One project per database goes through a sequence of field changes that covers every field type:
each step puts the models of the new field list in place (copied from a project generated with
it) and the migration layerkit renders for the change, then migrates up, checks that the rows kept
their values and that `alembic check` sees no difference between models and database, migrates
down (the old models and the database agree again) and up once more. Then a change the rows
cannot take stops before touching anything, and a table is dropped and comes back. A Flask project
(sync drivers) takes one change alike.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import partial
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from layerkit.actions import create_project
from layerkit.edit.migrations import NextMigration, next_migration
from layerkit.io.workspace import Workspace
from layerkit.layouts import Layout
from layerkit.presets import get_preset
from layerkit.render.field_migration import (
    field_migration_slug,
    render_drop_migration,
    render_field_migration,
)
from layerkit.spec.fields import parse_field, with_default
from layerkit.spec.model import ProjectSpec, Resource, make_resource
from layerkit.spec.names import resource_names
from tests.e2e.helpers import project_env, run, tool

pytestmark = pytest.mark.e2e

PRESET = get_preset("fastapi")
LAYOUT = PRESET.layout
VERSIONS = f"{LAYOUT.migrations_dir}/versions"
KNOWN = {name: resource_names(name) for name in ("author", "editor", "book", "review")}
Row = dict[str, Any]


@dataclass(frozen=True)
class Step:
    what: str
    fields: tuple[str, ...]
    # the rows' values after the step, from those before it (columns as the database names them)
    rows: Callable[[Row], Row] = field(default=lambda row: row)
    then: Row = field(default_factory=dict)  # set in the first row afterwards


def _without(*columns: str) -> Callable[[Row], Row]:
    return lambda row: {k: v for k, v in row.items() if k not in columns}


START = (
    "title:str:max=200:index",
    "count:int",
    "pages:int?",
    "price:decimal",
    "isbn:str:max=13:unique",
    "homepage:url?",
    "contact:email?",
    "old_text:text?",
    "old_float:float",
    "old_date:date",
    "old_uuid:uuid?",
    "old_json:json?",
    "old_bool:bool",
    "old_time:datetime",
    "old_enum:enum=x,yy",
    "old_email:email?",
    "old_url:url?",
    "author:ref",
)
ADDED = (
    "stock:int",
    "weight:float:min=1",
    "discount:decimal:default=0.5",
    "hardcover:bool",
    "summary:text",
    "format:enum=paper,ebook",
    "edition:str:default=first",
    "support:email:default=help@example.com",
    "site:url",  # default https://example.com (see _book: the grammar has no ':' in a default)
    "first_sold:date:default=2024-01-01",
    "code:uuid?",
    "meta:json?",
    "launched_at:datetime?",
    "isbn13:str?:unique",
    "editor:ref=editor?",
)
_KEPT = [f for f in START if not f.startswith(("old_text", "old_float"))]
STEP_1 = (*_KEPT, *ADDED)
_ALTERED = {
    "title": "title:str:max=100:index",  # shorter
    "count": "count:str",  # int -> str
    "pages": "pages:int",  # optional -> required: empty rows get 0
    "price": "price:decimal?",  # required -> optional
    "isbn": "isbn:str:max=20:index",  # longer, unique -> index
    "homepage": "homepage:url?:unique",  # unique added
    "contact": "contact:email?:index",  # index added
    "format": "format:enum=paper,ebook,audio",  # a choice added
}
STEP_2 = tuple(_ALTERED.get(f.split(":")[0], f) for f in STEP_1)
STEP_3 = tuple(
    {"editor": "editor:ref=author?", "author": "author:ref?"}.get(f.split(":")[0], f)
    for f in STEP_2
    if not f.startswith("old_")
)
STEP_4 = tuple(
    {"homepage": "homepage:url?", "contact": "contact:email?"}.get(f.split(":")[0], f)
    for f in STEP_3
    if f.split(":")[0] not in ("editor", "isbn13", "hardcover")
)


def _added(row: Row) -> Row:
    return {
        **_without("old_text", "old_float")(row),
        "stock": 0,
        "weight": 1.0,
        "discount": Decimal("0.5"),
        "hardcover": False,
        "summary": "",
        "format": "paper",
        "edition": "first",
        "support": "help@example.com",
        "site": "https://example.com",
        "first_sold": "2024-01-01",
        "code": None,
        "meta": None,
        "launched_at": None,
        "isbn13": None,
        "editor_id": None,
    }


def _altered(row: Row) -> Row:
    return {**row, "count": str(row["count"]), "pages": 0 if row["pages"] is None else row["pages"]}


STEPS = (
    Step(
        "add a field of every type, remove a text and a float",
        STEP_1,
        _added,
        then={"editor_id": 2, "isbn13": "978-0441013593"},
    ),
    Step("shorten, convert, require, unrequire, unique and index", STEP_2, _altered),
    Step(
        "a ref changes target, another becomes optional; remove the rest",
        STEP_3,
        _without(*[f.split(":")[0] for f in STEP_2 if f.startswith("old_")]),
    ),
    Step(
        "remove a ref, a unique and a bool field; drop a unique and an index",
        STEP_4,
        _without("editor_id", "isbn13", "hardcover"),
    ),
)
FIRST_ROWS: list[Row] = [
    {
        "title": "Dune",
        "count": 5,
        "pages": None,
        "price": Decimal("9.99"),
        "isbn": "0441013597",
        "homepage": "https://dune.example.com",
        "contact": "frank@example.com",
        "old_text": "long text",
        "old_float": 1.5,
        "old_date": "1965-08-01",
        "old_uuid": uuid.UUID(int=7).hex,
        "old_json": {"a": [1, 2]},
        "old_bool": True,
        "old_time": "2020-01-02T03:04:05",
        "old_enum": "yy",
        "old_email": "x@example.com",
        "old_url": "https://example.com/x",
        "author_id": 1,
    },
    {
        "title": "Emma",
        "count": -12,
        "pages": 474,
        "price": Decimal("0"),
        "isbn": "9780141439587",
        "homepage": None,
        "contact": None,
        "old_text": None,
        "old_float": -0.25,
        "old_date": "1815-12-23",
        "old_uuid": None,
        "old_json": None,
        "old_bool": False,
        "old_time": "1999-12-31T23:59:59",
        "old_enum": "x",
        "old_email": None,
        "old_url": None,
        "author_id": 2,
    },
]


def _book(fields: tuple[str, ...]) -> Resource:
    parsed = [parse_field(text) for text in fields]
    return make_resource(
        "book", [with_default(f, "https://example.com") if f.name == "site" else f for f in parsed]
    )


def _resources(fields: tuple[str, ...], *, editor: bool = True) -> tuple[Resource, ...]:
    """The project: `book` with `fields`, the two tables it references, one that references it."""
    people = [parse_field("name:str")]
    return (
        make_resource("author", people),
        *([make_resource("editor", people)] if editor else []),
        _book(fields),
        make_resource("review", [parse_field("book:ref"), parse_field("stars:int")]),
    )


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """A project of each field list, the last without `editor` (dropped at the end): the first is
    the one migrated, the others lend it their code."""
    root = tmp_path_factory.mktemp("field-migrations")
    specs = [_resources(fields) for fields in (START, *(step.fields for step in STEPS))]
    specs.append(_resources(STEPS[-1].fields, editor=False))
    projects = []
    for number, resources in enumerate(specs):
        target = root / f"shelf{number}"
        create_project(ProjectSpec("shelf", resources=resources), directory=target)
        projects.append(target)
    return projects


def _sync_url(url: str) -> str:
    return url.replace("+aiosqlite", "").replace("+asyncpg", "+psycopg")


def _canonical(value: object) -> object:
    """Values as both databases read them back through reflection, compared alike."""
    if isinstance(value, Decimal):
        return value.normalize() if value else Decimal(0)
    if isinstance(value, dt.datetime):
        value = value.astimezone(dt.UTC).replace(tzinfo=None) if value.tzinfo else value
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return value.hex
    return value


def _read(engine: sa.Engine, table: str = "book") -> list[Row]:
    with engine.connect() as connection:
        reflected = sa.Table(table, sa.MetaData(), autoload_with=connection)
        rows = connection.execute(sa.select(reflected).order_by(reflected.c.id)).mappings()
        return [
            {k: _canonical(v) for k, v in row.items() if k not in ("id", "created_at", "updated_at")}
            for row in rows
        ]


def _insert(engine: sa.Engine) -> None:
    now = dt.datetime.now(dt.UTC)
    stamps = {"created_at": now, "updated_at": now}
    with engine.begin() as connection:
        metadata = sa.MetaData()
        for name in ("author", "editor"):
            table = sa.Table(name, metadata, autoload_with=connection)
            connection.execute(table.insert(), [{"name": f"{name} {n}", **stamps} for n in (1, 2)])
        book = sa.Table("book", metadata, autoload_with=connection)
        rows = []
        for row in FIRST_ROWS:
            values = {
                **row,
                **stamps,
                "old_date": dt.date.fromisoformat(row["old_date"]),
                "old_time": dt.datetime.fromisoformat(row["old_time"]).replace(tzinfo=dt.UTC),
            }
            if row["old_uuid"] is not None and engine.dialect.name == "postgresql":
                values["old_uuid"] = uuid.UUID(row["old_uuid"])  # SQLite's column holds its hex
            rows.append(values)
        connection.execute(book.insert(), rows)
        review = sa.Table("review", metadata, autoload_with=connection)
        connection.execute(review.insert(), [{"book_id": 1, "stars": 4, **stamps}])


def _python_files(root: Path, versions: str) -> dict[str, Path]:
    return {
        str(path.relative_to(root)): path
        for path in root.rglob("*.py")
        if not str(path.relative_to(root)).startswith(versions) and "__pycache__" not in path.parts
    }


def _use_code(project: Path, source: Path, versions: str = VERSIONS) -> None:
    """`source`'s code in `project` (its models, and the modules importing them), whose own
    migrations stay."""
    mine, theirs = _python_files(project, versions), _python_files(source, versions)
    for name in mine.keys() - theirs.keys():
        mine[name].unlink()
    for name, path in theirs.items():
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        (project / name).write_text(path.read_text())


def _alembic(project: Path, url: str, *args: str) -> str:
    return run([tool("alembic"), *args], cwd=project, DATABASE_URL=url)


def _write(project: Path, slug: str, render: Callable[[NextMigration], str], layout: Layout = LAYOUT) -> Path:
    versions = f"{layout.migrations_dir}/versions"
    migration = next_migration(Workspace(project), versions, scheme=layout.migrations.revision)
    path = project / layout.migration_path(migration.revision, slug)
    path.write_text(render(migration))
    return path


def _round_trip(
    project: Path,
    url: str,
    path: Path,
    before: Path,
    after: Path,
    *,
    down: Callable[[], None] = lambda: None,
    versions: str = VERSIONS,
) -> None:
    """Up (the models of `after` and the database agree), down (those of `before` and the
    database agree; `down` checks the rows there), up again."""
    _use_code(project, after, versions)
    _alembic(project, url, "upgrade", "head")
    _alembic(project, url, "check")  # the models and the migrated database agree
    _alembic(project, url, "downgrade", "-1")
    down()
    _use_code(project, before, versions)
    aside = path.rename(project / path.name)  # the old head again, for `alembic check`
    _alembic(project, url, "check")  # the downgrade restored the old schema exactly
    aside.rename(path)
    _use_code(project, after, versions)
    _alembic(project, url, "upgrade", "head")


def migrate_through_every_step(project: Path, generated: list[Path], url: str) -> list[Path]:
    """The whole sequence on the database of `url`; the migrations written, in order."""
    engine = sa.create_engine(_sync_url(url))
    written = []
    try:
        _alembic(project, url, "upgrade", "head")
        _insert(engine)
        expected = [{k: _canonical(v) for k, v in row.items()} for row in FIRST_ROWS]
        assert _read(engine) == expected
        old = _book(START)
        for number, step in enumerate(STEPS, start=1):
            new = _book(step.fields)
            render = partial(render_field_migration, PRESET, old, new, KNOWN)
            path = _write(project, field_migration_slug(old, new), render)
            written.append(path)
            unchanged = [c for c in expected[0] if _unchanged(old, new, c)]

            def kept(columns: list[str] = unchanged, rows: list[Row] = expected) -> None:
                """The downgrade leaves the values of the fields the step does not change."""
                back = [{c: row[c] for c in columns} for row in _read(engine)]
                assert back == [{c: row[c] for c in columns} for row in rows]

            _round_trip(project, url, path, generated[number - 1], generated[number], down=kept)
            expected = [{k: _canonical(v) for k, v in step.rows(row).items()} for row in expected]
            assert _read(engine) == expected, step.what
            if step.then:  # values for the next steps to carry over
                with engine.begin() as connection:
                    book = sa.Table("book", sa.MetaData(), autoload_with=connection)
                    connection.execute(book.update().where(book.c.id == 1).values(step.then))
                expected[0].update(step.then)
            old = new

        # A change the rows cannot take stops before anything changed: 'first' in every row.
        refused = _book(tuple(f.replace("edition:str", "edition:str:unique") for f in STEPS[-1].fields))
        render = partial(render_field_migration, PRESET, old, refused, KNOWN)
        path = _write(project, "refused", render)
        result = subprocess.run(
            [tool("alembic"), "upgrade", "head"],
            cwd=project,
            env=project_env(DATABASE_URL=url),
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode != 0
        assert (
            "RuntimeError: book.edition becomes unique, but 1 value(s) appear in more than one row:"
            " make them unique, then migrate again"
        ) in result.stderr, result.stderr
        path.unlink()
        assert _read(engine) == expected
        _alembic(project, url, "check")

        # Dropping a table: its downgrade creates it again as its own migration did.
        editor = make_resource("editor", [parse_field("name:str")])
        path = _write(project, "drop_editor", partial(render_drop_migration, PRESET, editor, KNOWN))
        written.append(path)
        _round_trip(project, url, path, generated[-2], generated[-1])
        assert not sa.inspect(engine).has_table("editor")
        assert _read(engine) == expected
        assert _read(engine, "review") == [{"book_id": 1, "stars": 4}]
    finally:
        engine.dispose()
    return written


def _unchanged(old: Resource, new: Resource, column: str) -> bool:
    """The column is the same field in both lists."""
    before = {f.column: f for f in old.fields}
    after = {f.column: f for f in new.fields}
    return column in before and before.get(column) == after.get(column)


def test_field_changes_migrate_rows_on_sqlite(generated: list[Path], tmp_path: Path) -> None:
    project = shutil.copytree(generated[0], tmp_path / "shelf")
    written = migrate_through_every_step(project, generated, f"sqlite+aiosqlite:///{tmp_path / 'app.db'}")

    # The revisions pass the project's own lint (as `make lint` runs it) and its migration test:
    # the whole chain on an empty database, up, compared with the models, and down to nothing.
    versions = str(project / VERSIONS)
    run([tool("ruff"), "check", versions], cwd=project)
    run([tool("ruff"), "format", "--check", versions], cwd=project)
    run([tool("mypy"), "--strict", *map(str, written)], cwd=project)
    test = [tool("python"), "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_migrations.py"]
    assert "1 passed" in run(test, cwd=project)


def test_field_changes_migrate_rows_on_postgres(
    generated: list[Path], tmp_path: Path, make_database: Callable[[], str]
) -> None:
    project = shutil.copytree(generated[0], tmp_path / "shelf")
    migrate_through_every_step(project, generated, make_database())


def test_a_flask_project_migrates_alike(tmp_path: Path) -> None:
    """The Flask family runs its migrations on its sync drivers, with the same models."""
    preset = get_preset("flask-subapps")
    old = make_resource("book", [parse_field(t) for t in ("title:str", "count:int", "pages:int?")])
    new = make_resource(
        "book", [parse_field(t) for t in ("title:str:max=10:unique", "count:str", "stock:int", "pages:int")]
    )
    for resource, folder in ((old, "before"), (new, "after")):
        spec = ProjectSpec("shelf", preset=preset.name, resources=(resource,))
        create_project(spec, directory=tmp_path / folder)
    project = shutil.copytree(tmp_path / "before", tmp_path / "shelf")
    url = f"sqlite:///{tmp_path / 'app.db'}"
    _alembic(project, url, "upgrade", "head")
    engine = sa.create_engine(url)
    try:
        with engine.begin() as connection:
            book = sa.Table("book", sa.MetaData(), autoload_with=connection)
            now = dt.datetime.now(dt.UTC)
            connection.execute(book.insert().values(title="Dune", count=5, created_at=now, updated_at=now))
        render = partial(render_field_migration, preset, old, new, {"book": resource_names("book")})
        path = _write(project, "change_book_fields", render, preset.layout)
        versions = f"{preset.layout.migrations_dir}/versions"
        _round_trip(project, url, path, tmp_path / "before", tmp_path / "after", versions=versions)
        assert _read(engine) == [{"title": "Dune", "count": "5", "pages": 0, "stock": 0}]
    finally:
        engine.dispose()
