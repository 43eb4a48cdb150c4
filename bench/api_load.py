"""Serve one app (uvicorn, or gunicorn for WSGI apps) and load it with wrk: one server at a time,
loopback only, bounded in time."""

from __future__ import annotations

import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from measure import BenchError, clean_env

HOST = "127.0.0.1"
UVICORN = Path(sys.executable).parent / "uvicorn"
GUNICORN = Path(sys.executable).parent / "gunicorn"
READY_TIMEOUT = 60.0  # seconds from launch to the first 200
STOP_TIMEOUT = 15.0  # seconds from SIGTERM to SIGKILL
WRK_THREADS = 2
WRK_CONNECTIONS = 32
WRK_GRACE = 60.0  # seconds wrk may run past its duration before it is killed
RESULT_LINE = re.compile(r"^RESULT (.+)$", re.MULTILINE)


@dataclass(frozen=True)
class ServerSpec:
    """How to serve one app: `uvicorn APP` (e.g. "ref_raw:app"), or `gunicorn APP` for a WSGI
    app (a gunicorn.conf.py in `cwd` applies, as in production), in `cwd` with extra environment."""

    app: str
    cwd: Path
    env: Mapping[str, str]
    workers: int = 2
    wsgi: bool = False


@dataclass(frozen=True)
class LoadResult:
    """One wrk run, read from its RESULT line."""

    rps: float
    p50_ms: float
    p99_ms: float
    error_kinds: tuple[tuple[str, int], ...] = ()  # the non-zero err_* fields, e.g. ("timeout", 2)

    @property
    def errors(self) -> int:
        return sum(count for _, count in self.error_kinds)

    def describe_errors(self) -> str:
        kinds = ", ".join(f"{kind} {count}" for kind, count in self.error_kinds)
        return f"{self.errors} errors" + (f" ({kinds})" if kinds else "")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        port: int = sock.getsockname()[1]
        return port


def server_command(spec: ServerSpec, port: int) -> list[str]:
    if spec.wsgi:
        return [
            str(GUNICORN),
            "-w",
            str(spec.workers),
            "-b",
            f"{HOST}:{port}",
            "--log-level",
            "warning",
            spec.app,
        ]
    return [
        str(UVICORN),
        spec.app,
        "--workers",
        str(spec.workers),
        "--host",
        HOST,
        "--port",
        str(port),
        "--log-level",
        "warning",
        "--no-access-log",
    ]


def launch(spec: ServerSpec, port: int, log: Path) -> subprocess.Popen[bytes]:
    """Start the server in a process group of its own, its output appended to `log`."""
    with log.open("ab") as output:
        return subprocess.Popen(
            server_command(spec, port),
            cwd=spec.cwd,
            env={**clean_env(), **spec.env},
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def http_status(port: int, path: str, timeout: float = 2.0) -> int | None:
    """The status of GET path, or None when the server does not answer."""
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        connection.request("GET", path)
        return connection.getresponse().status
    except (OSError, http.client.HTTPException):
        return None
    finally:
        connection.close()


def log_tail(log: Path, lines: int = 5) -> str:
    text = log.read_text(encoding="utf-8", errors="replace").strip() if log.exists() else ""
    return "; ".join(text.splitlines()[-lines:]) or "(no output)"


def wait_until_ok(process: subprocess.Popen[bytes], port: int, path: str, log: Path, poll: float) -> None:
    """Return once GET path answers 200; BenchError if the server exits first or takes too long."""
    deadline = time.monotonic() + READY_TIMEOUT
    while http_status(port, path) != 200:
        if process.poll() is not None:
            raise BenchError(
                f"server exited with {process.returncode} before {path} answered: {log_tail(log)}"
            )
        if time.monotonic() > deadline:
            raise BenchError(f"no 200 from {path} within {READY_TIMEOUT:.0f} s: {log_tail(log)}")
        time.sleep(poll)


def group_alive(group: int) -> bool:
    try:
        os.killpg(group, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def stop(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM the server's process group (supervisor and workers); SIGKILL what outlives the timeout."""
    group = process.pid  # start_new_session: the server leads its own group
    if group_alive(group):
        os.killpg(group, signal.SIGTERM)
    deadline = time.monotonic() + STOP_TIMEOUT
    while group_alive(group) and time.monotonic() < deadline:
        process.poll()  # reap the leader, so that a finished group stops answering
        time.sleep(0.05)
    if group_alive(group):
        os.killpg(group, signal.SIGKILL)
    try:
        process.wait(timeout=STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        process.kill()


@contextmanager
def serving(spec: ServerSpec, ready_path: str, log: Path) -> Iterator[int]:
    """Serve the app on a free loopback port until the block ends; yield the port."""
    port = free_port()
    process = launch(spec, port, log)
    try:
        wait_until_ok(process, port, ready_path, log, poll=0.05)
        yield port
    finally:
        stop(process)


def launch_to_ok(spec: ServerSpec, path: str, log: Path) -> float:
    """Seconds from launching the server to its first 200 on GET path; the server is stopped after."""
    port = free_port()
    started = time.perf_counter()
    process = launch(spec, port, log)
    try:
        wait_until_ok(process, port, path, log, poll=0.005)
        return time.perf_counter() - started
    finally:
        stop(process)


def wrk_command(url: str, script: Path, seconds: int) -> list[str]:
    return ["wrk", f"-t{WRK_THREADS}", f"-c{WRK_CONNECTIONS}", f"-d{seconds}s", "-s", str(script), url]


def run_wrk(url: str, script: Path, seconds: int, env: Mapping[str, str]) -> LoadResult:
    argv = wrk_command(url, script, seconds)
    try:
        completed = subprocess.run(
            argv,
            env={**clean_env(), **env},
            capture_output=True,
            text=True,
            timeout=seconds + WRK_GRACE,
            check=False,
        )
    except subprocess.TimeoutExpired as error:
        raise BenchError(f"wrk did not finish within {seconds + WRK_GRACE:.0f} s: {url}") from error
    if completed.returncode != 0:
        raise BenchError(f"wrk exited {completed.returncode} on {url}: {completed.stderr.strip()}")
    return parse_result(completed.stdout)


def parse_result(output: str) -> LoadResult:
    match = RESULT_LINE.search(output)
    if match is None:
        raise BenchError(f"wrk printed no RESULT line: {output.strip()[-300:]}")
    fields = dict(pair.split("=", 1) for pair in match.group(1).split())
    errors = tuple(
        (key.removeprefix("err_"), int(value))
        for key, value in fields.items()
        if key.startswith("err_") and int(value)
    )
    return LoadResult(float(fields["rps"]), float(fields["p50_ms"]), float(fields["p99_ms"]), errors)
