"""Settings from the environment and `.env` (see `.env.example` for every option)."""

from functools import lru_cache
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    app_name: str = "bookshop"
    environment: Literal["development", "test", "production"] = "development"
    database_url: str = "sqlite:///./bookshop.db"
    # Connections per worker process: a fixed pool without temporary overflow connections (those
    # churn database sessions under load and make tail latency spike), one per worker thread.
    db_pool_size: int = Field(default=4, ge=1)
    # Seconds a request waits for a free connection; then it answers 503 with Retry-After.
    db_pool_timeout: float = Field(default=10.0, gt=0)
    # Seconds a statement may run (PostgreSQL) or wait for SQLite's write lock; then 503.
    db_command_timeout: float = Field(default=30.0, gt=0)
    # Idle connections are closed after this many seconds (PostgreSQL), so a firewall that
    # silently drops idle connections does not hand a dead one to a request.
    db_max_idle_time: float = Field(default=300.0, gt=0)
    db_echo: bool = False
    # Celery (app/core/celery.py): the broker that queues the services' tasks, and where their
    # results are kept (Redis databases of their own).
    celery_broker_url: str = "redis://127.0.0.1:6379/1"
    celery_result_backend: str = "redis://127.0.0.1:6379/2"
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    log_requests: bool = True


@lru_cache
def get_settings() -> Settings:
    return Settings()
