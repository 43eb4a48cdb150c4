"""gunicorn's settings (read from this file by default): `gunicorn app.app:app`.

Threaded workers keep client connections alive and overlap database waits; measured on the
generated API, they serve by-id reads at well over twice sync workers' rate.
"""

import os

workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))  # DB_POOL_SIZE: as many connections
keepalive = 5
accesslog = None  # the app logs each request itself (LOG_REQUESTS)
