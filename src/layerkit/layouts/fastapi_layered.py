"""The `fastapi-layered` layout (seed 003): one folder per layer, one module per resource in each.

A resource is spread across the layers: `api/v1/<plural>.py` -> `dependencies/<plural>.py` ->
`services/<singular>_service.py` -> `database/data_layer/<plural>.py` (a `BaseDAO` subclass) ->
`models/<plural>.py` | `schemas/<plural>.py`. The seed's module names are kept even where our code
differs in kind: `database/postgres.py` is the connection pool for SQLite and PostgreSQL alike.
"""

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
from layerkit.layouts.fastapi import ADMIN_ARTIFACTS, admin_contracts

_P, _R, _T = "project/", "resource/", "route/"
# A resource's router lives in the version it was created for (app/api/v1/<plural>.py); later
# versions include that router until `generate version --fork` gives one its own.
_LAYERS = ("api", "dependencies", "services", "database.data_layer", "models", "schemas")
# The database's own modules (connections, statements, column types) serve the data layer and
# the models; they import none of the layers.
_DATABASE = ("base", "types", "postgres", "redis", "drivers", "statements", "engine", "integrity")
# What each version folder of a layer holds when a resource is forked into it (seed 003's
# models/v2/, services/v2/): the module of that layer, then the folder's package.
_FORKED = {
    "schemas": ("schemas", "{package}/schemas/{version}/{plural}.py"),
    "repository": ("database/data_layer", "{package}/database/data_layer/{version}/{plural}.py"),
    "service": ("services", "{package}/services/{version}/{singular}_service.py"),
    "dependencies": ("dependencies", "{package}/dependencies/{version}/{plural}.py"),
}

FASTAPI_LAYERED = Layout(
    framework="fastapi",
    package="app",
    migrations=Migrations("{package}/database/migrations", file="{revision}_{slug}.py", revision="hex12"),
    # tests/test_<plural>.py: the plural of 'redi' would be the project's own tests/test_redis.py
    reserved=frozenset({"redis"}),
    versions=Versions(
        registry="{package}/api/{version}/__init__.py",
        root="{package}/api/__init__.py",
        fork=(
            *(Artifact(role, f"{_R}{role}.py.j2", path) for role, (_, path) in _FORKED.items()),
            Artifact("router", _R + "router.py.j2", "{package}/api/{version}/{plural}.py"),
            *(
                Artifact(
                    f"{folder.replace('/', '_')}_package",
                    _P + "empty.py.j2",
                    f"{{package}}/{folder}/{{version}}/__init__.py",
                )
                for folder, _ in _FORKED.values()
            ),
            # the resource's tests again, for the version's URL
            Artifact("tests_version_package", _P + "empty.py.j2", "tests/{version}/__init__.py"),
            Artifact(
                "factories_version_package", _P + "empty.py.j2", "tests/factories/{version}/__init__.py"
            ),
            Artifact("factory", _R + "factory.py.j2", "tests/factories/{version}/{plural}.py"),
            Artifact("test_router", _R + "test_router.py.j2", "tests/{version}/test_{plural}.py"),
            Artifact("test_service", _R + "test_service.py.j2", "tests/{version}/test_{singular}_service.py"),
        ),
    ),
    version_artifacts=(
        Artifact("api_version", _P + "api_version.py.j2", "{package}/api/{version}/__init__.py"),
    ),
    registrations=(
        Registration(
            "{package}/api/{version}/__init__.py",
            "include_router",
            {"registry": "router", "origin": "{mod[router]}", "alias": "{plural}_router"},
            route=True,
        ),
        Registration(
            "{package}/models/__init__.py", "export_model", {"origin": "{mod[models]}", "name": "{Class}"}
        ),
    ),
    contracts=(
        Contract(
            "layerkit-layers",
            {
                "name": "api -> dependencies -> services -> database.data_layer -> models | schemas",
                "type": "layers",
                "layers": [
                    "{package}.api",
                    "{package}.dependencies",
                    "{package}.services",
                    "{package}.database.data_layer",
                    "{package}.models | {package}.schemas",
                ],
            },
        ),
        Contract(
            "layerkit-foundation",
            {
                "name": "core, exceptions and utils are the foundation: they import no feature",
                "type": "forbidden",
                "source_modules": ["{package}.core", "{package}.exceptions", "{package}.utils"],
                "forbidden_modules": [
                    *(f"{{package}}.{layer}" for layer in _LAYERS if layer != "database.data_layer"),
                    "{package}.database",
                    "{package}.middlewares",
                    "{package}.main",
                ],
            },
        ),
        Contract(
            "layerkit-database",
            {
                "name": "the database's connections, statements and types import no layer",
                "type": "forbidden",
                "source_modules": [f"{{package}}.database.{name}" for name in _DATABASE],
                "forbidden_modules": [
                    *(f"{{package}}.{layer}" for layer in _LAYERS),
                    "{package}.middlewares",
                    "{package}.main",
                ],
            },
        ),
        Contract(
            "layerkit-no-http-below-dependencies",
            {
                "name": "only api and dependencies speak HTTP",
                "type": "forbidden",
                "source_modules": [
                    f"{{package}}.{layer}"
                    for layer in ("services", "database", "models", "schemas", "core", "exceptions", "utils")
                ],
                "forbidden_modules": ["fastapi", "starlette"],
            },
        ),
        *admin_contracts(
            below=[
                f"{{package}}.{name}"
                for name in (*_LAYERS, "database", "core", "exceptions", "utils", "middlewares")
            ],
            layers=[
                f"{{package}}.{layer}" for layer in ("api", "main", "dependencies", "services", "schemas")
            ]
            + ["{package}.database.data_layer"],
        ),
        *service_contracts(
            "{package}.services.{service}",
            above=[
                *(f"{{package}}.{name}" for name in ("api", "dependencies", "middlewares", "main")),
                "fastapi",
                "starlette",
            ],
        ),
    ),
    # `generate service NAME`: a package in the services layer, beside the resources' modules
    service=service_artifacts("{package}/services/{service}", "tests/services"),
    project=(
        Artifact("pyproject", _P + "pyproject.toml.j2", "pyproject.toml"),
        Artifact("makefile", _P + "Makefile.j2", "Makefile"),
        Artifact("readme", _P + "README.md.j2", "README.md"),
        Artifact("env_example", _P + "env.example.j2", ".env.example"),
        Artifact("gitignore", _P + "gitignore.j2", ".gitignore"),
        Artifact("dockerfile", _P + "Dockerfile.j2", "Dockerfile"),
        Artifact("dockerignore", _P + "dockerignore.j2", ".dockerignore"),
        Artifact("compose", _P + "docker-compose.yml.j2", "docker-compose.yml"),
        Artifact("alembic_ini", _P + "alembic.ini.j2", "alembic.ini"),
        Artifact("package", _P + "empty.py.j2", "{package}/__init__.py"),
        Artifact("main", _P + "main.py.j2", "{package}/main.py"),
        # api/: the root router (it includes every version's), health, HTTP error translation
        Artifact("api_router", _P + "api_router.py.j2", "{package}/api/__init__.py"),
        Artifact("api_health", _P + "api_health.py.j2", "{package}/api/health.py"),
        Artifact("api_errors", _P + "api_errors.py.j2", "{package}/api/errors.py"),
        Artifact("core", _P + "empty.py.j2", "{package}/core/__init__.py"),
        Artifact("config", _P + "config.py.j2", "{package}/core/config.py"),
        Artifact("logging", _P + "logging.py.j2", "{package}/core/logger.py"),
        Artifact("core_types", _P + "core_types.py.j2", "{package}/core/types.py"),
        Artifact("database_package", _P + "empty.py.j2", "{package}/database/__init__.py"),
        Artifact("database", _P + "db_database.py.j2", "{package}/database/postgres.py"),
        Artifact("redis", _P + "redis.py.j2", "{package}/database/redis.py"),
        Artifact("db_base", _P + "db_base.py.j2", "{package}/database/base.py"),
        Artifact("db_types", _P + "db_types.py.j2", "{package}/database/types.py"),
        Artifact("drivers", _P + "db_drivers.py.j2", "{package}/database/drivers.py"),
        Artifact("statements", _P + "db_statements.py.j2", "{package}/database/statements.py"),
        Artifact("engine", _P + "db_engine.py.j2", "{package}/database/engine.py"),
        Artifact("integrity", _P + "db_integrity.py.j2", "{package}/database/integrity.py"),
        Artifact("data_layer", _P + "empty.py.j2", "{package}/database/data_layer/__init__.py"),
        Artifact("base_dao", _P + "base_dao.py.j2", "{package}/database/data_layer/base_dao.py"),
        Artifact("migrations_env", _P + "migrations_env.py.j2", "{package}/database/migrations/env.py"),
        Artifact(
            "migrations_script",
            _P + "script.py.mako",
            "{package}/database/migrations/script.py.mako",
            raw=True,
        ),
        Artifact(
            "migrations_keep", _P + "empty.txt", "{package}/database/migrations/versions/.gitkeep", raw=True
        ),
        Artifact("models_registry", _P + "models_registry.py.j2", "{package}/models/__init__.py"),
        Artifact("schemas_package", _P + "empty.py.j2", "{package}/schemas/__init__.py"),
        Artifact("middlewares", _P + "empty.py.j2", "{package}/middlewares/__init__.py"),
        Artifact("middleware", _P + "middleware.py.j2", "{package}/middlewares/custom_middlewares.py"),
        Artifact("services_package", _P + "empty.py.j2", "{package}/services/__init__.py"),
        Artifact("dependencies_package", _P + "empty.py.j2", "{package}/dependencies/__init__.py"),
        Artifact("api_deps", _P + "api_deps.py.j2", "{package}/dependencies/common.py"),
        Artifact("utils", _P + "empty.py.j2", "{package}/utils/__init__.py"),
        Artifact("core_schemas", _P + "core_schemas.py.j2", "{package}/utils/pagination.py"),
        Artifact("exceptions", _P + "empty.py.j2", "{package}/exceptions/__init__.py"),
        Artifact("errors", _P + "errors.py.j2", "{package}/exceptions/custom_exceptions.py"),
        *project_tests("tests"),
        Artifact("factories", _P + "empty.py.j2", "tests/factories/__init__.py"),
        Artifact("test_redis", _P + "tests_redis.py.j2", "tests/test_redis.py"),
        *ADMIN_ARTIFACTS,
        *service_feature_artifacts(celery="{package}/core/celery.py", tests="tests/services"),
    ),
    # The seed's test files are tests/test_<plural>.py; the factories other resources' tests
    # import live in tests/factories/, the service tests beside the API tests.
    resource=(
        Artifact("router", _R + "router.py.j2", "{package}/api/{version}/{plural}.py"),
        Artifact("dependencies", _R + "dependencies.py.j2", "{package}/dependencies/{plural}.py"),
        Artifact("service", _R + "service.py.j2", "{package}/services/{singular}_service.py"),
        Artifact("repository", _R + "repository.py.j2", "{package}/database/data_layer/{plural}.py"),
        Artifact("models", _R + "models.py.j2", "{package}/models/{plural}.py"),
        Artifact("schemas", _R + "schemas.py.j2", "{package}/schemas/{plural}.py"),
        Artifact("factory", _R + "factory.py.j2", "tests/factories/{plural}.py"),
        Artifact("test_router", _R + "test_router.py.j2", "tests/test_{plural}.py"),
        Artifact("test_service", _R + "test_service.py.j2", "tests/test_{singular}_service.py"),
        Artifact("migration", _R + "migration.py.j2", "{migration}"),
        # each resource's admin list, tested (`--admin`)
        Artifact("test_admin", _R + "test_admin.py.j2", "tests/test_{plural}_admin.py", feature="admin"),
    ),
    # `generate route`: the API module and the service, no dependencies, data layer or models
    route=(
        Artifact("router", _T + "router.py.j2", "{package}/api/{version}/{plural}.py"),
        Artifact("service", _T + "service.py.j2", "{package}/services/{singular}_service.py"),
        Artifact("test_router", _T + "test_router.py.j2", "tests/test_{plural}.py"),
    ),
)
