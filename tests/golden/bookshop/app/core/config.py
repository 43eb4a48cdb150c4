"""Settings from the environment and `.env` (see `.env.example` for every option)."""

from functools import lru_cache
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    app_name: str = "bookshop"
    environment: Literal["development", "test", "production"] = "development"
    database_url: str = "sqlite+aiosqlite:///./bookshop.db"
    # Connections per worker process: a fixed pool, without temporary overflow connections (those
    # churn database sessions under load and make tail latency spike). A few per CPU core of the
    # database is the sweet spot; more only queue inside the database (or, on SQLite, fight over
    # the GIL in aiosqlite's threads).
    db_pool_size: int = Field(default=4, ge=1)
    db_pool_timeout: float = Field(default=30.0, gt=0)
    db_echo: bool = False
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    log_requests: bool = True


@lru_cache
def get_settings() -> Settings:
    return Settings()
