"""The READMEs' examples follow the conventions tests/readme.py extracts them by, and say what the
code does (the e2e test tests/e2e/test_readme_commands.py runs them)."""

from __future__ import annotations

from pathlib import Path

from layerkit.cli.generate import FIELD_HELP
from layerkit.spec.fields import TYPE_ALIASES, parse_field
from tests.conftest import ROOT, Cli
from tests.readme import SKIPPED, apply_python, blocks, commands, section, skipped, split_imports

README = (ROOT / "README.md").read_text()


def test_the_using_it_section_has_commands_and_named_spec_files() -> None:
    found = blocks(section(README, "Using it"))
    bash = [command for block in found if block.lang == "bash" for command in commands(block)]
    assert len(bash) >= 8 and bash[0].startswith("layerkit new")
    assert [skipped(command) is not None for command in bash].count(True) == 1  # only `make run`
    specs = {block.header["path"] for block in found if block.lang in ("yaml", "json")}
    assert specs == {"library.yaml", "loans.yaml"}
    assert all(any(spec in command for command in bash) for spec in specs)  # each one is used


def test_continued_lines_are_one_command() -> None:
    (block,) = [b for b in blocks(section(README, "Using it")) if "genre:enum" in b.code]
    (book,) = [c for c in commands(block) if "genre:enum" in c]
    assert book.startswith("layerkit g resource book ") and book.endswith("author:ref")


def test_every_field_in_the_readme_commands_parses() -> None:
    fields = [
        word
        for block in blocks(README)
        if block.lang == "bash"
        for command in commands(block)
        if command.startswith(("layerkit generate resource", "layerkit g resource"))
        for word in command.split("#")[0].split()[4:]
        if ":" in word
    ]
    assert len(fields) >= 8
    for text in fields:
        parse_field(text)


def test_every_alias_is_documented_in_the_readme_and_the_cli_help() -> None:
    grammar = section(README, "Using it")
    for alias, kind in TYPE_ALIASES.items():
        assert f"`{alias}`" in grammar, alias
        assert f"{alias}={kind.value}" in FIELD_HELP, alias


def test_only_servers_are_skipped() -> None:
    assert set(SKIPPED) == {"make run"}


def test_the_generated_readme_code_blocks_name_existing_files(cli: Cli, tmp_path: Path) -> None:
    assert cli("new", "fresh", "--no-input", cwd=tmp_path)[0] == 0
    project = tmp_path / "fresh"
    readme = (project / "README.md").read_text()
    assert "/api/v1" in readme and "## Adding your own endpoint" in readme
    python = [block for block in blocks(readme) if block.lang == "python"]
    assert len(python) == 5
    # The example resources come first, from the README's own "Growing it" commands.
    (grow,) = blocks(section(readme, "Growing it"))
    for command in commands(grow):
        if command.startswith("layerkit"):
            assert cli(*command.split("#")[0].split()[1:], cwd=project)[0] == 0, command
    for block in python:
        path = apply_python(block, project)
        compile(path.read_text(), str(path), "exec")  # imports joined at the top, code appended
        imports, code = split_imports(block)
        assert block.header["new"] or path.read_text().rstrip().endswith(code.rstrip())
        assert imports in path.read_text() or block.header["new"]
