"""Templates are found in the preset's folder first, then its framework family's, then common."""

from __future__ import annotations

from pathlib import Path

import pytest

from layerkit.layouts.fastapi import FASTAPI
from layerkit.presets import CATALOG, PRESET_NAMES, Preset, get_preset
from layerkit.render import engine


@pytest.fixture
def templates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for folder, name, text in [
        ("family", "shared.j2", "family {{ x }}"),
        ("family", "overridden.j2", "family version"),
        ("my-preset", "overridden.j2", "preset version"),
        ("common", "everywhere.j2", "common {{ x }}"),
        ("common", "shared.j2", "common version"),
    ]:
        (tmp_path / folder).mkdir(exist_ok=True)
        (tmp_path / folder / name).write_text(text)
    monkeypatch.setattr(engine, "TEMPLATE_ROOT", tmp_path)
    engine._environment.cache_clear()
    yield tmp_path
    engine._environment.cache_clear()


def preset(name: str) -> Preset:
    return Preset(name, "family", FASTAPI, "a test preset", "", frozenset())


def test_a_preset_overrides_only_what_it_spells_differently(templates: Path) -> None:
    mine = preset("my-preset")
    assert engine.render_template(mine, "overridden.j2", {}) == "preset version"
    assert engine.render_template(mine, "shared.j2", {"x": 1}) == "family 1"  # family before common
    assert engine.render_template(mine, "everywhere.j2", {"x": 2}) == "common 2"


def test_another_preset_of_the_family_gets_the_family_template(templates: Path) -> None:
    assert engine.render_template(preset("other"), "overridden.j2", {}) == "family version"


def test_raw_templates_are_found_the_same_way_and_not_rendered(templates: Path) -> None:
    (templates / "my-preset" / "raw.mako").write_text("${not_jinja} {{ kept }}")
    assert engine.render_template(preset("my-preset"), "raw.mako", {}, raw=True) == "${not_jinja} {{ kept }}"


def test_every_catalog_entry_loads_its_layout() -> None:
    assert tuple(CATALOG) == PRESET_NAMES
    for name in PRESET_NAMES:
        loaded = get_preset(name)
        assert loaded.name == name and loaded.framework == CATALOG[name].framework
        assert loaded.layout.framework == loaded.framework
        for artifacts in (loaded.layout.project, loaded.layout.resource):
            roles = [a.role for a in artifacts]
            assert len(roles) == len(set(roles)), f"{name}: a role is declared twice"


def test_an_artifact_joins_other_roles_templates_into_one_module(templates: Path) -> None:
    """Seed 001's startup/Alchemy.py: one file of several roles, merged as code; the layout maps
    those roles' modules to the file (relative to its source root)."""
    from dataclasses import replace

    from layerkit.layouts import Artifact

    (templates / "family" / "base.py.j2").write_text(
        '"""The database."""\n\n\ndef init_db() -> None:\n    pass\n'
    )
    (templates / "family" / "types.py.j2").write_text(
        '"""Column types."""\n\nfrom datetime import datetime\n\n\nclass UTCDateTime:\n    kind = datetime\n'
    )
    (templates / "family" / "declarative.py.j2").write_text(
        '"""The base."""\n\nfrom startup.Alchemy import UTCDateTime\n\n\nclass Base:\n    stamp = UTCDateTime\n'
    )
    joined = Artifact(
        "alchemy",
        "base.py.j2",
        "api/startup/Alchemy.py",
        joins=(("db_types", "types.py.j2"), ("db_base", "declarative.py.j2")),
    )
    layout = replace(FASTAPI, source_root="api", project=(joined,))
    mine = Preset("my-preset", "family", layout, "a test preset", "", frozenset())
    text = engine.render(mine, joined, {}, path="api/startup/Alchemy.py")
    assert text.startswith('"""The database."""\nfrom datetime import datetime\n')  # ruff formats it later
    assert "from startup.Alchemy" not in text and '"""Column types."""' not in text
    assert text.index("def init_db") < text.index("class UTCDateTime") < text.index("class Base")
    assert layout.project_modules() == {
        "alchemy": "startup.Alchemy",
        "db_types": "startup.Alchemy",
        "db_base": "startup.Alchemy",
    }
