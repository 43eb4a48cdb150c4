"""Find where a new migration goes in the chain of existing ones."""

from __future__ import annotations

import ast
import hashlib
from dataclasses import dataclass

from layerkit.errors import EditError
from layerkit.io.workspace import Workspace


@dataclass(frozen=True)
class NextMigration:
    revision: str
    down_revision: str | None


def _revision_ids(source: str) -> tuple[str | None, tuple[str, ...]]:
    """`revision` and the revisions it follows (several for a merge migration)."""
    values: dict[str, object] = {}
    for node in ast.parse(source).body:
        target: ast.expr
        if isinstance(node, ast.AnnAssign):
            target, value = node.target, node.value
        elif isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, value = node.targets[0], node.value
        else:
            continue
        if isinstance(target, ast.Name) and value is not None:
            try:
                values[target.id] = ast.literal_eval(value)
            except ValueError:
                continue
    revision, down = values.get("revision"), values.get("down_revision")
    if isinstance(down, str):
        downs: tuple[str, ...] = (down,)
    elif isinstance(down, tuple | list):
        downs = tuple(d for d in down if isinstance(d, str))
    else:
        downs = ()
    return (revision if isinstance(revision, str) else None), downs


def next_migration(workspace: Workspace, versions_dir: str, *, scheme: str = "counter") -> NextMigration:
    """The revision after the head; `scheme` "counter" numbers them (0001, ...), "hex12" gives
    Alembic-style 12 hex digits, derived from the chain so that a plan is reproducible."""
    chain: dict[str, tuple[str, ...]] = {}
    for path in workspace.list_dir(versions_dir):
        source = workspace.read(path)
        if not path.endswith(".py") or source is None:
            continue
        try:
            revision, down = _revision_ids(source)
        except SyntaxError:
            raise EditError(f"{path} is not valid Python; fix it, then run the command again") from None
        if revision:
            chain[revision] = down
    followed = {down for downs in chain.values() for down in downs}
    heads = sorted(set(chain) - followed)
    if len(heads) > 1:
        raise EditError(
            f"the migrations have {len(heads)} heads ({', '.join(heads)}): merge them with"
            " `alembic merge heads` first"
        )
    head = heads[0] if heads else None
    if scheme == "hex12":
        seed = f"{head}:{len(chain)}"
        revision = hashlib.sha256(seed.encode()).hexdigest()[:12]
        while revision in chain:
            seed += "+"
            revision = hashlib.sha256(seed.encode()).hexdigest()[:12]
        return NextMigration(revision=revision, down_revision=head)
    number = len(chain) + 1
    while f"{number:04d}" in chain:
        number += 1
    return NextMigration(revision=f"{number:04d}", down_revision=head)
