"""The default `fastapi` layout: one package per resource under `app/`."""

from layerkit.layouts import (
    Artifact,
    Contract,
    Layout,
    Migrations,
    Registration,
    Versions,
    project_tests,
    service_artifacts,
    service_contracts,
    service_feature_artifacts,
)

_P, _R, _T = "project/", "resource/", "route/"
_RESOURCE = "{package}.{plural}"
_FORK = "{package}.{plural}.{version}"  # a resource's own code in a later API version

# `--admin`: a read-only admin panel of every table at /admin, behind a login (sqladmin). Other
# FastAPI layouts reuse these; the templates name modules by role (m.config, m.db_base, ...).
ADMIN_ARTIFACTS = (
    Artifact("admin", _P + "admin_init.py.j2", "{package}/admin/__init__.py", feature="admin"),
    Artifact("admin_panel", _P + "admin_panel.py.j2", "{package}/admin/panel.py", feature="admin"),
    Artifact("admin_routes", _P + "admin_routes.py.j2", "{package}/admin/routes.py", feature="admin"),
    Artifact("test_admin_helpers", _P + "tests_admin_helpers.py.j2", "tests/admin.py", feature="admin"),
    Artifact("test_admin", _P + "tests_admin.py.j2", "tests/test_admin.py", feature="admin"),
)
# Each resource's admin list, tested: its rows show up with no edit to the admin.
ADMIN_RESOURCE_ARTIFACTS = (
    Artifact("test_admin", _R + "test_admin.py.j2", "tests/{plural}/test_admin.py", feature="admin"),
)


def admin_contracts(*, below: list[str], layers: list[str]) -> tuple[Contract, ...]:
    """Where the admin sits: only main imports it (`below` may not), and it reads the models
    without going through the API's `layers`."""
    return (
        Contract(
            "layerkit-admin-mounted-by-main",
            {
                "name": "only main mounts the admin: nothing else imports it",
                "type": "forbidden",
                "source_modules": below,
                "forbidden_modules": ["{package}.admin"],
            },
            feature="admin",
        ),
        Contract(
            "layerkit-admin-reads-models",
            {
                "name": "the admin reads the models, never through the API's layers",
                "type": "forbidden",
                "source_modules": ["{package}.admin"],
                "forbidden_modules": layers,
            },
            feature="admin",
        ),
    )


FASTAPI = Layout(
    framework="fastapi",
    package="app",
    migrations=Migrations("{package}/db/migrations"),
    # Its packages and modules ("services": `generate service` packages live in app/services/),
    # and the data layer's classes a resource's modules import (`Database`, `Statement`: a
    # resource `database` would shadow them in its repository).
    reserved=frozenset({"app", "api", "core", "db", "main", "models", "services", "database", "statement"}),
    versions=Versions(
        registry="{package}/api/{version}.py",
        root="{package}/api/router.py",
        # A fork is a package of its own inside the resource's (the model stays shared), with
        # the resource's tests rendered again for the version's URL.
        fork=(
            Artifact("init", _R + "init.py.j2", "{package}/{plural}/{version}/__init__.py"),
            *(
                Artifact(role, f"{_R}{role}.py.j2", f"{{package}}/{{plural}}/{{version}}/{role}.py")
                for role in ("schemas", "repository", "service", "router")
            ),
            Artifact("tests_init", _P + "empty.py.j2", "tests/{plural}/{version}/__init__.py"),
            *(
                Artifact(role, f"{_R}{role}.py.j2", f"tests/{{plural}}/{{version}}/{role}.py")
                for role in ("factory", "test_router", "test_service")
            ),
        ),
    ),
    version_artifacts=(Artifact("api_version", _P + "api_version.py.j2", "{package}/api/{version}.py"),),
    registrations=(
        Registration(
            "{package}/api/{version}.py",
            "include_router",
            {"registry": "router", "origin": "{mod[init]}", "alias": "{plural}_router"},
            route=True,
        ),
        Registration("{package}/models.py", "export_model", {"origin": "{mod[models]}", "name": "{Class}"}),
    ),
    contracts=(
        Contract(
            "layerkit-foundation",
            {
                "name": "core and db are the foundation: they import no feature",
                "type": "forbidden",
                "source_modules": ["{package}.core", "{package}.db"],
                "forbidden_modules": [
                    "{package}.api",
                    "{package}.main",
                    "{package}.models",
                    _RESOURCE,
                    "{package}.services.{service}",
                ],
            },
        ),
        Contract(
            "layerkit-layers",
            {
                "name": "inside a resource: router -> service -> repository -> models/schemas",
                "type": "layers",
                "containers": [_RESOURCE],
                "layers": ["router", "service", "repository", "models | schemas"],
            },
            min_resources=1,
        ),
        Contract(
            "layerkit-fork-layers",
            {
                "name": "inside a resource's fork: router -> service -> repository -> schemas",
                "type": "layers",
                "containers": [_FORK],  # none until a resource is forked: held back till then
                "layers": ["router", "service", "repository", "schemas"],
            },
        ),
        Contract(
            "layerkit-no-http-below-router",
            {
                "name": "only routers speak HTTP",
                "type": "forbidden",
                "source_modules": [
                    *(f"{_RESOURCE}.{layer}" for layer in ("service", "repository", "models", "schemas")),
                    *(f"{_FORK}.{layer}" for layer in ("service", "repository", "schemas")),
                ],
                "forbidden_modules": ["fastapi", "starlette"],
                # a package __init__ re-exports its router; only direct imports are HTTP code
                "allow_indirect_imports": True,
            },
            min_resources=1,
        ),
        Contract(
            "layerkit-resource-interfaces",
            {
                "name": "resources use each other only through their package __init__",
                "type": "independence",
                "modules": [_RESOURCE],
                "ignore_imports": ["{package}.*.* -> {package}.*", "{package}.* -> {package}.*"],
                "unmatched_ignore_imports_alerting": "none",
            },
            min_resources=2,
        ),
        *admin_contracts(
            below=["{package}.api", "{package}.core", "{package}.db", "{package}.models", _RESOURCE],
            layers=["{package}.api", "{package}.main"]
            + [f"{{mod[{role}]}}" for role in ("router", "service", "repository", "schemas")],
        ),
        *service_contracts(
            "{package}.services.{service}",
            above=["{package}.api", "{package}.main", "{package}.models", _RESOURCE, "fastapi", "starlette"],
        ),
    ),
    # `generate service NAME`: seed 000's reusable package beside the resources, used by them
    service=service_artifacts("{package}/services/{service}", "tests/services"),
    project=(
        Artifact("pyproject", _P + "pyproject.toml.j2", "pyproject.toml"),
        Artifact("makefile", _P + "Makefile.j2", "Makefile"),
        Artifact("readme", _P + "README.md.j2", "README.md"),
        Artifact("env_example", _P + "env.example.j2", ".env.example"),
        Artifact("gitignore", _P + "gitignore.j2", ".gitignore"),
        Artifact("alembic_ini", _P + "alembic.ini.j2", "alembic.ini"),
        Artifact("package", _P + "empty.py.j2", "{package}/__init__.py"),
        Artifact("main", _P + "main.py.j2", "{package}/main.py"),
        Artifact("models_registry", _P + "models_registry.py.j2", "{package}/models.py"),
        Artifact("core", _P + "empty.py.j2", "{package}/core/__init__.py"),
        Artifact("config", _P + "config.py.j2", "{package}/core/config.py"),
        Artifact("logging", _P + "logging.py.j2", "{package}/core/logging.py"),
        Artifact("errors", _P + "errors.py.j2", "{package}/core/errors.py"),
        Artifact("middleware", _P + "middleware.py.j2", "{package}/core/middleware.py"),
        Artifact("core_types", _P + "core_types.py.j2", "{package}/core/types.py"),
        Artifact("core_schemas", _P + "core_schemas.py.j2", "{package}/core/schemas.py"),
        Artifact("db", _P + "empty.py.j2", "{package}/db/__init__.py"),
        Artifact("db_base", _P + "db_base.py.j2", "{package}/db/base.py"),
        Artifact("db_types", _P + "db_types.py.j2", "{package}/db/types.py"),
        Artifact("drivers", _P + "db_drivers.py.j2", "{package}/db/drivers.py"),
        Artifact("statements", _P + "db_statements.py.j2", "{package}/db/statements.py"),
        Artifact("database", _P + "db_database.py.j2", "{package}/db/database.py"),
        Artifact("engine", _P + "db_engine.py.j2", "{package}/db/engine.py"),
        Artifact("integrity", _P + "db_integrity.py.j2", "{package}/db/integrity.py"),
        Artifact("migrations_env", _P + "migrations_env.py.j2", "{package}/db/migrations/env.py"),
        Artifact(
            "migrations_script",
            _P + "script.py.mako",
            "{package}/db/migrations/script.py.mako",
            raw=True,
        ),
        Artifact("migrations_keep", _P + "empty.txt", "{package}/db/migrations/versions/.gitkeep", raw=True),
        Artifact("api", _P + "empty.py.j2", "{package}/api/__init__.py"),
        Artifact("api_router", _P + "api_router.py.j2", "{package}/api/router.py"),
        Artifact("api_deps", _P + "api_deps.py.j2", "{package}/api/deps.py"),
        Artifact("api_errors", _P + "api_errors.py.j2", "{package}/api/errors.py"),
        Artifact("api_health", _P + "api_health.py.j2", "{package}/api/health.py"),
        *project_tests("tests"),
        *ADMIN_ARTIFACTS,
        Artifact("services_package", _P + "empty.py.j2", "{package}/services/__init__.py", feature="celery"),
        *service_feature_artifacts(celery="{package}/core/celery.py", tests="tests/services"),
    ),
    resource=(
        Artifact("init", _R + "init.py.j2", "{package}/{plural}/__init__.py"),
        Artifact("models", _R + "models.py.j2", "{package}/{plural}/models.py"),
        Artifact("schemas", _R + "schemas.py.j2", "{package}/{plural}/schemas.py"),
        Artifact("repository", _R + "repository.py.j2", "{package}/{plural}/repository.py"),
        Artifact("service", _R + "service.py.j2", "{package}/{plural}/service.py"),
        Artifact("router", _R + "router.py.j2", "{package}/{plural}/router.py"),
        Artifact("tests_init", _P + "empty.py.j2", "tests/{plural}/__init__.py"),
        Artifact("factory", _R + "factory.py.j2", "tests/{plural}/factory.py"),
        Artifact("test_router", _R + "test_router.py.j2", "tests/{plural}/test_router.py"),
        Artifact("test_service", _R + "test_service.py.j2", "tests/{plural}/test_service.py"),
        Artifact("migration", _R + "migration.py.j2", "{migration}"),
        *ADMIN_RESOURCE_ARTIFACTS,
    ),
    # `generate route`: the resource's package without models, schemas or repository
    route=(
        Artifact("init", _T + "init.py.j2", "{package}/{plural}/__init__.py"),
        Artifact("service", _T + "service.py.j2", "{package}/{plural}/service.py"),
        Artifact("router", _T + "router.py.j2", "{package}/{plural}/router.py"),
        Artifact("tests_init", _P + "empty.py.j2", "tests/{plural}/__init__.py"),
        Artifact("test_router", _T + "test_router.py.j2", "tests/{plural}/test_router.py"),
    ),
)
