"""The `fastapi-services` layout (seed 002): `api/` configures the app, `common/` and `db_sql/` are
shared, and each resource is a service, `service/<singular>/`, that owns its router.

Inside a service a request flows routes -> db -> models: `routes.py` speaks HTTP, `db.py` holds the
database operations and their rules (a missing row is a NotFoundError, a list is a page) and
returns the Pydantic models of `models.py`, never SQLAlchemy rows. The seed has no layer between
routes and db, and these rules are about what the database answered, so they live in db.py rather
than in a fourth module. Every SQLAlchemy model is one class in `db_sql/models.py`.
"""

from layerkit.layouts import (
    Artifact,
    Contract,
    Layout,
    Migrations,
    Registration,
    project_tests,
    service_artifacts,
    service_contracts,
    service_feature_artifacts,
)

_P, _R, _S = "project/", "resource/", "service/{singular}"
_T = "route/"
_SERVICE = "service.{singular}"
_TESTS = "integration_tests"

FASTAPI_SERVICES = Layout(
    framework="fastapi",
    package="api",
    app="api.app:app",
    first_party=("api", "common", "db_sql", "service", _TESTS),
    contract_roots=("api", "common", "db_sql", "service"),
    migrations=Migrations("db_sql"),
    # A resource's model class must not take a name its modules import: db_sql/models.py imports
    # Entity, Decimal, Date, DateTime, JsonObject and Mapped; a service's db.py imports Database,
    # IntegrityError, NotFoundError, Row, Statement and TypeAdapter next to its model.
    reserved=frozenset(
        {
            "database",
            "date",
            "date_time",
            "decimal",
            "entity",
            "integrity_error",
            "json_object",
            "mapped",
            "not_found_error",
            "row",
            "statement",
            "type_adapter",
        }
    ),
    registrations=(
        Registration(
            "api/app.py",
            "include_router",
            {"registry": "api_router", "origin": "{mod[init]}", "alias": "{plural}_router"},
            route=True,
        ),
        Registration("db_sql/models.py", "append_definitions", template=_R + "models.py.j2", role="models"),
    ),
    contracts=(
        Contract(
            "layerkit-foundation",
            {
                "name": "common and db_sql are the foundation: they import no api and no service",
                "type": "forbidden",
                "source_modules": ["common", "db_sql"],
                "forbidden_modules": ["api", "service"],
            },
        ),
        Contract(
            "layerkit-common",
            {
                "name": "common (settings, errors, types, logging) lies below the database code",
                "type": "forbidden",
                "source_modules": ["common"],
                "forbidden_modules": ["db_sql"],
            },
        ),
        Contract(
            "layerkit-api-wiring",
            {
                "name": "only api.app knows the services: the rest of api serves every service alike",
                "type": "forbidden",
                "source_modules": ["api"],
                "forbidden_modules": ["service"],
                "ignore_imports": ["api.app -> service.*"],
                "unmatched_ignore_imports_alerting": "none",
            },
        ),
        Contract(
            "layerkit-layers",
            {
                "name": "inside a service: routes -> db -> models",
                "type": "layers",
                "containers": [_SERVICE],
                "layers": ["routes", "db", "models"],
            },
            min_resources=1,
        ),
        Contract(
            "layerkit-no-http-below-routes",
            {
                "name": "only api and the services' routes speak HTTP",
                "type": "forbidden",
                "source_modules": ["common", "db_sql", f"{_SERVICE}.db", f"{_SERVICE}.models"],
                "forbidden_modules": ["fastapi", "starlette"],
                # a service's __init__ re-exports its router; only direct imports are HTTP code
                "allow_indirect_imports": True,
            },
        ),
        Contract(
            "layerkit-service-interfaces",
            {
                "name": "services use each other only through their package __init__",
                "type": "independence",
                "modules": [_SERVICE],
                "ignore_imports": ["service.*.* -> service.*", "service.* -> service.*"],
                "unmatched_ignore_imports_alerting": "none",
            },
            min_resources=2,
        ),
        *service_contracts("service.{service}", above=["api", _SERVICE, "fastapi", "starlette"]),
    ),
    # `generate service NAME`: a reusable service is a service of seed 002 without routes, so it
    # lives beside the resources in service/<name>/ (a name a resource has is refused, and the
    # other way round); its tests in integration_tests/services/.
    service=service_artifacts("service/{service}", f"{_TESTS}/services"),
    project=(
        Artifact("pyproject", _P + "pyproject.toml.j2", "pyproject.toml"),
        Artifact("makefile", _P + "Makefile.j2", "Makefile"),
        Artifact("readme", _P + "README.md.j2", "README.md"),
        Artifact("gitignore", _P + "gitignore.j2", ".gitignore"),
        Artifact("env_docker", _P + "env.docker.env.j2", ".env.docker.env"),
        Artifact("gitlab_ci", _P + "gitlab-ci.yml.j2", ".gitlab-ci.yml"),
        Artifact("dockerfile", _P + "Dockerfile.j2", "Dockerfile"),
        Artifact("dockerignore", _P + "dockerignore.j2", ".dockerignore"),
        Artifact("compose", _P + "docker-compose.yml.j2", "docker-compose.yml"),
        Artifact("alembic_ini", _P + "alembic.ini.j2", "alembic.ini"),
        Artifact("package", _P + "empty.py.j2", "api/__init__.py"),
        Artifact("main", _P + "main.py.j2", "api/app.py"),
        Artifact("api_deps", _P + "api_deps.py.j2", "api/deps.py"),
        Artifact("api_errors", _P + "api_errors.py.j2", "api/errors.py"),
        Artifact("api_health", _P + "api_health.py.j2", "api/health.py"),
        Artifact("middleware", _P + "middleware.py.j2", "api/middleware.py"),
        Artifact("core", _P + "empty.py.j2", "common/__init__.py"),
        Artifact("config", _P + "config.py.j2", "common/settings.py"),
        Artifact("logging", _P + "logging.py.j2", "common/logging.py"),
        Artifact("errors", _P + "errors.py.j2", "common/errors.py"),
        Artifact("core_types", _P + "core_types.py.j2", "common/types.py"),
        Artifact("core_schemas", _P + "core_schemas.py.j2", "common/schemas.py"),
        Artifact("db", _P + "empty.py.j2", "db_sql/__init__.py"),
        Artifact("models_registry", _P + "models_registry.py.j2", "db_sql/models.py"),
        Artifact("db_base", _P + "db_base.py.j2", "db_sql/base.py"),
        Artifact("db_types", _P + "db_types.py.j2", "db_sql/types.py"),
        Artifact("drivers", _P + "db_drivers.py.j2", "db_sql/drivers.py"),
        Artifact("statements", _P + "db_statements.py.j2", "db_sql/statements.py"),
        Artifact("database", _P + "db_database.py.j2", "db_sql/database.py"),
        Artifact("engine", _P + "db_engine.py.j2", "db_sql/engine.py"),
        Artifact("integrity", _P + "db_integrity.py.j2", "db_sql/integrity.py"),
        Artifact("migrations_env", _P + "migrations_env.py.j2", "db_sql/env.py"),
        Artifact("migrations_script", _P + "script.py.mako", "db_sql/script.py.mako", raw=True),
        Artifact("migrations_keep", _P + "empty.txt", "db_sql/versions/.gitkeep", raw=True),
        Artifact("services", _P + "empty.py.j2", "service/__init__.py"),
        *project_tests(_TESTS),
        Artifact("factories", _P + "empty.py.j2", f"{_TESTS}/factories/__init__.py"),
        *service_feature_artifacts(celery="common/celery.py", tests=f"{_TESTS}/services"),
    ),
    resource=(
        Artifact("init", _R + "init.py.j2", f"{_S}/__init__.py"),
        Artifact("schemas", _R + "schemas.py.j2", f"{_S}/models.py"),
        Artifact("db", _R + "db.py.j2", f"{_S}/db.py"),
        Artifact("router", _R + "routes.py.j2", f"{_S}/routes.py"),
        Artifact("factory", _R + "factory.py.j2", f"{_TESTS}/factories/{{plural}}.py"),
        Artifact("test_router", _R + "test_router.py.j2", f"{_TESTS}/test_{{plural}}.py"),
        Artifact("test_db", _R + "test_db.py.j2", f"{_TESTS}/test_{{plural}}_db.py"),
        Artifact("migration", _R + "migration.py.j2", "{migration}"),
    ),
    # `generate route`: a service with routes.py and db.py (its data: the mock) but no models
    route=(
        Artifact("init", _T + "init.py.j2", f"{_S}/__init__.py"),
        Artifact("service", _T + "service.py.j2", f"{_S}/db.py"),
        Artifact("router", _T + "router.py.j2", f"{_S}/routes.py"),
        Artifact("test_router", _T + "test_router.py.j2", f"{_TESTS}/test_{{plural}}.py"),
    ),
)
