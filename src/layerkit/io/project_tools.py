"""Running a project's own tools (`lint-imports`, Alembic) with the project's interpreter.

`layerkit check` runs them here, in the project's folder, with its source root on PYTHONPATH;
what their output means is decided above (layerkit.checks).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

# Settings of the shell that must not reach the project's tools: `check` gives them its own
# (a throwaway database), and a stale PYTHONPATH would import another project's modules.
_DROPPED = ("DATABASE_URL", "TEST_DATABASE_URL", "PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP")
TIMEOUT = 600.0  # seconds a tool may run


@dataclass(frozen=True)
class ToolRun:
    command: list[str]
    returncode: int
    stdout: str
    stderr: str
    timed_out: bool = False

    @property
    def output(self) -> str:
        return f"{self.stdout}\n{self.stderr}".strip()


def project_python(root: Path) -> Path | None:
    """The interpreter that runs the project: its own .venv's, else `python` on PATH."""
    own = root / ".venv" / "bin" / "python"
    if own.is_file():
        return own
    found = shutil.which("python") or shutil.which("python3")
    if found is None:
        return None
    # The interpreter itself, where PATH has a launcher (pyenv's shims): its scripts sit beside it.
    run = run_tool([found, "-c", "import sys; print(sys.executable)"], cwd=root, timeout=60)
    executable = Path(run.stdout.strip()) if run.returncode == 0 else None
    return executable if executable is not None and executable.is_file() else Path(found)


def beside(python: Path, tool: str) -> Path | None:
    """A console script installed with `python` (its environment's bin/), if there is one.

    Not resolved: a virtual environment's python is a link to the system's, its scripts are not.
    """
    script = python.parent / tool
    return script if script.is_file() and os.access(script, os.X_OK) else None


def python_path(root: Path, source_root: str) -> str:
    """PYTHONPATH as the project's Makefile sets it: its root, and its source root if another."""
    return os.pathsep.join([str(root), *([str(root / source_root)] if source_root else [])])


def run_tool(
    command: list[str | Path], *, cwd: Path, env: dict[str, str] | None = None, timeout: float = TIMEOUT
) -> ToolRun:
    """Run one tool; its exit code and output, never an exception for a failing or slow tool."""
    args = [str(part) for part in command]
    environment = {key: value for key, value in os.environ.items() if key not in _DROPPED}
    environment.update(env or {})
    try:
        result = subprocess.run(
            args, cwd=cwd, env=environment, capture_output=True, text=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired as error:
        return ToolRun(args, -1, _text(error.stdout), _text(error.stderr), timed_out=True)
    except OSError as error:  # not executable, vanished
        return ToolRun(args, -1, "", str(error))
    return ToolRun(args, result.returncode, result.stdout, result.stderr)


def _text(data: str | bytes | None) -> str:
    if isinstance(data, bytes):
        return data.decode("utf-8", errors="replace")
    return data or ""


# Exit code of the probe below when a third-party module is missing (the environment's fault).
MISSING = 3
_PROBE = f"""
import importlib, sys
first_party = set(sys.argv[1].split(","))
for name in sys.argv[2:]:
    try:
        importlib.import_module(name)
    except ModuleNotFoundError as error:
        missing = (error.name or name).split(".")[0]
        if missing not in first_party:
            print(missing)
            sys.exit({MISSING})
    except BaseException:
        pass  # the project's own error: the tool that runs next names it
"""


def missing_module(
    python: Path, modules: list[str], *, cwd: Path, env: dict[str, str], first_party: list[str]
) -> str | None:
    """The third-party module `python` cannot import while importing `modules` (in order), or
    None: a module of the project's own that fails is no missing environment."""
    run = run_tool([python, "-c", _PROBE, ",".join(first_party), *modules], cwd=cwd, env=env, timeout=120)
    if run.returncode == MISSING:
        return run.stdout.strip() or "?"
    if run.returncode == -1 and not run.timed_out:  # the interpreter itself did not start
        return f"anything ({run.stderr})"
    return None
