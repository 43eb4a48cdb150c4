"""Render templates with Jinja2, then let ruff sort imports and format the Python files."""

from __future__ import annotations

import os
import subprocess
import tempfile
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING

from layerkit.layouts import Artifact

if TYPE_CHECKING:
    import jinja2

    from layerkit.presets import Preset

TEMPLATE_ROOT = files("layerkit") / "templates"
LINE_LENGTH = 100


@cache
def _environment(folders: tuple[str, ...]) -> jinja2.Environment:
    import jinja2  # lazily: keeps `layerkit --help` fast

    # A preset overrides only the templates its seed spells differently.
    searched = [str(TEMPLATE_ROOT / folder) for folder in folders if (TEMPLATE_ROOT / folder).is_dir()]
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(searched),
        bytecode_cache=_bytecode_cache(),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,  # we generate code, not HTML
    )


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Compiled templates in the user's cache folder (keyed by template source), if writable."""
    import jinja2

    folder = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "layerkit" / "jinja"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return jinja2.FileSystemBytecodeCache(str(folder))


def render(preset: Preset, artifact: Artifact, context: dict[str, object], *, path: str = "") -> str:
    """The artifact's file; the definitions of the templates it joins are merged into it (libcst:
    their imports join the file's, imports of the file itself are dropped)."""
    text = render_template(preset, artifact.template, context, raw=artifact.raw)
    if artifact.joins:
        from layerkit.edit.registration import append_definitions

        module = preset.layout.module_of(path)
        for _, template in artifact.joins:
            fragment = render_template(preset, template, context)
            text = append_definitions(text, path=path, fragment=fragment, module_name=module)
    return text


def render_template(preset: Preset, template: str, context: dict[str, object], *, raw: bool = False) -> str:
    environment = _environment(preset.template_folders)
    if raw:  # copied as it is: found like any template, not rendered
        source, _, _ = environment.loader.get_source(environment, template)  # type: ignore[union-attr]
        return source
    return environment.get_template(template).render(context)


def format_python(
    sources: dict[str, str], *, first_party: list[str], remove_unused: bool = True
) -> dict[str, str]:
    """Sort imports (and drop unused ones in files we own) and format, in one ruff run."""
    if not sources:
        return {}
    from ruff.__main__ import find_ruff_bin  # type: ignore[import-untyped]  # ships the binary

    ruff = find_ruff_bin()
    settings = [
        "--isolated",
        "--no-cache",
        f"--line-length={LINE_LENGTH}",
        "--target-version=py311",
        "--config",
        f"lint.isort.known-first-party={first_party!r}",
    ]
    with tempfile.TemporaryDirectory(prefix="layerkit-format-") as tmp:
        root = Path(tmp)
        names = {path: f"f{i}.py" for i, path in enumerate(sources)}
        for path, name in names.items():
            (root / name).write_text(sources[path], encoding="utf-8")
        targets = [str(root / name) for name in names.values()]
        _run(
            [
                ruff,
                "check",
                "--fix",
                "--select=I,F401" if remove_unused else "--select=I",
                "--quiet",
                "--exit-zero",
                *settings,
                *targets,
            ],
            cwd=root,
        )
        _run([ruff, "format", "--quiet", *settings, *targets], cwd=root)
        return {path: (root / name).read_text(encoding="utf-8") for path, name in names.items()}


def rebound_name(source: str) -> tuple[str, str, str] | None:
    """The first top-level name a module both imports and defines, or imports twice, with what
    binds it each time (`from MODULE`, `class`): a resource's class that shadows a name its module
    needs (`class Database` beside the data layer's `Database`, `PageQuery` beside the shared one)."""
    import ast

    bound: dict[str, str] = {}
    for node in ast.parse(source).body:
        if isinstance(node, ast.ImportFrom):
            names = [(alias.asname or alias.name, f"from {node.module or '.'}") for alias in node.names]
        elif isinstance(node, ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            names = [(node.name, "its own definition")]
        else:
            continue
        for name, binding in names:
            if name in bound:
                return name, bound[name], binding
            bound[name] = binding
    return None


def _run(command: list[str], *, cwd: Path) -> None:
    # In the temporary folder: ruff counts the folders of its working directory as first-party
    # (a folder named `fastapi` where layerkit runs made `fastapi` a first-party import).
    result = subprocess.run(command, capture_output=True, text=True, check=False, cwd=cwd)
    if result.returncode != 0:
        raise RuntimeError(f"ruff failed on generated code: {result.stderr.strip()}")
