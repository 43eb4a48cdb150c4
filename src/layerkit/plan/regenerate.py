"""Change what exists: render the project for its new manifest and merge every generated file
three ways with what is on disk. Fields, `destroy` and `update` are all this one step — the
manifest changes, the render follows, the user's edits are kept."""

from __future__ import annotations

from dataclasses import dataclass, field

from layerkit.edit.migrations import NextMigration
from layerkit.errors import ConflictError
from layerkit.io.base_store import BASE, base_document, load_base
from layerkit.io.manifest import MANIFEST, Manifest, content_hash
from layerkit.plan.builders import Build
from layerkit.plan.merge import merge_file
from layerkit.plan.replay import rendered, replay, replay_build
from layerkit.render.field_migration import (
    check_field_changes,
    field_migration_slug,
    render_drop_migration,
    render_field_migration,
    schema_changed,
)
from layerkit.spec.model import Resource
from layerkit.version import __version__


@dataclass
class Merge:
    conflicts: dict[str, str] = field(default_factory=dict)  # path -> why it could not be merged
    markers: list[str] = field(default_factory=list)  # conflicts written with conflict markers


def generated_before(
    build: Build, manifest: Manifest, theirs: dict[str, str], shared: set[str]
) -> dict[str, str]:
    """What layerkit generated for `manifest` (the project as it is): its record, or — for a
    project made before layerkit kept one — this layerkit's render, when it made the project.

    Otherwise what the recorded hashes prove: a file whose hash is that of the new render
    (`theirs`) was generated as it is rendered now; one whose content still has its hash is as
    layerkit wrote it — unless layerkit edits it in place (`shared`: a registration's file holds
    the user's lines too). Any other file has no known base: merging it is a conflict."""
    stored = load_base(build.workspace.root)
    if stored is not None:
        return stored[1]
    if manifest.version == __version__:
        return replay(build.workspace.root, manifest)
    known = {}
    for path, recorded in manifest.files.items():
        text = build.workspace.read_disk(path)
        if path in theirs and content_hash(theirs[path]) == recorded:
            known[path] = theirs[path]
        elif text is not None and content_hash(text) == recorded and path not in shared:
            known[path] = text
    return known


def merge_into(
    build: Build, base: dict[str, str], theirs: dict[str, str], *, force: bool = False, markers: bool = False
) -> Merge:
    """Merge `theirs` (the new render) into the workspace; `force` takes layerkit's version of
    every conflict. A file's recorded hash becomes its render's: one holding lines of the user's
    stays "edited by you", so that no later command overwrites it unasked."""
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
        if content is not None and path in theirs:
            build.manifest.files[path] = content_hash(theirs[path])
        if content == ours:
            continue
        if content is None:
            ws.delete(path)
            build.manifest.files.pop(path, None)
        else:
            ws.write(path, content)
    return result


def write_records(build: Build, theirs: dict[str, str]) -> None:
    """The manifest (with every new hash) and the base of the next merge."""
    for path in build.history:  # a new migration: history, not part of the render
        build.manifest.files[path] = content_hash(build.workspace.pending[path])
    build.workspace.write(MANIFEST, build.manifest.to_toml())
    build.workspace.write(BASE, base_document(__version__, theirs))


def regenerate(build: Build, before: Manifest, *, force: bool = False, markers: bool = False) -> Merge:
    """Render the project for `build.manifest` and merge it into the workspace (the project as
    it is, made for `before`, with whatever the command added to it already). Conflicts stop
    here — nothing is written — unless `markers` writes them or `force` takes layerkit's side."""
    theirs_build = replay_build(build.workspace.root, build.manifest)
    theirs = rendered(theirs_build)
    base = generated_before(build, before, theirs, theirs_build.edited)
    merge = merge_into(build, base, theirs, force=force, markers=markers)
    if merge.conflicts and not markers:
        listed = [f"{path} ({why})" for path, why in merge.conflicts.items()]
        raise ConflictError(
            f"{len(listed)} file(s) cannot be merged: {', '.join(merge.conflicts)}; nothing was"
            " written (merge them by hand and rerun; or --conflicts markers writes both versions with"
            " conflict markers; --force takes layerkit's version)",
            conflicts=listed,
        )
    write_records(build, theirs)
    return merge


def describe(old: Resource, new: Resource) -> str:
    """A change of fields in one line: +added, -removed, old -> new."""
    before = {f.name: f.to_text() for f in old.fields}
    after = {f.name: f.to_text() for f in new.fields}
    parts = [f"+{after[n]}" for n in after if n not in before]
    parts += [f"-{n}" for n in before if n not in after]
    parts += [f"{before[n]} -> {after[n]}" for n in after if n in before and before[n] != after[n]]
    return ", ".join(parts)


def merge_warnings(merge: Merge) -> list[str]:
    """What the report says about conflicts written with markers or kept as the user has them."""
    warnings = []
    if merge.markers:
        warnings.append(
            f"conflict markers written in {', '.join(merge.markers)}: resolve them (`<<<<<<<`), then"
            " run `layerkit check`"
        )
    kept = sorted(set(merge.conflicts) - set(merge.markers))
    if kept:
        warnings.append(f"kept as you have them (layerkit's change not applied): {', '.join(kept)}")
    return warnings


def change_fields(build: Build, old: Resource, new: Resource, *, filled: bool = False) -> str | None:
    """Record `new`'s fields for the resource and write the migration that changes its table
    (none when only what the schemas check changed: a default, a bound); returns its path.
    `filled`: the user vouches that every row has a value for a column made required."""
    check_field_changes(old, new, filled=filled)
    build.manifest.resources[new.name] = new.field_texts()
    if not schema_changed(old, new, build.known):
        return None
    migration = build.next_migration()
    text = render_field_migration(build.preset, old, new, build.known, migration, filled=filled)
    return _write_migration(build, migration, field_migration_slug(old, new), text)


def drop_table(build: Build, resource: Resource) -> str:
    """The migration that drops a destroyed resource's table; returns its path."""
    migration = build.next_migration()
    text = render_drop_migration(build.preset, resource, build.known, migration)
    return _write_migration(build, migration, f"drop_{resource.name}", text)


def _write_migration(build: Build, migration: NextMigration, slug: str, text: str) -> str:
    layout = build.layout
    path = layout.migration_path(migration.revision, slug)
    build.workspace.write(path, text)  # formatted by the renderer
    build.history.add(path)
    return path
