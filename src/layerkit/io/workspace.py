"""A copy-on-write view of a project: plans are built here and touch nothing on disk."""

from __future__ import annotations

from pathlib import Path


class Workspace:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.pending: dict[str, str] = {}  # relative posix path -> new content
        self.deleted: set[str] = set()  # relative posix paths the plan removes

    def read(self, path: str) -> str | None:
        if path in self.pending:
            return self.pending[path]
        if path in self.deleted:
            return None
        return self.read_disk(path)

    def read_disk(self, path: str) -> str | None:
        target = self.root / path
        # Undecodable bytes become U+FFFD: such a file never matches a recorded hash (a conflict).
        return target.read_text(encoding="utf-8", errors="replace") if target.is_file() else None

    def exists(self, path: str) -> bool:
        """Whether `path` is a file or folder of the project (on disk or pending)."""
        prefix = path.rstrip("/") + "/"
        return (
            path in self.pending
            or any(p.startswith(prefix) for p in self.pending)
            or (self.root / path).exists()
        )

    def write(self, path: str, content: str) -> None:
        self.deleted.discard(path)
        self.pending[path] = content

    def delete(self, path: str) -> None:
        self.pending.pop(path, None)
        self.deleted.add(path)

    def list_dir(self, folder: str) -> list[str]:
        """File paths directly in `folder`, on disk or pending."""
        on_disk = self.root / folder
        names = (
            {f"{folder}/{p.name}" for p in on_disk.iterdir() if p.is_file()} if on_disk.is_dir() else set()
        )
        names |= {p for p in self.pending if p.rpartition("/")[0] == folder}
        return sorted(names - self.deleted)


class BlankWorkspace(Workspace):
    """A workspace over an empty folder: what layerkit would write for a manifest, from scratch,
    whatever the project on disk holds (the disk is never read)."""

    def read_disk(self, path: str) -> str | None:
        return None

    def exists(self, path: str) -> bool:
        prefix = path.rstrip("/") + "/"
        return path in self.pending or any(p.startswith(prefix) for p in self.pending)

    def list_dir(self, folder: str) -> list[str]:
        return sorted(p for p in self.pending if p.rpartition("/")[0] == folder)
