"""The SQLAlchemy engine: for schema work only (Alembic migrations, creating test tables).

Requests never use it; they run on `app.db.database`'s driver pool.
"""

from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from sqlalchemy.pool import NullPool

from app.db.drivers import async_url


def build_engine(url: str) -> AsyncEngine:
    # Schema work is short and rare: no pool to keep connections open afterwards.
    return create_async_engine(async_url(url), poolclass=NullPool)
