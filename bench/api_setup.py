"""What the API benchmark serves: the yardsticks, a generated project, and seeded databases."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import asyncpg
from big_spec import write_spec
from measure import BenchError, clean_env, short
from sqlalchemy import Connection, MetaData, Table, insert, text
from sqlalchemy.ext.asyncio import create_async_engine

ROOT = Path(__file__).resolve().parent.parent
PERF_DIR = ROOT.parent / "shared" / "perf"
PERF_FILES = ("ref_raw.py", "ref_fastapi.py", "ref_flask.py", "seed.py", "wrk/by_id.lua")
BIN = Path(sys.executable).parent
LAYERKIT = BIN / "layerkit"
ALEMBIC = BIN / "alembic"
PROJECT_NAME = "benchapi"
ITEM_FIELDS = ("name:str:max=100", "price:decimal:min=0", "in_stock:bool:default=true")
BIG_RESOURCE_COUNT = 50
N_ITEMS = 10_000  # as many rows as seed.py gives the yardsticks
BASE_TS = datetime(2025, 1, 1, tzinfo=UTC)  # seed.py's first timestamp
COMMAND_TIMEOUT = 300.0
# A server DSN without a database name; the benchmark creates and drops databases of its own.
POSTGRES_SERVER = os.environ.get("BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432")
POSTGRES_TIMEOUT = 30.0


@dataclass(frozen=True)
class Databases:
    """One database engine: a database for the yardsticks and one per generated app (preset)."""

    label: str
    ref_url: str
    generated_urls: Mapping[str, str]  # preset -> its project's database


def find_perf_dir() -> Path:
    missing = [name for name in PERF_FILES if not (PERF_DIR / name).is_file()]
    if missing:
        raise BenchError(
            f"the yardstick apps are missing from {PERF_DIR} ({', '.join(missing)});"
            " they are expected at ../shared/perf relative to the repository root"
        )
    return PERF_DIR


def run_command(argv: Sequence[str | Path], cwd: Path, env: Mapping[str, str] | None = None) -> None:
    """Run a set-up command to completion; BenchError with its last lines if it fails."""
    words = [str(word) for word in argv]
    try:
        completed = subprocess.run(
            words,
            cwd=cwd,
            env={**clean_env(), **(env or {})},
            capture_output=True,
            text=True,
            timeout=COMMAND_TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired as error:
        raise BenchError(f"`{short(words)}` took over {COMMAND_TIMEOUT:.0f} s") from error
    if completed.returncode != 0:
        output = (completed.stderr.strip() or completed.stdout.strip()).splitlines()[-3:]
        raise BenchError(f"`{short(words)}` exited {completed.returncode}: {'; '.join(output)}")


def generate_project(parent: Path, preset: str) -> Path:
    """`layerkit new --preset P` plus one `item` resource: an app under test, at /api/v1/items."""
    project = parent / f"{PROJECT_NAME}-{preset}"
    options = ["--no-input", "--preset", preset, "--dir", str(project)]
    run_command([LAYERKIT, "new", PROJECT_NAME, *options], cwd=parent)
    run_command([LAYERKIT, "generate", "resource", "item", *ITEM_FIELDS], cwd=project)
    return project


def app_of(preset: str) -> str:
    """The preset's application, as its layout says ("app.main:app")."""
    from layerkit.presets import get_preset

    return get_preset(preset).layout.app_path


def generate_big_project(parent: Path) -> Path:
    """A project with bench/big_spec.py's resources, for the start-up time."""
    spec = write_spec(parent / "big.json", "bigshop", BIG_RESOURCE_COUNT)
    project = parent / "bigshop"
    run_command([LAYERKIT, "new", "--spec", spec, "--dir", project, "--no-input"], cwd=parent)
    return project


def sqlite_url(path: Path) -> str:
    return f"sqlite+aiosqlite:///{path.resolve()}"


def migrate(project: Path, url: str) -> None:
    run_command([ALEMBIC, "upgrade", "head"], cwd=project, env={"DATABASE_URL": url})


def seed_reference(perf_dir: Path, url: str) -> None:
    """The yardsticks' own schema and rows (seed.py recreates table `item`)."""
    run_command([sys.executable, "seed.py"], cwd=perf_dir, env={"DATABASE_URL": url})


def item_rows(count: int) -> list[dict[str, object]]:
    """seed.py's rows, plus the generated table's updated_at."""
    return [
        {
            "id": number,
            "name": f"item-{number:05d}",
            "price": Decimal(number % 1000) + Decimal("0.99"),
            "in_stock": number % 3 != 0,
            "created_at": BASE_TS + timedelta(seconds=number),
            "updated_at": BASE_TS + timedelta(seconds=number),
        }
        for number in range(1, count + 1)
    ]


def reflect_item(connection: Connection) -> Table:
    return Table("item", MetaData(), autoload_with=connection)


async def seed_generated(url: str) -> None:
    """Fill the migrated table `item` with the yardsticks' rows, through the column types the migration made."""
    engine = create_async_engine(url)
    try:
        async with engine.begin() as connection:
            table = await connection.run_sync(reflect_item)
            await connection.execute(insert(table), item_rows(N_ITEMS))
            if engine.dialect.name == "postgresql":
                # keep POST working after explicit ids, as seed.py does
                await connection.execute(
                    text("SELECT setval(pg_get_serial_sequence('item','id'), (SELECT max(id) FROM item))")
                )
                await connection.execute(text("ANALYZE item"))
        if engine.dialect.name == "sqlite":
            async with engine.connect() as connection:
                await connection.exec_driver_sql("PRAGMA journal_mode=WAL")  # persistent, as seed.py sets it
    finally:
        await engine.dispose()


async def trim_items(url: str) -> None:
    """Back to the seeded rows: POST runs add tens of thousands, and a list's total counts them all."""
    engine = create_async_engine(url, isolation_level="AUTOCOMMIT")  # VACUUM runs outside a transaction
    try:
        async with engine.connect() as connection:
            await connection.execute(text(f"DELETE FROM item WHERE id > {N_ITEMS}"))
            if engine.dialect.name == "postgresql":
                await connection.execute(text("VACUUM ANALYZE item"))  # so counts skip no dead rows
            else:
                # A generated app keeps SQLite in WAL mode: the POST run's and this DELETE's pages
                # sit in the WAL (readers under load starve its checkpoints), and a list that
                # counts the table reads through megabytes of it: half the req/s in the next round.
                # Every round starts from the same file (a no-op for the yardsticks' rollback journal).
                await connection.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
    finally:
        await engine.dispose()


def restore(url: str) -> None:
    asyncio.run(trim_items(url))


def prepare(databases: Databases, perf_dir: Path, projects: Mapping[str, Path]) -> None:
    seed_reference(perf_dir, databases.ref_url)
    for preset, project in projects.items():
        migrate(project, databases.generated_urls[preset])
        asyncio.run(seed_generated(databases.generated_urls[preset]))


@contextmanager
def sqlite_databases(directory: Path, presets: Sequence[str]) -> Iterator[Databases]:
    generated = {preset: sqlite_url(directory / f"generated-{preset}.db") for preset in presets}
    yield Databases("SQLite", sqlite_url(directory / "ref.db"), generated)


async def run_admin(statements: Sequence[str]) -> None:
    connection = await asyncpg.connect(f"{POSTGRES_SERVER}/postgres", timeout=POSTGRES_TIMEOUT)
    try:
        for statement in statements:
            await connection.execute(statement, timeout=POSTGRES_TIMEOUT)
    finally:
        await connection.close()


def admin(statements: Sequence[str]) -> None:
    try:
        asyncio.run(run_admin(statements))
    except (OSError, TimeoutError, asyncpg.PostgresError) as error:
        raise BenchError(f"PostgreSQL at {POSTGRES_SERVER}: {type(error).__name__}: {error}") from error


@contextmanager
def postgres_databases(presets: Sequence[str]) -> Iterator[Databases]:
    """Fresh databases named after this process; dropped on the way out, whatever happened."""
    generated = {preset: f"lk_bench_gen_{index}_{os.getpid()}" for index, preset in enumerate(presets)}
    names = (f"lk_bench_ref_{os.getpid()}", *generated.values())
    drops = [f"DROP DATABASE IF EXISTS {name} WITH (FORCE)" for name in names]
    server = POSTGRES_SERVER.replace("postgresql://", "postgresql+asyncpg://", 1)
    try:
        admin([*drops, *(f"CREATE DATABASE {name}" for name in names)])
        urls = {preset: f"{server}/{name}" for preset, name in generated.items()}
        yield Databases("PostgreSQL", f"{server}/{names[0]}", urls)
    finally:
        drop_quietly(drops)


def drop_quietly(drops: Sequence[str]) -> None:
    """Clean up without hiding the error that may be on its way out."""
    try:
        admin(drops)
    except BenchError as error:
        print(f"warning: could not drop the benchmark databases: {error}", file=sys.stderr)
