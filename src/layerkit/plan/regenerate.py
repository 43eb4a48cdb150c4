"""Change what exists: render the project for its new manifest and merge every generated file
three ways with what is on disk. Fields, `destroy` and `update` are all this one step — the
manifest changes, the render follows, the user's edits are kept."""

from __future__ import annotations

from dataclasses import dataclass, field

from layerkit.version import __version__
from layerkit.io.base_store import BASE, base_document, load_base
from layerkit.io.manifest import MANIFEST, Manifest, content_hash
from layerkit.plan.builders import Build
from layerkit.plan.merge import merge_file
from layerkit.plan.replay import replay


@dataclass
class Merge:
    conflicts: dict[str, str] = field(default_factory=dict)  # path -> why it could not be merged
    markers: list[str] = field(default_factory=list)  # conflicts written with conflict markers


def generated_before(build: Build, manifest: Manifest, shared: set[str]) -> dict[str, str]:
    """What layerkit generated for `manifest` (the project as it is): its record, or — for a
    project made before layerkit kept one — this layerkit's render, when it made the project;
    otherwise only the files the user has not touched since, unless layerkit edits them in place
    (`shared`: a registration's file also holds the user's lines, its hash proves nothing)."""
    stored = load_base(build.workspace.root)
    if stored is not None:
        return stored[1]
    if manifest.version == __version__:
        return replay(build.workspace.root, manifest)
    untouched = {}
    for path, recorded in manifest.files.items():
        text = build.workspace.read_disk(path)
        if text is not None and content_hash(text) == recorded and path not in shared:
            untouched[path] = text
    return untouched


def merge_into(
    build: Build, base: dict[str, str], theirs: dict[str, str], *, force: bool = False, markers: bool = False
) -> Merge:
    """Merge `theirs` (the new render) into the workspace; `force` takes layerkit's version of
    every conflict. Records the new hashes and the new base (`theirs`)."""
    ws, result = build.workspace, Merge()
    for path in sorted(set(base) | set(theirs)):
        ours = ws.read(path)
        outcome = merge_file(base.get(path), ours, theirs.get(path), markers=markers)
        content = outcome.content
        if outcome.conflict is not None:
            if force:
                content = theirs.get(path)
            else:
                result.conflicts[path] = outcome.conflict
                if markers and content != ours:
                    result.markers.append(path)
        if content == ours:
            continue
        if content is None:
            ws.delete(path)
            build.manifest.files.pop(path, None)
        else:
            ws.write(path, content)
            build.manifest.files[path] = content_hash(content)
    return result


def write_records(build: Build, theirs: dict[str, str]) -> None:
    """The manifest (with every new hash) and the base of the next merge."""
    for path in build.history:  # a new migration: history, not part of the render
        build.manifest.files[path] = content_hash(build.workspace.pending[path])
    build.workspace.write(MANIFEST, build.manifest.to_toml())
    build.workspace.write(BASE, base_document(__version__, theirs))
