"""A project grows and shrinks, with rows in its tables, in every preset.

The bookshop is generated, migrated on a SQLite file and on a PostgreSQL database, and given rows
by SQL; a module of the book resource gets an edit by hand. Then `generate field` adds fields,
redefines one and removes another, makes an optional field required (refused without a default,
accepted with --filled once the rows are filled), a resource is added, referenced, unreferenced
and destroyed, and destroying a referenced one is refused. After every step both databases
migrate to head, keep their rows (and the values of a changed column), and `alembic check` finds
no difference between the models and the migrated schema; the hand edit is still there. At the
end the project passes its own bar: its lint (ruff, ruff format, mypy --strict, lint-imports),
its own tests on SQLite and PostgreSQL, and `layerkit check`.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import pytest
import sqlalchemy as sa

from layerkit.presets import get_preset
from layerkit.spec.names import resource_names
from tests.conftest import EXAMPLES, snapshot
from tests.e2e.helpers import generate, own_tests, project_env, run, static_checks, tool
from tests.test_change import as_made_by_an_older_layerkit

pytestmark = pytest.mark.e2e

PRESETS = ["fastapi", "fastapi-layered", "fastapi-services", "flask-subapps", "flask-layered"]
# The presets whose own tests also run midway, after the field steps.
MIDWAY_TESTS = {"fastapi", "flask-layered"}
# The book module that gets the hand edit: its service, or what holds its queries where the
# preset has no service module.
EDITED_ROLE = {"fastapi-services": "db", "flask-subapps": "utils"}
HAND_EDIT = (
    "\n\n# Our own helper, written by hand: every change of the project keeps it.\n"
    "def shelf_label(title: str) -> str:\n"
    "    return title.strip().upper()\n"
)
# The URL forms of each family's settings (DATABASE_URL) for SQLite and PostgreSQL drivers.
SQLITE_URL = {"fastapi": "sqlite+aiosqlite:///{path}", "flask": "sqlite:///{path}"}
PG_DRIVER = {"fastapi": "+asyncpg", "flask": "+psycopg"}
# `alembic upgrade head` then `alembic check`, in one process (half the start-up time of two).
UPGRADE_AND_CHECK = (
    "from alembic.config import main\nmain(argv=['upgrade', 'head'], prog='alembic')\n"
    "main(argv=['check'], prog='alembic')\n"
)

AUTHORS = [
    {"name": "Ursula", "born": dt.date(1929, 10, 21), "email": "ursula@example.com"},
    {"name": "Anonymous", "born": None, "email": None},
]
BOOKS = [
    {
        "title": "The Dispossessed",
        "isbn": "9780060512750",
        "price": Decimal("12.50"),
        "pages": 387,
        "published": True,
        "genre": "science",
        "author_id": 1,
    },
    {
        "title": "The Left Hand of Darkness",
        "isbn": "9780441478125",
        "price": Decimal("9.99"),
        "pages": None,
        "published": False,
        "genre": "fiction",
        "author_id": 1,
    },
    {
        "title": "Beowulf",
        "isbn": "9780393320978",
        "price": Decimal("0"),
        "pages": 213,
        "published": True,
        "genre": "history",
        "author_id": 2,
    },
]
REVIEWS = [
    {
        "book_id": 1,
        "rating": 5,
        "body": "A classic.",
        "reviewed_at": dt.datetime(2024, 5, 1, 8, tzinfo=dt.UTC),
    },
    {"book_id": 3, "rating": 3, "body": None, "reviewed_at": dt.datetime(2024, 6, 2, 9, tzinfo=dt.UTC)},
]
FILLED_BORN = dt.date(1000, 1, 1)  # what the anonymous author's NULL becomes before --filled


@dataclass
class Database:
    """One database the project is migrated on: its URL for the project's settings, and an
    engine of a sync driver for our SQL."""

    name: str
    url: str
    engine: sa.Engine


@dataclass
class Growth:
    project: Path
    databases: list[Database]
    edited: Path  # the module with the hand edit
    counts: dict[str, int]  # rows per table, as every step must leave them
    timings: list[tuple[str, float]] = field(default_factory=list)

    def layerkit(self, *args: str) -> str:
        return run([tool("layerkit"), *args], cwd=self.project)

    def refused(self, *args: str, message: str) -> None:
        """`layerkit ARGS` exits 1 with `message` and changes no file."""
        before = snapshot(self.project)
        result = subprocess.run(
            [tool("layerkit"), *args],
            cwd=self.project,
            env=project_env(),
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        output = f"layerkit {' '.join(args)}:\n{result.stdout}\n{result.stderr}"
        assert result.returncode == 1, output
        assert message in result.stderr, output
        assert "Traceback" not in result.stderr, output
        assert snapshot(self.project) == before, f"a refused command changed files: {output}"

    def migrate(self) -> None:
        """Both databases to head (at once), then `alembic check` on each."""
        command = [tool("python"), "-c", UPGRADE_AND_CHECK]
        running = [
            (
                database,
                subprocess.Popen(
                    command,
                    cwd=self.project,
                    env=project_env(DATABASE_URL=database.url),
                    stdout=subprocess.PIPE,
                    stderr=subprocess.STDOUT,
                    text=True,
                ),
            )
            for database in self.databases
        ]
        failures = []
        for database, process in running:
            output, _ = process.communicate(timeout=300)
            if process.returncode != 0:
                failures.append(
                    f"--- alembic upgrade head + check on {database.name} failed:\n{output[-6000:]}"
                )
        if failures:
            versions = sorted(p.name for p in self.project.rglob("versions/*.py"))
            pytest.fail("\n".join([*failures, f"migrations: {versions}"]))

    def execute(self, statement: str, **values: object) -> None:
        for database in self.databases:
            with database.engine.begin() as connection:
                connection.execute(sa.text(statement), values)

    def column(self, table: str, column: str) -> list[list[object]]:
        """The column's values by id, in each database."""
        values = []
        for database in self.databases:
            with database.engine.connect() as connection:
                rows = connection.execute(sa.text(f"SELECT {column} FROM {table} ORDER BY id"))
                values.append([_canonical(row[0]) for row in rows])
        return values

    def columns(self, table: str) -> list[set[str]]:
        return [{c["name"] for c in sa.inspect(d.engine).get_columns(table)} for d in self.databases]

    def tables(self) -> list[set[str]]:
        return [set(sa.inspect(d.engine).get_table_names()) - {"alembic_version"} for d in self.databases]

    @contextmanager
    def timed(self, what: str) -> Iterator[None]:
        start = time.monotonic()
        yield
        self.timings.append((what, time.monotonic() - start))

    def step(self, what: str, action: Callable[[], None]) -> None:
        """Run a step, then hold the project to what every step must leave."""
        with self.timed(what):
            self._step(what, action)

    def _step(self, what: str, action: Callable[[], None]) -> None:
        action()
        self.migrate()
        for database, tables in zip(self.databases, self.tables(), strict=True):
            assert tables == set(self.counts), f"{what}: the tables on {database.name}"
            with database.engine.connect() as connection:
                counts = {
                    t: connection.execute(sa.text(f"SELECT count(*) FROM {t}")).scalar() for t in tables
                }
            assert counts == self.counts, f"{what}: rows lost on {database.name}"
        assert HAND_EDIT in self.edited.read_text(), f"{what}: the hand edit of {self.edited} is gone"


def _canonical(value: object) -> object:
    """A value as both drivers read it back, compared alike (SQLite gives dates as text)."""
    if isinstance(value, float | Decimal):  # SQLite's NUMERIC column holds a REAL
        return Decimal(str(value)).normalize()
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _insert(database: Database) -> None:
    now = dt.datetime.now(dt.UTC)
    stamps = {"created_at": now, "updated_at": now}
    with database.engine.begin() as connection:
        metadata = sa.MetaData()
        for table, rows in (("author", AUTHORS), ("book", BOOKS), ("review", REVIEWS)):
            reflected = sa.Table(table, metadata, autoload_with=connection)
            connection.execute(reflected.insert(), [{**row, **stamps} for row in rows])


@pytest.fixture
def databases(preset: str, tmp_path: Path, make_database: Callable[[], str]) -> Iterator[list[Database]]:
    """A SQLite file and a fresh PostgreSQL database, in the URL forms of the preset's family."""
    framework = get_preset(preset).layout.framework
    sqlite = tmp_path / "app.db"
    pg = make_database()  # postgresql+asyncpg://...
    made = [
        Database(
            "SQLite", SQLITE_URL[framework].format(path=sqlite), sa.create_engine(f"sqlite:///{sqlite}")
        ),
        Database(
            "PostgreSQL",
            pg.replace("+asyncpg", PG_DRIVER[framework]),
            sa.create_engine(pg.replace("+asyncpg", "+psycopg")),
        ),
    ]
    yield made
    for database in made:
        database.engine.dispose()


@pytest.mark.parametrize("preset", PRESETS)
def test_a_project_grows_and_shrinks_with_rows_in_its_tables(
    preset: str, tmp_path: Path, databases: list[Database], make_database: Callable[[], str]
) -> None:
    started = time.monotonic()
    project = generate(EXAMPLES / "bookshop.yaml", tmp_path / "bookshop", preset=preset)
    layout = get_preset(preset).layout
    edited = project / layout.resource_paths(resource_names("book"))[EDITED_ROLE.get(preset, "service")]
    growth = Growth(project, databases, edited, counts={"author": 2, "book": 3, "review": 2})

    def start() -> None:
        growth.migrate()
        for database in databases:
            _insert(database)
        edited.write_text(edited.read_text() + HAND_EDIT)

    growth.step("new, rows and a hand edit", start)
    titles = [book["title"] for book in BOOKS]

    growth.step(
        "add subtitle and stock",
        lambda: growth.layerkit("generate", "field", "book", "subtitle:str?:max=80", "stock:int:default=0"),
    )
    assert growth.column("book", "stock") == [[0, 0, 0]] * 2
    assert growth.column("book", "subtitle") == [[None, None, None]] * 2

    growth.step(
        "redefine title, remove pages",
        lambda: growth.layerkit("generate", "field", "book", "title:str:max=300", "--remove", "pages"),
    )
    assert growth.column("book", "title") == [titles] * 2
    assert all("pages" not in columns for columns in growth.columns("book"))
    growth.execute("UPDATE book SET title = :title WHERE id = 2", title="T" * 300)  # the longer bound holds
    titles[1] = "T" * 300

    def require_born() -> None:
        # An optional field made required with no default: rows may be empty, so it is refused.
        growth.refused("generate", "field", "author", "born:date", message="--filled")
        growth.execute("UPDATE author SET born = :born WHERE born IS NULL", born=FILLED_BORN)
        growth.layerkit("generate", "field", "author", "born:date", "--filled")

    growth.step("make author.born required", require_born)
    assert growth.column("author", "born") == [["1929-10-21", FILLED_BORN.isoformat()]] * 2

    factory = (project / layout.resource_paths(resource_names("book"))["factory"]).read_text()
    assert "subtitle" in factory and "stock" in factory and "pages" not in factory, factory
    if preset in MIDWAY_TESTS:  # the generated tests follow the fields
        with growth.timed("midway: its own tests on SQLite"):
            _passes(own_tests(project))

    def add_shelf() -> None:
        growth.layerkit("generate", "resource", "shelf", "name:str")
        growth.counts["shelf"] = 0

    growth.step("generate resource shelf", add_shelf)
    growth.execute("INSERT INTO shelf (name, created_at, updated_at) VALUES ('top', :now, :now)", now=_now())
    growth.counts["shelf"] = 1

    growth.step("book references shelf", lambda: growth.layerkit("generate", "field", "book", "shelf:ref?"))
    assert growth.column("book", "shelf_id") == [[None, None, None]] * 2
    growth.execute("UPDATE book SET shelf_id = 1 WHERE id = 3")

    growth.step(
        "book drops its shelf", lambda: growth.layerkit("generate", "field", "book", "--remove", "shelf")
    )
    assert all("shelf_id" not in columns for columns in growth.columns("book"))

    def destroy_shelf() -> None:
        growth.layerkit("destroy", "resource", "shelf")
        del growth.counts["shelf"]

    growth.step("destroy resource shelf", destroy_shelf)

    def update_from_an_older_layerkit() -> None:
        # As if an older layerkit had worded the edited module's docstring otherwise: `update`
        # brings this one's words, in the same file as the hand edit (another hunk), both kept.
        path = str(edited.relative_to(project))
        first = edited.read_text().splitlines()[0]
        older = '"""Older words."""' if first.endswith('"""') and len(first) > 6 else '"""Older words.'
        as_made_by_an_older_layerkit(project, path, first, older)
        growth.layerkit("update")
        assert edited.read_text().splitlines()[0] == first

    growth.step("update from an older layerkit", update_from_an_older_layerkit)
    # book still references author: refused, no file changed
    growth.refused("destroy", "resource", "author", message="book.author")
    assert growth.column("book", "title") == [titles] * 2
    assert growth.column("book", "stock") == [[0, 0, 0]] * 2
    assert growth.column("review", "rating") == [[5, 3]] * 2
    for column in ("isbn", "price", "genre", "author_id"):  # through every table rebuild
        assert growth.column("book", column) == [[_canonical(book[column]) for book in BOOKS]] * 2, column

    with growth.timed("end: ruff, ruff format, mypy --strict, lint-imports"):
        static_checks(project)
    with growth.timed("end: its own tests on SQLite"):
        _passes(own_tests(project))
    with growth.timed("end: its own tests on PostgreSQL"):
        _passes(own_tests(project, TEST_DATABASE_URL=_pg_url(make_database(), preset)))
    with growth.timed("end: layerkit check"):
        report = json.loads(run([tool("layerkit"), "check", "--json"], cwd=project, CI="true"))
    assert report["status"] == "ok", json.dumps(report, indent=2)
    assert [(c["name"], c["status"]) for c in report["checks"]] == [
        ("contract", "ok"),
        ("drift", "ok"),
        ("migrations", "ok"),
    ], json.dumps(report, indent=2)
    drift = {(f["kind"], f["path"]) for f in report["checks"][1]["findings"]}
    assert ("edited", str(edited.relative_to(project))) in drift, drift  # information, not a failure
    assert HAND_EDIT in edited.read_text()

    lines = [f"  {seconds:5.1f}s  {what}" for what, seconds in growth.timings]
    print(f"\n{preset}: {time.monotonic() - started:.1f}s\n" + "\n".join(lines))


def _passes(output: str) -> None:
    """pytest's summary line: tests passed, none failed or errored."""
    summaries = [line for line in output.splitlines() if re.search(r"\d+ passed.* in [\d.]+s", line)]
    assert summaries and not re.search(r"failed|error", summaries[-1]), output[-4000:]


def _pg_url(url: str, preset: str) -> str:
    return url.replace("+asyncpg", PG_DRIVER[get_preset(preset).layout.framework])


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)
