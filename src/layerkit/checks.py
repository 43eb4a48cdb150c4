"""`layerkit check`: does the project still hold to what layerkit made? One report of checks.

- `contract`: the project's import-linter contract (its own `lint-imports`, its own config).
- `drift`: the tree against `.layerkit.toml`: recorded files that are missing, files edited
  since layerkit wrote them (information, not a failure), resources whose files are missing,
  and resources the manifest does not know (a model module where the layout keeps models).
- `migrations`: `alembic upgrade head` then `alembic check` on a throwaway SQLite database:
  the migrations build exactly the models.

Each check is ok, failed or skipped (its tools are not installed: with CI=true that fails too).
The project's tools run in io.project_tools; what their output means is decided here.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from layerkit.errors import EXIT_OK, EXIT_USER_ERROR, LayerkitError, NotAProjectError
from layerkit.io.manifest import MANIFEST, Manifest, content_hash, find_project_root, load_manifest
from layerkit.io.project_tools import ToolRun, beside, missing_module, project_python, python_path, run_tool
from layerkit.layouts import FIRST_VERSION, Layout
from layerkit.plan.merge import CONFLICT_START
from layerkit.presets import get_preset
from layerkit.spec.names import resource_names
from layerkit.spec.routes import route_names

CHECKS = ("contract", "drift", "migrations")
OK, FAILED, SKIPPED = "ok", "failed", "skipped"
TAIL = 20  # lines of a failing tool's output kept in a finding


@dataclass
class Finding:
    kind: str  # drift: missing | edited | extra; contract: broken; migrations: difference; any: error
    message: str
    path: str | None = None
    owner: str | None = None  # what the file belongs to: "resource 'book'", "route 'users'", ...
    details: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "message": self.message,
            "path": self.path,
            "owner": self.owner,
            "details": self.details,
        }


@dataclass
class CheckResult:
    name: str
    status: str  # ok | failed | skipped
    reason: str = ""  # one line: what was found, or why the check did not run
    findings: list[Finding] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        return {
            "name": self.name,
            "status": self.status,
            "reason": self.reason,
            "findings": [finding.to_json() for finding in self.findings],
        }


@dataclass
class CheckReport:
    """What `layerkit check` found: the `--json` document."""

    root: str
    checks: list[CheckResult] = field(default_factory=list)

    @property
    def status(self) -> str:
        return FAILED if any(check.status == FAILED for check in self.checks) else OK

    @property
    def exit_code(self) -> int:
        return EXIT_USER_ERROR if self.status == FAILED else EXIT_OK

    def to_json(self) -> dict[str, object]:
        return {"status": self.status, "root": self.root, "checks": [c.to_json() for c in self.checks]}


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("true", "1")


def check_project(
    directory: Path | None = None, *, only: Sequence[str] = (), ci: bool | None = None
) -> CheckReport:
    """Run the checks (`only` these, in CHECKS' order) on the project at or above `directory`;
    with `ci` (default: CI=true in the environment), a skipped check fails."""
    unknown = [name for name in only if name not in CHECKS]
    if unknown:
        raise LayerkitError(f"unknown check {unknown[0]!r}; use one of {', '.join(CHECKS)}")
    root = find_project_root(directory or Path.cwd())
    manifest = load_manifest(root)
    layout = get_preset(manifest.preset).layout
    python = project_python(root)
    runs: dict[str, Callable[[], CheckResult]] = {
        "contract": lambda: check_contract(root, layout, python),
        "drift": lambda: check_drift(root, manifest, layout),
        "migrations": lambda: check_migrations(root, manifest, layout, python),
    }
    report = CheckReport(root=str(root))
    ci = in_ci() if ci is None else ci
    for name in CHECKS:
        if only and name not in only:
            continue
        result = runs[name]()
        if result.status == SKIPPED and ci:
            result.status = FAILED
            result.reason += "; with CI=true a check that cannot run fails"
        report.checks.append(result)
    return report


# --- contract --------------------------------------------------------------------------------


def _needs_environment(name: str, root: Path, what: str) -> CheckResult:
    return CheckResult(
        name, SKIPPED, f"needs the project's environment: run `make install` in {root} ({what})"
    )


def check_contract(root: Path, layout: Layout, python: Path | None) -> CheckResult:
    """`lint-imports` of the project's environment, in its folder, its source root importable."""
    if python is None:
        return _needs_environment("contract", root, "no python on PATH")
    lint = beside(python, "lint-imports")
    if lint is None:
        return _needs_environment("contract", root, f"no lint-imports beside {python}")
    run = run_tool([lint, "--no-cache"], cwd=root, env={"PYTHONPATH": python_path(root, layout.source_root)})
    if run.timed_out:
        return CheckResult("contract", FAILED, "lint-imports did not finish", [_tool_error(run)])
    broken = broken_contracts(run.stdout)
    if broken:
        return CheckResult("contract", FAILED, f"{len(broken)} contract(s) broken", broken)
    if run.returncode != 0:
        return CheckResult(
            "contract", FAILED, f"lint-imports failed (exit {run.returncode})", [_tool_error(run)]
        )
    summary = re.search(r"^Contracts: (.*)\.$", run.stdout, flags=re.M)
    return CheckResult("contract", OK, f"contracts: {summary[1]}" if summary else "every contract kept")


_RULE = re.compile(r"^-{3,}$")


def broken_contracts(output: str) -> list[Finding]:
    """lint-imports' broken contracts, each with its report (the imports that break it)."""
    names = [line.removesuffix(" BROKEN") for line in output.splitlines() if line.endswith(" BROKEN")]
    if not names:
        return []
    _, _, section = output.partition("\nBroken contracts\n")
    lines = section.splitlines()
    # a contract's report starts with its name over a rule of dashes
    starts = [i for i in range(len(lines) - 1) if lines[i] in names and _RULE.match(lines[i + 1])]
    details: dict[str, list[str]] = {}
    for number, start in enumerate(starts):
        end = starts[number + 1] if number + 1 < len(starts) else len(lines)
        details[lines[start]] = [line for line in lines[start + 2 : end] if line.strip()]
    return [Finding("broken", name, details=details.get(name, [])) for name in names]


def _tool_error(run: ToolRun) -> Finding:
    command = " ".join(Path(run.command[0]).name if i == 0 else part for i, part in enumerate(run.command))
    what = "did not finish in time" if run.timed_out else f"exited with {run.returncode}"
    return Finding("error", f"`{command}` {what}", details=run.output.splitlines()[-TAIL:])


# --- drift -----------------------------------------------------------------------------------


def check_drift(root: Path, manifest: Manifest, layout: Layout) -> CheckResult:
    """The tree against the manifest (see the module's docstring)."""
    owners = file_owners(manifest, layout)
    findings: list[Finding] = []
    for path, recorded in sorted(manifest.files.items()):
        _inside(path)
        target = root / path
        owner = owners.get(path)
        if not target.is_file():
            findings.append(_missing(path, owner))
        else:
            text = target.read_text(encoding="utf-8", errors="replace")  # as plans read files
            if CONFLICT_START in text.splitlines():
                message = f"{path} holds conflict markers of a merge (`{CONFLICT_START}`): resolve them"
                findings.append(Finding("conflict", message, path, owner))
            elif content_hash(text) != recorded:
                message = f"{path}: edited by you" + (f" ({owner})" if owner else "")
                findings.append(Finding("edited", message, path, owner))
    # a resource's files layerkit has no record of (a manifest edited by hand) must exist too
    for path, owner in sorted(owners.items()):
        if owner.startswith("resource ") and path not in manifest.files and not (root / path).is_file():
            findings.append(_missing(path, owner))
    findings += extra_resources(root, manifest, layout, owners)
    problems = [f for f in findings if f.kind != "edited"]
    edited = len(findings) - len(problems)
    findings = [*problems, *(f for f in findings if f.kind == "edited")]  # what failed first
    note = f"; {edited} file(s) edited by you" if edited else ""
    if problems:
        missing_count = sum(f.kind == "missing" for f in problems)
        conflict_count = sum(f.kind == "conflict" for f in problems)
        extra_count = len(problems) - missing_count - conflict_count
        what = [f"{missing_count} file(s) missing"] if missing_count else []
        what += [f"{conflict_count} file(s) with conflict markers"] if conflict_count else []
        what += [f"{extra_count} resource(s) {MANIFEST} does not know"] if extra_count else []
        return CheckResult("drift", FAILED, ", ".join(what) + note, findings)
    return CheckResult("drift", OK, f"every file layerkit recorded is there{note}", findings)


def _missing(path: str, owner: str | None) -> Finding:
    return Finding("missing", f"{path} is missing" + (f" (a file of {owner})" if owner else ""), path, owner)


def _inside(path: str) -> None:
    parts = PurePosixPath(path).parts
    if not parts or PurePosixPath(path).is_absolute() or ".." in parts or "\\" in path:
        raise NotAProjectError(
            f"{MANIFEST} is damaged (its files table names {path!r}, outside the project);"
            " restore it from version control"
        )


def file_owners(manifest: Manifest, layout: Layout) -> dict[str, str]:
    """Every file the manifest's resources, routes and services have by the layout, and whose it
    is ("resource 'book'"); a resource's migration is found by its name among the recorded files."""
    features = frozenset(manifest.features)
    owners: dict[str, str] = {}
    try:
        for name in manifest.services:
            for path in layout.service_paths(name).values():
                owners[path] = f"service {name!r}"
        for name in manifest.routes:
            for version in manifest.versions or [FIRST_VERSION]:
                for path in layout.route_paths(route_names(name), version).values():
                    owners[path] = f"route {name!r}"
        roles = {artifact.role for artifact in layout.resource_artifacts(features)} - {"migration"}
        for name in manifest.resources:
            owner = f"resource {name!r}"
            names = resource_names(name)
            paths = layout.resource_paths(names, version=manifest.home(name))
            owners.update({paths[role]: owner for role in roles})
            for version in manifest.forks.get(name, []):
                owners.update(dict.fromkeys(layout.fork_paths(names, version).values(), owner))
            creates = _migration_of(layout, names.singular)
            owners.update({path: owner for path in manifest.files if creates.fullmatch(path)})
    except LayerkitError as error:  # a name no command would have written
        raise NotAProjectError(
            f"{MANIFEST} is damaged ({error.message}); restore it from version control"
        ) from None
    return owners


def _migration_of(layout: Layout, singular: str) -> re.Pattern[str]:
    """The recorded path of the migration that created `singular`'s table, any revision."""
    marker = "0REVISION0"
    path = re.escape(layout.migration_path(marker, f"create_{singular}"))
    return re.compile(path.replace(marker, r"[0-9A-Za-z]+"))


# Where the layout keeps a resource's model: its `models` module, else (fastapi-services, whose
# tables all live in db_sql/models.py) its `schemas` module, the resource's own models.py.
MODEL_ROLES = ("models", "schemas")
_NAME = {"singular": r"[a-z][a-z0-9_]*", "plural": r"[a-z][a-z0-9_]*", "Plural": "[A-Z][A-Za-z0-9]*"}


def model_pattern(layout: Layout) -> str:
    roles = {artifact.role: artifact.path for artifact in layout.resource}
    return next(roles[role] for role in MODEL_ROLES if role in roles)


def extra_resources(
    root: Path, manifest: Manifest, layout: Layout, owners: dict[str, str] | None = None
) -> list[Finding]:
    """Model modules at the layout's place for models whose resource the manifest lacks
    (`owners`: file_owners(), if the caller has them)."""
    pattern = model_pattern(layout).replace("{package}", layout.package)
    glob, regex = pattern, re.escape(pattern)
    for placeholder, spelling in _NAME.items():
        glob = glob.replace(f"{{{placeholder}}}", "*")
        # one name is reported (the first placeholder found); any other one only has to match
        group = f"(?P<name>{spelling})" if "(?P<name>" not in regex else f"(?:{spelling})"
        regex = regex.replace(re.escape(f"{{{placeholder}}}"), group, 1)
    matcher = re.compile(regex)
    owners = file_owners(manifest, layout) if owners is None else owners
    known = set(owners) | set(layout.project_paths(frozenset(manifest.features)).values())
    findings = []
    for found in sorted(root.glob(glob)):
        path = found.relative_to(root).as_posix()
        match = matcher.fullmatch(path)
        if match is None or path in known or not found.is_file():
            continue
        # a folder the name makes (app/<plural>/) that holds the project's own files (app/core/)
        # or a route's or service's is theirs, not a resource's
        folder = path[: match.end("name")] + "/"
        if any(other.startswith(folder) for other in known):
            continue
        findings.append(
            Finding(
                "extra",
                f"{path}: a model of {match['name']!r}, which {MANIFEST} does not list as a resource"
                " (remove the file, or restore the resource's entry in the manifest)",
                path,
            )
        )
    return findings


# --- migrations ------------------------------------------------------------------------------

# The throwaway database's URL, in the form the family's settings read from DATABASE_URL
# (render/*_context.py: async drivers for FastAPI, sync ones for Flask).
SQLITE_URLS = {"fastapi": "sqlite+aiosqlite:///{path}", "flask": "sqlite:///{path}"}
SQLITE_DRIVERS = {"fastapi": "aiosqlite", "flask": "sqlite3"}
# What Alembic's env.py imports: the models (and their registry), the settings and the engine.
ENV_ROLES = ("config", "engine", "db_base", "models_registry")


def check_migrations(root: Path, manifest: Manifest, layout: Layout, python: Path | None) -> CheckResult:
    """`alembic upgrade head`, then `alembic check`, on an empty SQLite database of its own."""
    if python is None:
        return _needs_environment("migrations", root, "no python on PATH")
    modules = layout.project_modules(frozenset(manifest.features))
    with tempfile.TemporaryDirectory(prefix="layerkit-check-") as folder:
        database = Path(folder) / "check.sqlite3"
        env = {
            "DATABASE_URL": SQLITE_URLS[layout.framework].format(path=database),
            "PYTHONPATH": python_path(root, layout.source_root),
        }
        probe = [
            "alembic",
            SQLITE_DRIVERS[layout.framework],
            *(modules[r] for r in ENV_ROLES if r in modules),
        ]
        first_party = sorted({*layout.first_party_packages(), *(m.split(".")[0] for m in modules.values())})
        missing = missing_module(python, probe, cwd=root, env=env, first_party=first_party)
        if missing is not None:
            return _needs_environment("migrations", root, f"{python} cannot import {missing}")
        upgrade = run_tool([python, "-m", "alembic", "upgrade", "head"], cwd=root, env=env)
        if upgrade.returncode != 0:
            return CheckResult("migrations", FAILED, "the migrations do not run", [_tool_error(upgrade)])
        check = run_tool([python, "-m", "alembic", "check"], cwd=root, env=env)
    if check.returncode == 0:
        return CheckResult("migrations", OK, "the migrations build exactly the models")
    differences = alembic_differences(check.output)
    if differences:
        return CheckResult(
            "migrations",
            FAILED,
            f"the models differ from the migrations in {len(differences)} way(s): run `make migration`",
            differences,
        )
    return CheckResult("migrations", FAILED, "alembic check failed", [_tool_error(check)])


_DETECTED = re.compile(r"New upgrade operations detected: (\[.*\])\s*$", flags=re.M | re.S)
_COLUMN_OP = re.compile(
    r"^\('(?P<op>\w+)', (?:None|'[^']*'), '(?P<table>[^']+)', (?:Column\()?'(?P<column>[^']+)'"
)
_TABLE_OP = re.compile(r"^\('(?P<op>\w+)', (?:Table|Index|UniqueConstraint)\('(?P<name>[^']+)'")


def alembic_differences(output: str) -> list[Finding]:
    """`alembic check`'s operations ("add_column: book.isbn"), one finding each."""
    found = _DETECTED.search(output)
    if found is None:
        return []
    findings = []
    for item in _top_level_items(found[1]):
        first = item.removeprefix("[")  # a column's modify_* operations come as a list of their own
        if column := _COLUMN_OP.match(first):
            message = f"{column['op']}: {column['table']}.{column['column']}"
        elif table := _TABLE_OP.match(first):
            message = f"{table['op']}: {table['name']}"
        else:
            message = item if len(item) <= 200 else item[:197] + "..."
        findings.append(Finding("difference", message, details=[item]))
    return findings


def _top_level_items(listing: str) -> list[str]:
    """The items of a Python list's repr, split at its top-level commas (quotes respected)."""
    items, depth, quote, start = [], 0, "", 1
    for index, char in enumerate(listing):
        if quote:
            if char == quote and listing[index - 1] != "\\":
                quote = ""
        elif char in "'\"":
            quote = char
        elif char in "([{<":
            depth += 1
        elif char in ")]}>":
            depth -= 1
            if depth == 0:
                items.append(listing[start:index].strip())
        elif char == "," and depth == 1:
            items.append(listing[start:index].strip())
            start = index + 1
    return [item for item in items if item]
