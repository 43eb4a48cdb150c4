"""API versions: their names, their order, and which code of a resource each version serves."""

from __future__ import annotations

import re
from collections.abc import Iterable

from layerkit.errors import InvalidNameError

_VERSION = re.compile(r"^v([1-9][0-9]*)$")


def check_version(name: str) -> str:
    if not _VERSION.match(name):
        raise InvalidNameError(
            f"invalid version {name!r}: write it v<N>, N a whole number from 1 without leading zeros (e.g. v2)"
        )
    return name


def version_number(name: str) -> int:
    match = _VERSION.match(name)
    assert match is not None, "version names are checked on input"
    return int(match.group(1))


def in_order(versions: Iterable[str]) -> list[str]:
    """Oldest first, without repeats: v2 before v10."""
    return sorted(set(versions), key=version_number)


def code_version(home: str, forks: Iterable[str], version: str) -> str:
    """Whose code a version serves: the resource's newest fork at or before it, else its own
    (`home`: the version it was created in). So v3 goes on serving what v2 forked."""
    candidates = [v for v in (home, *forks) if version_number(v) <= version_number(version)]
    return max(candidates, key=version_number, default=home)
