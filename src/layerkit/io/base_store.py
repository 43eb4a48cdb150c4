"""`.layerkit.base.json`: every file as layerkit itself generates it for the manifest, without the
user's edits — the common ancestor of a three-way merge when a later layerkit renders the
project differently (`layerkit update`). One JSON document: no tool of the project reads it,
and version control shows which generated files changed."""

from __future__ import annotations

import json
from pathlib import Path

from layerkit.errors import NotAProjectError

BASE = ".layerkit.base.json"


def base_document(version: str, files: dict[str, str]) -> str:
    document = {"layerkit_base": 1, "version": version, "files": dict(sorted(files.items()))}
    return json.dumps(document, indent=0, ensure_ascii=False) + "\n"


def load_base(root: Path) -> tuple[str, dict[str, str]] | None:
    """(the layerkit version that generated them, path -> content), or None for a project
    made before layerkit kept them."""
    path = root / BASE
    if not path.is_file():
        return None
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        files = document["files"]
        if not isinstance(files, dict) or not all(isinstance(v, str) for v in files.values()):
            raise TypeError("files is not a table of texts")
        return str(document["version"]), {str(k): v for k, v in files.items()}
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise NotAProjectError(
            f"{path} is damaged ({error}); restore it from version control (or delete it: then"
            " `layerkit update` treats every file you edited as a conflict)"
        ) from None
