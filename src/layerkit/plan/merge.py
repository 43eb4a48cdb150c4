"""Three-way merges of generated files: base (what layerkit generated before), ours (the file on
disk, with the user's edits) and theirs (what layerkit generates now). A user line is never
dropped: what cannot be merged is a conflict, kept as the user has it unless asked otherwise."""

from __future__ import annotations

from dataclasses import dataclass

YOURS, LAYERKIT = "yours (on disk)", "layerkit"  # the two sides, as conflict markers name them
CONFLICT_START = f"<<<<<<< {YOURS}"  # the first line of a conflict written with markers


@dataclass(frozen=True)
class Outcome:
    content: str | None  # what the file becomes (None: it is deleted, or stays absent)
    conflict: str | None = None  # why it could not be merged (None: it merged)


def merge_file(base: str | None, ours: str | None, theirs: str | None, *, markers: bool = False) -> Outcome:
    """The file's new content; with `markers`, a conflict in both versions' lines is written
    with git's conflict markers (else the user's file stays as it is)."""
    if ours == theirs or base == theirs:  # nothing new from layerkit, or the same change
        return Outcome(ours)
    if base == ours:  # the user did not touch it: layerkit's new version (or its removal)
        return Outcome(theirs)
    if ours is None:
        return Outcome(None, "you deleted it (or moved it) and layerkit changes it")
    if theirs is None:
        return Outcome(ours, "you edited it and layerkit removes it")
    if base is None:
        conflict = "layerkit has no record of what it generated here before (no common base)"
        return Outcome(_two_way(ours, theirs) if markers else ours, conflict)
    merged, clean = _merge3(base, ours, theirs)
    if clean:
        return Outcome(merged)
    return Outcome(merged if markers else ours, "you and layerkit changed the same lines")


def _merge3(base: str, ours: str, theirs: str) -> tuple[str, bool]:
    import merge3  # lazily: only commands that merge need it

    merger = merge3.Merge3(
        base.splitlines(keepends=True), ours.splitlines(keepends=True), theirs.splitlines(keepends=True)
    )
    clean = not any(region[0] == "conflict" for region in merger.merge_regions())
    lines = merger.merge_lines(
        name_a=YOURS,
        name_b=LAYERKIT,
        start_marker="<<<<<<<",
        mid_marker="=======",
        end_marker=">>>>>>>",
    )
    return _terminated("".join(lines)), clean


def _two_way(ours: str, theirs: str) -> str:
    """The whole file as one conflict: there is no base to merge from."""
    return f"{CONFLICT_START}\n{_terminated(ours)}=======\n{_terminated(theirs)}>>>>>>> {LAYERKIT}\n"


def _terminated(text: str) -> str:
    return text if not text or text.endswith("\n") else text + "\n"
