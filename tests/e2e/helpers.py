"""Running generated projects' own tools, servers and HTTP clients from the e2e tests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import httpx
import pytest

if TYPE_CHECKING:
    from layerkit.layouts import Layout

BIN = Path(sys.executable).parent
# Generated projects share this environment (it has their dependencies) and one mypy cache per
# pytest-xdist worker (two mypy runs writing one cache at once could spoil it).
MYPY_CACHE = Path(
    os.environ.get("LAYERKIT_E2E_MYPY_CACHE", "/tmp/layerkit-e2e-mypy-cache")
    + os.environ.get("PYTEST_XDIST_WORKER", "")
)


def project_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "TEST_DATABASE_URL")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    env["MYPY_CACHE_DIR"] = str(MYPY_CACHE)
    env.update(extra)
    return env


def run(command: list[str], *, cwd: Path, timeout: float = 900, **env: str) -> str:
    """Run a tool of the generated project; fail the test with its output if it fails."""
    result = subprocess.run(
        command, cwd=cwd, env=project_env(**env), capture_output=True, text=True, timeout=timeout, check=False
    )
    if result.returncode != 0:
        pytest.fail(
            f"{' '.join(command)} failed ({result.returncode}):\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}"
        )
    return result.stdout + result.stderr


def tool(name: str) -> str:
    return str(BIN / name)


def generate(spec: Path, target: Path, *, preset: str | None = None) -> Path:
    """`layerkit new --spec SPEC` (in `preset`, else the spec's own) into `target`."""
    chosen = ["--preset", preset] if preset else []
    command = [tool("layerkit"), "new", "--spec", str(spec), "--dir", str(target), "--no-input", *chosen]
    run(command, cwd=target.parent)
    return target


def layout_of(project: Path) -> Layout:
    """The layout of the project's preset, as its manifest names it."""
    import tomllib

    from layerkit.presets import get_preset

    manifest = tomllib.loads((project / ".layerkit.toml").read_text())
    return get_preset(manifest["layerkit"]["preset"]).layout


def app_of(project: Path) -> str:
    """The project's application ("app.main:app"), as its preset's layout says."""
    return layout_of(project).app_path


def fuzz_module(project: Path) -> str:
    """The project's `make fuzz` runner ("tests.fuzz"), as its preset's layout says."""
    return layout_of(project).project_modules()["fuzz"]


def python_path(project: Path) -> str:
    """The project's PYTHONPATH, as its Makefile sets it: its root, and the folder its modules are
    imported from where that is not the root (seed 001's api/)."""
    source_root = layout_of(project).source_root
    return os.pathsep.join([str(project), *([str(project / source_root)] if source_root else [])])


def static_checks(project: Path) -> None:
    run([tool("ruff"), "check", "."], cwd=project)
    run([tool("ruff"), "format", "--check", "."], cwd=project)
    run([tool("mypy")], cwd=project)
    run([tool("lint-imports")], cwd=project, PYTHONPATH=python_path(project))


def own_tests(project: Path, **env: str) -> str:
    return run([tool("python"), "-m", "pytest", "-q", "-p", "no:cacheprovider"], cwd=project, **env)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def server_command(project: Path, port: int) -> list[str]:
    """The production server of the project's framework: uvicorn (ASGI) or gunicorn (WSGI, with
    the project's own gunicorn.conf.py)."""
    if layout_of(project).framework == "flask":
        return [tool("gunicorn"), "--bind", f"127.0.0.1:{port}", "--workers", "1", app_of(project)]
    return [tool("uvicorn"), app_of(project), "--host", "127.0.0.1", "--port", str(port)]


@contextmanager
def serve(project: Path, database_url: str, **env: str) -> Iterator[httpx.Client]:
    """Migrate, start the app's server on a free port (`env`: more settings), yield a client."""
    run([tool("alembic"), "upgrade", "head"], cwd=project, DATABASE_URL=database_url)
    port = _free_port()
    server = subprocess.Popen(
        server_command(project, port),
        cwd=project,
        env=project_env(DATABASE_URL=database_url, LOG_REQUESTS="false", **env),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=10) as client:
            deadline = time.monotonic() + 30
            while True:
                try:
                    if client.get("/health").status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"the app did not start: {server.stderr.read() if server.stderr else ''}")
                time.sleep(0.1)
            yield client
    finally:
        server.terminate()
        server.wait(timeout=15)
