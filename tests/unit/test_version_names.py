"""API version names, their order, and which code of a resource each version serves."""

from __future__ import annotations

import pytest

from layerkit.errors import InvalidNameError
from layerkit.spec.versions import check_version, code_version, in_order


@pytest.mark.parametrize("name", ["v1", "v2", "v10", "v123"])
def test_a_version_is_v_and_a_number(name: str) -> None:
    assert check_version(name) == name


@pytest.mark.parametrize("name", ["", "v", "v0", "v02", "V2", "2", "version2", "v2.1", "v-1", " v2", "v2b"])
def test_anything_else_is_refused_naming_the_form(name: str) -> None:
    with pytest.raises(InvalidNameError, match=r"write it v<N>.*\(e\.g\. v2\)"):
        check_version(name)


def test_versions_are_ordered_by_number_without_repeats() -> None:
    assert in_order(["v10", "v2", "v1", "v2"]) == ["v1", "v2", "v10"]


def test_a_version_serves_the_newest_fork_at_or_before_it() -> None:
    forks = ["v2", "v4"]
    served = {v: code_version("v1", forks, v) for v in ("v1", "v2", "v3", "v4", "v5")}
    assert served == {"v1": "v1", "v2": "v2", "v3": "v2", "v4": "v4", "v5": "v4"}
    assert code_version("v3", [], "v7") == "v3"  # created for v3: its own code from there on
