"""gunicorn's settings (read from this file by default): `gunicorn app:create_app()`.

Threaded workers keep client connections alive (no new TCP connection per request) and let a
worker's other requests run while one waits for the database.
"""

import gc
import os

workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))  # DB_POOL_SIZE: as many connections
keepalive = 5
pythonpath = "api"  # the app imports its folders as top-level packages
accesslog = None  # the app logs each request itself (LOG_REQUESTS)
# No cap on the request line here: gunicorn's (4 KiB) answers a long query string with an HTML
# 414 that no client of this API expects; the app answers any URL itself (a JSON 422 for what it
# cannot parse). In production a reverse proxy in front sets the limit.
limit_request_line = 0


def post_worker_init(_worker: object) -> None:
    # Everything loaded so far lives as long as the worker: keep it out of the garbage
    # collector's full passes, which otherwise stall requests for milliseconds.
    gc.freeze()
