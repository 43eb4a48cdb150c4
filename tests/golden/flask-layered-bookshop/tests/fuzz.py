"""`make fuzz`: schemathesis against this app, served for real on a fresh database.

Every request schemathesis can invent (examples, coverage, random and stateful sequences) must get
a documented status and a body that matches the schema: never a 500, and no traceback in the server
log. `make fuzz seconds=240`; DATABASE_URL picks the database (default: a throw-away SQLite file).
"""

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

CHECKS = (
    "not_a_server_error,status_code_conformance,content_type_conformance,"
    "response_schema_conformance,negative_data_rejection"
)
BIN = Path(sys.executable).parent


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_until_up(url: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and server.poll() is None:
        try:
            with urllib.request.urlopen(f"{url}/health", timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise SystemExit("fuzz: the app did not start")


def main(seconds: int) -> int:
    with tempfile.TemporaryDirectory() as scratch:
        default_url = f"sqlite:///{scratch}/fuzz.db"
        env = {**os.environ, "DATABASE_URL": os.environ.get("DATABASE_URL", default_url)}
        env["LOG_REQUESTS"] = "false"
        subprocess.run([BIN / "alembic", "upgrade", "head"], env=env, check=True)
        port = _free_port()
        log_path = Path(scratch) / "server.log"
        with log_path.open("wb") as log:
            server = subprocess.Popen(
                [BIN / "gunicorn", "--bind", f"127.0.0.1:{port}", "app:create_app()"],
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
            url = f"http://127.0.0.1:{port}"
            try:
                _wait_until_up(url, server)
                result = subprocess.run(
                    [
                        BIN / "schemathesis",
                        "run",
                        f"{url}/openapi.json",
                        f"--checks={CHECKS}",
                        "--phases=examples,coverage,fuzzing,stateful",
                        f"--max-time={seconds}",
                        # One worker: schemathesis builds code with `ast` in its worker threads,
                        # and CPython 3.11's ast shares a recursion counter between threads
                        # (gh-106905: "SystemError: AST constructor recursion depth mismatch").
                        "--workers=1",
                        "--suppress-health-check=all",
                    ],
                    env=env,
                    check=False,
                )
            finally:
                server.terminate()
                server.wait(timeout=15)
        server_log = log_path.read_text(errors="replace")
    if "Traceback" in server_log:
        print(server_log[-8000:], file=sys.stderr)
        print("fuzz: the server logged a traceback (above)", file=sys.stderr)
        return 1
    return result.returncode


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 60))
