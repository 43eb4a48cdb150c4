"""ref_flask, but every page also counts the matching rows, as a generated list does.

ref_flask returns a bare page; a generated Flask list also returns `total`. Serving this next to
it shows what the exact total costs by itself (a count over the whole table per request, heavy
on PostgreSQL), so a generated list can also be judged against the same work. Imports
../shared/perf/ref_flask.py (on PYTHONPATH) and swaps only its list view for one that counts.
"""

from __future__ import annotations

from flask import Response, abort, jsonify, request
from ref_flask import Item, SessionLocal, app  # type: ignore[import-not-found]  # ../shared/perf
from sqlalchemy import func, select

__all__ = ["app"]


def list_items_with_total() -> Response:
    try:
        limit = int(request.args.get("limit", 50))
        offset = int(request.args.get("offset", 0))
    except ValueError:
        abort(422)
    if not (1 <= limit <= 500 and offset >= 0):
        abort(422)
    with SessionLocal() as session:
        items = session.scalars(select(Item).order_by(Item.id).limit(limit).offset(offset)).all()
        total = session.scalar(select(func.count()).select_from(Item))
        return jsonify({"items": [item.to_dict() for item in items], "total": total})


app.view_functions["list_items"] = list_items_with_total
