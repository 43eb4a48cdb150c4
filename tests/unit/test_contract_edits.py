"""The import-linter contracts in pyproject.toml: layerkit's are rewritten, the team's are kept."""

from __future__ import annotations

import tomllib
from typing import Any

import pytest

from layerkit.edit.contracts import update_contracts
from layerkit.errors import EditError
from layerkit.layouts.fastapi import FASTAPI
from layerkit.spec.names import resource_names, singularize

PYPROJECT = """\
[project]
name = "shop"  # the distribution name
version = "0.1.0"

[tool.ruff]
line-length = 100

[tool.importlinter]
root_package = "app"
include_external_packages = false

[[tool.importlinter.contracts]]
id = "layerkit-foundation"
name = "an outdated layerkit contract"
type = "forbidden"
source_modules = ["app.core"]
forbidden_modules = ["app.gone"]

[[tool.importlinter.contracts]]
id = "layerkit-resource-interfaces"
name = "a stale independence contract"
type = "independence"
modules = ["app.gone", "app.old"]

[[tool.importlinter.contracts]]
name = "team: services never call HTTP clients"
type = "forbidden"
source_modules = ["app.books.service", "app.authors.service", "app.loans.service"]
forbidden_modules = ["requests"]

[[tool.importlinter.contracts]]
id = "team-no-httpx"
name = "team: no httpx in books"
type = "forbidden"
source_modules = ["app.books"]
forbidden_modules = ["httpx"]
"""


def update(source: str, plurals: list[str]) -> str:
    resources = [resource_names(singularize(plural)) for plural in plurals]
    return update_contracts(source, path="pyproject.toml", layout=FASTAPI, resources=resources)


def linter(source: str) -> dict[str, Any]:
    table = tomllib.loads(source)["tool"]["importlinter"]
    assert isinstance(table, dict)
    return table


def contracts_by_name(source: str) -> dict[str, dict[str, Any]]:
    return {c["name"]: c for c in linter(source)["contracts"]}


def ids(source: str) -> list[str | None]:
    return [c.get("id") for c in linter(source)["contracts"]]


def test_output_parses_with_tomllib() -> None:
    tomllib.loads(update(PYPROJECT, ["books", "authors"]))


def test_user_contracts_without_a_layerkit_id_are_kept_unchanged() -> None:
    before = contracts_by_name(PYPROJECT)

    after = contracts_by_name(update(PYPROJECT, ["books"]))

    for name in ("team: services never call HTTP clients", "team: no httpx in books"):
        assert after[name] == before[name]


def test_layerkit_contracts_are_replaced_not_duplicated() -> None:
    after = update(PYPROJECT, ["books"])

    assert ids(after) == [
        "layerkit-foundation",
        "layerkit-layers",
        "layerkit-no-http-below-router",
        None,
        "team-no-httpx",
    ]
    names = contracts_by_name(after)
    assert "an outdated layerkit contract" not in names
    assert "a stale independence contract" not in names


def test_foundation_contract_forbids_every_resource() -> None:
    foundation = contracts_by_name(update(PYPROJECT, ["books", "authors"]))[
        "core and db are the foundation: they import no feature"
    ]

    assert foundation["source_modules"] == ["app.core", "app.db"]
    assert foundation["forbidden_modules"] == [
        "app.api",
        "app.main",
        "app.models",
        "app.authors",
        "app.books",
    ]


def test_user_keys_and_other_tables_are_kept() -> None:
    after = update(PYPROJECT, ["books"])
    data = tomllib.loads(after)

    assert data["project"] == {"name": "shop", "version": "0.1.0"}
    assert data["tool"]["ruff"] == {"line-length": 100}
    assert linter(after)["root_package"] == "app"
    assert linter(after)["include_external_packages"] is False  # the user's choice wins
    assert 'name = "shop"  # the distribution name' in after


def test_missing_linter_settings_are_added() -> None:
    after = update('[project]\nname = "shop"\n', ["books"])

    settings = linter(after)
    assert settings["root_package"] == "app"
    assert settings["include_external_packages"] is True
    assert settings["exclude_type_checking_imports"] is True
    assert ids(after) == ["layerkit-foundation", "layerkit-layers", "layerkit-no-http-below-router"]


def test_no_resources_has_only_the_foundation_contract() -> None:
    assert ids(update('[project]\nname = "shop"\n', [])) == ["layerkit-foundation"]


def test_a_single_resource_has_no_independence_contract() -> None:
    types = [c["type"] for c in linter(update(PYPROJECT, ["books"]))["contracts"] if c.get("id")]

    assert "independence" not in types


def test_two_resources_have_one_independence_contract_over_both() -> None:
    after = update(PYPROJECT, ["books", "authors"])

    independence = [c for c in linter(after)["contracts"] if c["type"] == "independence"]
    assert len(independence) == 1
    assert independence[0]["id"] == "layerkit-resource-interfaces"
    assert independence[0]["modules"] == ["app.authors", "app.books"]


def test_layers_contract_covers_each_resource_package() -> None:
    layers = contracts_by_name(update(PYPROJECT, ["books", "authors"]))[
        "inside a resource: router -> service -> repository -> models/schemas"
    ]

    assert layers["containers"] == ["app.authors", "app.books"]
    assert layers["layers"] == ["router", "service", "repository", "models | schemas"]


def test_update_is_idempotent() -> None:
    once = update(PYPROJECT, ["books", "authors"])

    assert update(once, ["books", "authors"]) == once


def test_adding_a_resource_later_equals_adding_both_at_once() -> None:
    assert update(update(PYPROJECT, ["books"]), ["books", "authors"]) == update(
        PYPROJECT, ["books", "authors"]
    )


@pytest.mark.parametrize("source", ["[tool\nname = 1\n", "[project]\nname = \n"])
def test_invalid_toml_raises_edit_error_naming_the_file(source: str) -> None:
    with pytest.raises(EditError) as caught:
        update(source, ["books"])

    assert caught.value.message.startswith("pyproject.toml is not valid TOML")


def test_forks_get_contracts_of_their_own_once_there_is_one() -> None:
    books, authors = resource_names("book"), resource_names("author")
    before = contracts_by_name(update(PYPROJECT, ["books", "authors"]))
    assert not any("fork" in name for name in before)
    source = update_contracts(
        PYPROJECT,
        path="pyproject.toml",
        layout=FASTAPI,
        resources=[books, authors],
        forks=[(books, "v3"), (books, "v2")],
    )
    by_id = {c.get("id"): c for c in linter(source)["contracts"]}
    assert by_id["layerkit-fork-layers"]["containers"] == ["app.books.v2", "app.books.v3"]
    http = by_id["layerkit-no-http-below-router"]["source_modules"]
    assert "app.books.v2.service" in http and "app.books.v3.schemas" in http
    assert "app.authors.v2.service" not in http
    assert by_id["layerkit-layers"]["containers"] == ["app.authors", "app.books"]


def test_an_ignore_list_with_nothing_to_ignore_yet_is_dropped_not_the_contract() -> None:
    from layerkit.edit.contracts import contracts
    from layerkit.presets import get_preset

    layout = get_preset("flask-subapps").layout
    (foundation,) = [c for c in contracts(layout, []) if c["id"] == "layerkit-foundation"]
    assert "ignore_imports" not in foundation and foundation["source_modules"] == ["app.core"]
    (grown,) = [c for c in contracts(layout, [resource_names("book")]) if c["id"] == "layerkit-foundation"]
    assert grown["ignore_imports"] == ["app.core.database.models -> app.books"]


def test_roots_a_first_resource_brings_join_the_list_and_the_teams_stay() -> None:
    """Seed 001's top-level folders: services/, schemas/ and models/ hold a module only once a
    resource exists, and import-linter refuses a root package that is not there."""
    from layerkit.layouts.flask_layered import FLASK_LAYERED

    empty = update_contracts("", path="pyproject.toml", layout=FLASK_LAYERED, resources=[])
    roots = linter(empty)["root_packages"]
    assert roots == ["routes", "repositories", "helper", "startup", "apis"]
    assert "root_package" not in linter(empty)
    ours = empty.replace('"apis",\n]', '"apis",\n    "jobs",\n]')  # a folder the team added
    grown = update_contracts(
        ours, path="pyproject.toml", layout=FLASK_LAYERED, resources=[resource_names("book")]
    )
    assert linter(grown)["root_packages"] == [*roots, "jobs", "services", "schemas", "models"]
    again = update_contracts(
        grown, path="pyproject.toml", layout=FLASK_LAYERED, resources=[resource_names("book")]
    )
    assert again == grown
    (foundation,) = [c for c in linter(grown)["contracts"] if c["id"] == "layerkit-foundation"]
    assert foundation["ignore_imports"] == ["startup.Alchemy -> models.Books_model"]
    assert "models.Books_model" in foundation["forbidden_modules"]
