"""gunicorn's settings (read from this file by default): `gunicorn app.app:app`.

Sync workers, one request at a time each, behind the reverse proxy production puts in front (it
buffers slow clients and keeps their connections alive, as gunicorn's documentation advises for
sync workers). Measured on 2 cores against the gthread worker (one thread, keep-alive) this
replaced: by id 1.4x the req/s on SQLite, a PostgreSQL page of 50 2.3x, p99 about halved; its
poller and thread hand-off cost more per request than a new TCP connection does. Four threads per
process did worse still (they fought over the GIL). Scale with workers (WEB_CONCURRENCY).
"""

import gc
import os

workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "sync"
# A sync worker silent this long is restarted: well above DB_COMMAND_TIMEOUT (30 s), so that a
# slow statement ends in the app's JSON 503, not in a killed worker.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "120"))
accesslog = None  # the app logs each request itself (LOG_REQUESTS)
# No cap on the request line here: gunicorn's (4 KiB) answers a long query string with an HTML
# 414 that no client of this API expects; the app answers any URL itself (a JSON 422 for what it
# cannot parse). In production a reverse proxy in front sets the limit.
limit_request_line = 0


def post_worker_init(_worker: object) -> None:
    # Everything loaded so far lives as long as the worker: keep it out of the garbage
    # collector's full passes, which otherwise stall requests for milliseconds.
    gc.freeze()
