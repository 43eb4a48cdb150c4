"""The migrations build exactly the schema the models describe."""

from pathlib import Path

from alembic import command
from alembic.config import Config

PROJECT_ROOT = Path(__file__).resolve().parents[1]


def test_migrations_match_the_models(tmp_path: Path) -> None:
    config = Config(PROJECT_ROOT / "alembic.ini")
    config.set_main_option("sqlalchemy.url", f"sqlite:///{tmp_path / 'migrations.db'}")
    command.upgrade(config, "head")
    command.check(config)  # raises if autogenerate would find any difference
    command.downgrade(config, "base")
