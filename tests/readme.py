"""Examples taken out of README files, so the tests run what the READMEs say, not a copy of it.

Conventions the READMEs follow (and tests/test_readmes.py checks):
- ```bash blocks are commands, run in order; a block starts in the folder the README is about.
- ```yaml / ```json blocks start with `# FILE` (the spec file they are, e.g. `# library.yaml`).
- ```python blocks start with `# PATH` (append to that file; its leading imports join the file's
  imports) or `# PATH (new file)`.
"""

from __future__ import annotations

import ast
import re
import shlex
from dataclasses import dataclass
from pathlib import Path

# Commands that never finish on their own: skipped, each with the reason. Everything else runs.
SKIPPED = {"make run": "serves until stopped (the e2e tests serve the app with tests/e2e/helpers.serve)"}

_FENCE = re.compile(r"^```(?P<lang>\w+)\n(?P<code>.*?)^```$", re.DOTALL | re.MULTILINE)
_HEADER = re.compile(r"^# (?P<path>\S+)(?P<new> \(new file\))?$")


@dataclass(frozen=True)
class Block:
    lang: str
    code: str

    @property
    def header(self) -> re.Match[str]:
        first = self.code.splitlines()[0]
        match = _HEADER.match(first)
        assert match, f"a {self.lang} block must start with `# FILE`, not {first!r}"
        return match

    @property
    def body(self) -> str:
        return self.code.split("\n", 1)[1]


def section(markdown: str, heading: str) -> str:
    """The text of `## heading`, up to the next `## ` heading (its `###` subsections included)."""
    match = re.search(rf"^## {re.escape(heading)}\n(.*?)(?=^## |\Z)", markdown, re.DOTALL | re.MULTILINE)
    assert match, f"no '## {heading}' section"
    return match[1]


def blocks(markdown: str) -> list[Block]:
    return [Block(m["lang"], m["code"]) for m in _FENCE.finditer(markdown)]


def commands(block: Block) -> list[str]:
    """A bash block's commands: one per line, `\\`-continued lines joined."""
    logical = re.sub(r"\\\n\s*", " ", block.code)
    return [line for line in logical.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def skipped(command: str) -> str | None:
    return next((reason for prefix, reason in SKIPPED.items() if command.startswith(prefix)), None)


def script(block: Block) -> str:
    """The block as a bash script that stops at the first failing command (and shows each one)."""
    kept = [command for command in commands(block) if skipped(command) is None]
    return "set -euo pipefail -x\n" + "\n".join(kept) + "\n"


def split_imports(block: Block) -> tuple[str, str]:
    """A python block's leading imports, and the code after them."""
    lines = block.body.splitlines(keepends=True)
    split = next(
        i for i, line in enumerate(lines) if line.strip() and not line.startswith(("from ", "import "))
    )
    return "".join(lines[:split]).strip() + "\n", "".join(lines[split:])


def apply_python(block: Block, root: Path) -> Path:
    """Do what a python block says to its file: create it, or add its imports and append the rest."""
    header = block.header
    path = root / header["path"]
    if header["new"]:
        assert not path.exists(), f"{path} is said to be new but exists"
        path.write_text(block.body)
        return path
    imports, code = split_imports(block)
    source = path.read_text()
    tree = ast.parse(source)
    docstring = ast.get_docstring(tree, clean=False) is not None
    after = tree.body[0].end_lineno if docstring and tree.body[0].end_lineno else 0
    head, tail = source.splitlines(keepends=True)[:after], source.splitlines(keepends=True)[after:]
    path.write_text("".join(head) + "\n" + imports + "".join(tail).rstrip("\n") + "\n\n\n" + code)
    return path


def layerkit_commands(readme: str, heading: str) -> list[list[str]]:
    """The arguments of each `layerkit ...` command in a section's bash blocks, as the shell
    splits them (quotes, e.g. a JSON mock; comments cut)."""
    return [
        shlex.split(command, comments=True)[1:]
        for block in blocks(section(readme, heading))
        for command in commands(block)
        if command.startswith("layerkit")
    ]
