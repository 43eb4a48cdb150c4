"""A copy-on-write view of a project: plans are built here and touch nothing on disk."""

from __future__ import annotations

from pathlib import Path


class Workspace:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.pending: dict[str, str] = {}  # relative posix path -> new content

    def read(self, path: str) -> str | None:
        if path in self.pending:
            return self.pending[path]
        return self.read_disk(path)

    def read_disk(self, path: str) -> str | None:
        target = self.root / path
        # Undecodable bytes become U+FFFD: such a file never matches a recorded hash (a conflict).
        return target.read_text(encoding="utf-8", errors="replace") if target.is_file() else None

    def write(self, path: str, content: str) -> None:
        self.pending[path] = content

    def list_dir(self, folder: str) -> list[str]:
        """File paths directly in `folder`, on disk or pending."""
        on_disk = self.root / folder
        names = (
            {f"{folder}/{p.name}" for p in on_disk.iterdir() if p.is_file()} if on_disk.is_dir() else set()
        )
        names |= {p for p in self.pending if p.rpartition("/")[0] == folder}
        return sorted(names)
