"""ref_raw, but every page also counts the matching rows, as the generated list does.

The yardsticks return a bare page; a generated list also returns `total`. Serving this next to
them shows what the exact total costs by itself (a count over the whole table per request), so
the generated app's list can be judged against the same work. Imports ../shared/perf/ref_raw.py
(on PYTHONPATH) and swaps only its page query for one with a scalar count subquery.
"""

from __future__ import annotations

from typing import Any

from ref_raw import COLS, DB, IS_PG, app  # type: ignore[import-not-found]  # ../shared/perf

__all__ = ["app"]

_PLACEHOLDERS = ("$1", "$2") if IS_PG else ("?", "?")
_PAGE = (
    f"SELECT {COLS}, (SELECT count(*) FROM item) FROM item ORDER BY id "
    f"LIMIT {_PLACEHOLDERS[0]} OFFSET {_PLACEHOLDERS[1]}"
)


async def _many_with_total(self: Any, limit: int, offset: int) -> Any:
    if IS_PG:
        return await self.pool.fetch(_PAGE, limit, offset)
    async with self.conn() as connection, connection.execute(_PAGE, (limit, offset)) as cursor:
        return await cursor.fetchall()


DB.many = _many_with_total  # on the class: ref_raw's module-level `db` uses it too
