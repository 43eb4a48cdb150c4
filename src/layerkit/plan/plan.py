"""A plan is every file change of one command; it can be reported, diffed and applied."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from layerkit.errors import ConflictError
from layerkit.io.manifest import content_hash
from layerkit.io.transaction import write_atomically
from layerkit.io.workspace import Workspace


@dataclass(frozen=True)
class FileChange:
    path: str
    content: str | None  # None: the file is deleted
    before: str | None  # what is on disk now (None: the file is new)

    @property
    def action(self) -> str:
        if self.content is None:
            return "unchanged" if self.before is None else "delete"
        if self.before is None:
            return "create"
        return "unchanged" if self.before == self.content else "modify"

    def diff(self) -> str:
        return "".join(
            difflib.unified_diff(
                (self.before or "").splitlines(keepends=True),
                (self.content or "").splitlines(keepends=True),
                fromfile="/dev/null" if self.before is None else f"a/{self.path}",
                tofile="/dev/null" if self.content is None else f"b/{self.path}",
            )
        )


@dataclass
class Plan:
    root: Path
    changes: list[FileChange]
    warnings: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    message: str = ""

    def paths(self, action: str) -> list[str]:
        return [c.path for c in self.changes if c.action == action]

    @property
    def has_changes(self) -> bool:
        return any(c.action != "unchanged" for c in self.changes)

    def check_conflicts(self) -> None:
        """Refuse a plan that would overwrite files the user changed (the real run and a dry run)."""
        if self.conflicts:
            raise ConflictError(
                f"{len(self.conflicts)} file(s) changed since layerkit wrote them would be"
                f" overwritten: {', '.join(self.conflicts)}; nothing was written"
                " (keep your edits, or pass --force to overwrite)",
                conflicts=self.conflicts,
            )

    def apply(self) -> None:
        self.check_conflicts()
        write_atomically(self.root, {c.path: c.content for c in self.changes if c.action != "unchanged"})


def build_plan(workspace: Workspace, *, owned: set[str], recorded: dict[str, str], force: bool) -> Plan:
    """Compare pending content with the disk.

    `owned` files are written whole by layerkit: one that exists with other content is a conflict
    unless its hash is the one layerkit recorded (the user has not touched it) or `force` is set.
    Other pending files are edits of shared files (registrations), made with the user's content.
    """
    changes, conflicts = [], []
    for path in sorted(workspace.deleted):
        changes.append(FileChange(path, None, workspace.read_disk(path)))
    for path in sorted(workspace.pending):
        change = FileChange(path, workspace.pending[path], workspace.read_disk(path))
        if (
            change.action == "modify"
            and path in owned
            and not force
            and recorded.get(path) != content_hash(change.before or "")
        ):
            conflicts.append(path)
        changes.append(change)
    changes.sort(key=lambda change: change.path)
    return Plan(root=workspace.root, changes=changes, conflicts=conflicts)
