"""Settings from the environment and `.env` (see `.env.example` for every option)."""

from functools import lru_cache
from typing import Literal

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    app_name: str = "bookshop"
    environment: Literal["development", "test", "production"] = "development"
    database_url: str = "sqlite+aiosqlite:///./bookshop.db"
    # Connections per worker process: a fixed pool, without temporary overflow connections (those
    # churn database sessions under load and make tail latency spike). A few per CPU core of the
    # database is the sweet spot; more only queue inside the database (or, on SQLite, fight over
    # the GIL in worker threads).
    db_pool_size: int = Field(default=4, ge=1)
    db_pool_min_size: int = Field(default=1, ge=0)  # opened at start-up (PostgreSQL)
    # Seconds a request waits for a free connection; then it answers 503 with Retry-After.
    db_pool_timeout: float = Field(default=10.0, gt=0)
    # Seconds a statement may run (PostgreSQL) or wait for SQLite's write lock; then 503. Without
    # it a frozen network holds every request for the whole outage.
    db_command_timeout: float = Field(default=30.0, gt=0)
    # Idle connections are closed after this many seconds (PostgreSQL; 0: never), so a firewall
    # or NAT that silently drops idle connections does not hand a dead one to a request.
    db_max_idle_time: float = Field(default=300.0, ge=0)
    db_echo: bool = False
    redis_url: str = "redis://127.0.0.1:6379/0"
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    log_requests: bool = True

    @model_validator(mode="after")
    def _pool_sizes_agree(self) -> "Settings":
        if self.db_pool_min_size > self.db_pool_size:
            raise ValueError("DB_POOL_MIN_SIZE must not be larger than DB_POOL_SIZE")
        return self


@lru_cache
def get_settings() -> Settings:
    return Settings()
