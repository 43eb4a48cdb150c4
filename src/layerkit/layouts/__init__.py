"""Layouts: everything that differs between presets, as data.

A layout names every artifact by role with a path pattern, the edits a new resource makes to
shared files (registrations), the import contract in the layout's own folder names, the
migration scheme, the names it reserves and its first-party packages. Templates and code read
module paths from here, so nothing else assumes `app/`, `/api/v1` or one package per resource.

Path patterns may use {package}, {singular}, {plural}, {Plural}, {version}, {revision}, {slug};
a service's (`generate service NAME`) use {package} and {service}.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

from layerkit.spec.names import ResourceNames

FIRST_VERSION = "v1"
# The feature a project's first `generate service` turns on: its Celery app, settings and worker.
SERVICE_FEATURE = "celery"
# What that feature adds to a project's dependencies (pyproject.toml or requirements files);
# import-linter 2.5 brought the `protected` contract that keeps a service's modules private.
SERVICE_DEPENDENCIES = ("celery[redis]>=5.4",)
SERVICE_DEV_DEPENDENCIES = ("celery-types>=0.22", "import-linter>=2.5")


@dataclass(frozen=True)
class Artifact:
    role: str
    template: str  # looked up in the preset's folder, then the framework family's, then common
    path: str
    raw: bool = False  # copied as it is, not rendered (e.g. Alembic's own Mako template)
    feature: str | None = None  # written only when the project has this feature (e.g. "admin")
    # Other roles' templates whose definitions this file holds too, appended in order (libcst
    # merges their imports): where a seed keeps in one module what the family spreads over two
    # (seed 001's startup/Alchemy.py: the declarative base and the engine). Modules of those
    # roles are this file's.
    joins: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Registration:
    """One edit of a shared file when a resource is added: `strategy` names one libcst edit
    (edit/registration.py); `params` are patterns formatted with the resource's names and the
    resource's module paths (`{mod[router]}`)."""

    file: str
    strategy: str
    params: Mapping[str, str] = field(default_factory=dict)
    template: str | None = None  # a fragment rendered with the resource's context (append_definitions)
    # The resource role this shared file plays: e.g. "models" when every model is appended to
    # one module (seed 002's db_sql/models.py); templates then import `mod[role]` from it.
    role: str | None = None
    # Whether a route (`generate route`: no fields, no model) is registered here too: the
    # router/blueprint registrations are, a model's are not.
    route: bool = False


@dataclass(frozen=True)
class Contract:
    """One import-linter contract in the layout's own module names.

    In list values, `{package}` is the root package; an item naming a resource ({singular},
    {plural}, {Plural}, {mod[role]}) is repeated once per resource. `min_resources` holds the
    contract back until it has something to check."""

    id: str
    body: Mapping[str, object]
    min_resources: int = 0
    feature: str | None = None  # held only when the project has this feature (e.g. "admin")
    # An item naming {service} is repeated once per service; held back below this many services.
    min_services: int = 0


@dataclass(frozen=True)
class Migrations:
    folder: str  # pattern: the Alembic script folder; versions/ lies inside it
    file: str = "v_{revision}_{slug}.py"  # pattern of a revision's file name
    revision: str = "counter"  # "counter": 0001, 0002, ... | "hex12": Alembic's own 12 hex digits

    @property
    def alembic_file_template(self) -> str:
        """`file` in alembic.ini's spelling, so that `alembic revision` names files as we do."""
        return self.file.removesuffix(".py").format(revision="%%(rev)s", slug="%%(slug)s")


def _include_router() -> Mapping[str, str]:
    return MappingProxyType({"registry": "api_router", "origin": "{registry}", "alias": "{version}_router"})


@dataclass(frozen=True)
class Versions:
    """API versions: one registry module per version, each registered in the root registry."""

    registry: str  # pattern with {version}: the file that registers the version's resources
    root: str  # the file that registers every version's registry
    # What `generate version V --fork R` gives R in V: artifacts whose roles replace the
    # resource's own (e.g. "router", "service", "schemas"); paths use {version}.
    fork: tuple[Artifact, ...] = ()
    prefix: str = "/api/{version}"  # the URL prefix of a version's router
    # How `root` registers a version's registry: a strategy of edit/registration.py and its
    # params, patterns with {version} and {registry} (the registry's module).
    strategy: str = "include_router"
    params: Mapping[str, str] = field(default_factory=_include_router)
    # The versions a new project starts with (seed 000 starts with v1 and v2).
    initial: tuple[str, ...] = (FIRST_VERSION,)

    def root_params(self, registry: str, version: str) -> dict[str, str]:
        """`params` spelled out for `version`, whose registry is the module `registry`."""
        return {key: value.format(version=version, registry=registry) for key, value in self.params.items()}


@dataclass(frozen=True)
class Layout:
    framework: str
    package: str
    project: tuple[Artifact, ...]
    resource: tuple[Artifact, ...]
    migrations: Migrations
    registrations: tuple[Registration, ...]
    contracts: tuple[Contract, ...]
    first_party: tuple[str, ...] = ("{package}", "tests")
    app: str = "{package}.main:app"  # the ASGI/WSGI application, for servers and benchmarks
    contract_roots: tuple[str, ...] = ("{package}",)  # the packages import-linter analyses
    reserved: frozenset[str] = frozenset()  # names a resource's singular or plural may not take
    versions: Versions | None = None
    version_artifacts: tuple[Artifact, ...] = ()  # what `generate version` writes
    # What `generate service NAME` writes: a reusable package (its `init` artifact is the package's
    # __init__, its public interface) and its tests; paths use {package} and {service}.
    service: tuple[Artifact, ...] = ()
    # Project artifacts rendered again when the first service turns SERVICE_FEATURE on (their
    # templates add the feature's settings and `make worker`); roles the layout lacks are skipped.
    service_refresh: tuple[str, ...] = ("config", "env_example", "env_docker", "makefile", "compose")
    # The folder the first-party modules are imported from, on sys.path ("" = the project's
    # root): seed 001 has no package, its api/ holds top-level `routes`, `models`, ...
    source_root: str = ""
    # Contract roots that hold modules only once a resource exists (top-level folders with
    # nothing else in them): import-linter analyses them from the first resource on.
    resource_roots: tuple[str, ...] = ()
    # Contract roots that hold modules once a service exists (seed 001's services/, before any
    # resource): import-linter analyses them from the first service on.
    service_roots: tuple[str, ...] = ()
    # Switches for the framework family's templates (e.g. the blueprint's name pattern).
    options: Mapping[str, str] = field(default_factory=dict)
    # What `generate route` writes: a route's HTTP and service layers (no model, no migration),
    # at the paths a resource's have; roles as a resource's ("router", "service", "init", ...).
    route: tuple[Artifact, ...] = ()

    @property
    def app_path(self) -> str:
        return self.app.format(package=self.package)

    @property
    def migrations_dir(self) -> str:
        return self.migrations.folder.format(package=self.package)

    def first_party_packages(self) -> list[str]:
        return [name.format(package=self.package) for name in self.first_party]

    def project_artifacts(self, features: frozenset[str]) -> tuple[Artifact, ...]:
        return tuple(a for a in self.project if a.feature is None or a.feature in features)

    def resource_artifacts(self, features: frozenset[str]) -> tuple[Artifact, ...]:
        return tuple(a for a in self.resource if a.feature is None or a.feature in features)

    def project_paths(self, features: frozenset[str] = frozenset()) -> MappingProxyType[str, str]:
        artifacts = self.project_artifacts(features)
        return MappingProxyType({a.role: a.path.format(package=self.package) for a in artifacts})

    def project_modules(self, features: frozenset[str] = frozenset()) -> dict[str, str]:
        paths = self.project_paths(features)
        modules = {role: self.module_of(path) for role, path in paths.items() if path.endswith(".py")}
        for artifact in self.project_artifacts(features):
            for role, _ in artifact.joins:
                modules[role] = modules[artifact.role]
        return modules

    def module_of(self, path: str) -> str:
        """The import path of a file of the project (relative to the source root)."""
        root = f"{self.source_root}/" if self.source_root else ""
        return module_of(path.removeprefix(root))

    def contract_root_packages(
        self, resources: int = 0, routes: Sequence[ResourceNames] = (), services: int = 0
    ) -> list[str]:
        """The packages import-linter analyses: the resource roots once a resource exists, or
        those a route has modules in (seed 001's routes: services/, not models/ or schemas/),
        and the services' roots once a service exists."""
        roots = [name.format(package=self.package) for name in self.contract_roots]
        if resources:
            roots += self.resource_roots
        else:
            held = {module.split(".")[0] for names in routes for module in self.route_modules(names).values()}
            roots += [root for root in self.resource_roots if root in held]
        if services:
            roots += self.service_roots
        return list(dict.fromkeys(roots))

    def migration_path(self, revision: str, slug: str) -> str:
        return f"{self.migrations_dir}/versions/" + self.migrations.file.format(revision=revision, slug=slug)

    def resource_paths(
        self, names: ResourceNames, *, revision: str = "", slug: str = "", version: str = FIRST_VERSION
    ) -> dict[str, str]:
        values = self.pattern_values(names, version=version)
        values["migration"] = self.migration_path(revision, slug)
        return {a.role: a.path.format(**values) for a in self.resource}

    def resource_modules(self, names: ResourceNames, version: str = FIRST_VERSION) -> dict[str, str]:
        paths = self.resource_paths(names, version=version)
        modules = {role: self.module_of(path) for role, path in paths.items() if role != "migration"}
        for artifact in self.resource:
            for role, _ in artifact.joins:
                modules[role] = modules[artifact.role]
        values = self.pattern_values(names, version=version)
        for registration in self.registrations:
            if registration.role is not None:
                modules[registration.role] = self.module_of(registration.file.format(**values))
        return modules

    def service_paths(self, service: str) -> dict[str, str]:
        return {a.role: a.path.format(package=self.package, service=service) for a in self.service}

    def service_modules(self, service: str) -> dict[str, str]:
        paths = self.service_paths(service)
        return {role: self.module_of(path) for role, path in paths.items() if path.endswith(".py")}

    def route_paths(self, names: ResourceNames, version: str = FIRST_VERSION) -> dict[str, str]:
        values = self.pattern_values(names, version=version)
        return {a.role: a.path.format(**values) for a in self.route}

    def route_modules(self, names: ResourceNames, version: str = FIRST_VERSION) -> dict[str, str]:
        """A route's modules by role: its own and the registration files it is registered in."""
        paths = self.route_paths(names, version)
        modules = {role: self.module_of(path) for role, path in paths.items() if path.endswith(".py")}
        modules = {role: module for role, module in modules.items() if not role.startswith("test")}
        return modules

    def route_registrations(self) -> tuple[Registration, ...]:
        return tuple(r for r in self.registrations if r.route)

    def api_prefix(self, version: str = FIRST_VERSION) -> str:
        # A layout without versions serves its one API where version 1 would be.
        prefix = self.versions.prefix if self.versions else "/api/{version}"
        return prefix.format(version=version)

    def fork_paths(self, names: ResourceNames, version: str) -> dict[str, str]:
        """Where a resource's fork in `version` lives, by role."""
        values = self.pattern_values(names, version=version)
        return {a.role: a.path.format(**values) for a in (self.versions.fork if self.versions else ())}

    def code_modules(self, names: ResourceNames, *, home: str, code: str) -> dict[str, str]:
        """A resource's modules as `code` (a version) has them: its own code, created in `home`,
        with the roles its fork in `code` replaces (nothing when `code` is `home`)."""
        modules = self.resource_modules(names, home)
        if code != home:
            modules.update(
                {role: self.module_of(path) for role, path in self.fork_paths(names, code).items()}
            )
        return modules

    def pattern_values(self, names: ResourceNames, *, version: str = FIRST_VERSION) -> dict[str, str]:
        return {
            "package": self.package,
            "singular": names.singular,
            "plural": names.plural,
            "Plural": names.cls_plural,
            "Class": names.cls,
            "version": version,
        }


def project_tests(folder: str = "tests") -> tuple[Artifact, ...]:
    """The generated test suite's foundation, the same in every layout: fixtures, helpers, the
    CRUD contract every resource's tests run, app/database/statements/migration tests and `make fuzz`."""
    return tuple(
        Artifact(role, f"project/{template}", f"{folder}/{name}")
        for role, template, name in (
            ("tests", "empty.py.j2", "__init__.py"),
            ("conftest", "tests_conftest.py.j2", "conftest.py"),
            ("test_helpers", "tests_helpers.py.j2", "helpers.py"),
            ("test_crud", "tests_crud.py.j2", "crud.py"),
            ("test_app", "tests_app.py.j2", "test_app.py"),
            ("test_database", "tests_database.py.j2", "test_database.py"),
            ("test_statements", "tests_statements.py.j2", "test_statements.py"),
            ("test_migrations", "tests_migrations.py.j2", "test_migrations.py"),
            ("fuzz", "tests_fuzz.py.j2", "fuzz.py"),
        )
    )


def module_of(path: str) -> str:
    """'app/books/models.py' -> 'app.books.models'; '.../__init__.py' -> the package."""
    return path.removesuffix(".py").removesuffix("/__init__").replace("/", ".")


# A service's modules besides its __init__ (seed 000's `app/services/<svc>/`), private to it.
SERVICE_MODULES = ("database_transactions", "exceptions", "service", "tasks", "utils")


def service_artifacts(folder: str, tests: str) -> tuple[Artifact, ...]:
    """A service's package in `folder` (a pattern with {service}): __init__ with __all__ and the
    five modules of seed 000, with its tests in `tests` (the service's method, and its task
    through a real Celery worker)."""
    return (
        Artifact("init", "service/init.py.j2", f"{folder}/__init__.py"),
        *(Artifact(role, f"service/{role}.py.j2", f"{folder}/{role}.py") for role in SERVICE_MODULES),
        Artifact("test_service", "service/test_service.py.j2", f"{tests}/test_{{service}}.py"),
        Artifact("test_tasks", "service/test_tasks.py.j2", f"{tests}/test_{{service}}_tasks.py"),
    )


# The roles of the project artifacts that serve the services (`service_feature_artifacts`, and
# the services' package): a layout may have them from `layerkit new` (seed 000).
SERVICE_PROJECT_ROLES = frozenset({"celery", "services_package", "services_tests", "services_conftest"})


def service_feature_artifacts(
    *, celery: str, tests: str, feature: str | None = SERVICE_FEATURE
) -> tuple[Artifact, ...]:
    """What a project gains with its first service: the Celery app module `celery` and the
    services' test package `tests` (its conftest starts a real worker on Redis)."""
    return (
        Artifact("celery", "project/celery.py.j2", celery, feature=feature),
        Artifact("services_tests", "project/empty.py.j2", f"{tests}/__init__.py", feature=feature),
        Artifact(
            "services_conftest",
            "project/tests_services_conftest.py.j2",
            f"{tests}/conftest.py",
            feature=feature,
        ),
    )


def service_contracts(service: str, *, above: list[str]) -> tuple[Contract, ...]:
    """Where services sit: other code reaches one only through its package __init__ (`service`,
    a module pattern with {service}); services import each other only so; none imports `above`
    (the API, the resources, the web framework)."""
    parent = service.rsplit(".", 1)[0]
    return (
        Contract(
            "layerkit-services-public",
            {
                "name": "a service is used only through its package __init__ (its __all__)",
                "type": "protected",
                "protected_modules": [f"{service}.{module}" for module in SERVICE_MODULES],
                "allowed_importers": [service],
            },
        ),
        Contract(
            "layerkit-services-independent",
            {
                "name": "services use each other only through their package __init__",
                "type": "independence",
                "modules": [service],
                "ignore_imports": [f"{parent}.*.* -> {parent}.*", f"{parent}.* -> {parent}.*"],
                "unmatched_ignore_imports_alerting": "none",
            },
            min_services=2,
        ),
        Contract(
            "layerkit-services-below-api",
            {
                "name": "services sit below the API: they import no route, resource or web framework",
                "type": "forbidden",
                "source_modules": [service],
                "forbidden_modules": above,
                "allow_indirect_imports": True,
            },
        ),
    )
