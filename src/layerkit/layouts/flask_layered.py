"""The `flask-layered` layout (seed 001, BackAnt's `ant generate api`): one folder per layer in `api/`.

The seed's tree, in its own spelling: `api/app.py` (the application factory, which registers
every blueprint), `api/{routes,services,repositories,models,schemas}/` with one module per
resource (`books_route.py` with `books_bp`, `books_service.py`, `books_repository.py`,
`Books_model.py`, `PostBooks_schema.py`), the base `repositories/Repository.py`,
`helper/DBSession.py` and `helper/execution_tracking/{APIException,Logger}.py`,
`startup/{Alchemy,Environment}.py` and `apis/aws/AWSClient.py`.

Like BackAnt's, the code has no package: `api/` is on sys.path and modules import each other by
their top-level folders (`from models.Books_model import Book`); the tools are told so
(mypy_path, pytest's pythonpath, Alembic's prepend_sys_path, gunicorn's pythonpath, import-linter's
root_packages). Where the seed is silent we infer: the rest of the family's foundation (drivers,
compiled statements, JSON, handlers) lives in `helper/`, Alembic in `api/migrations/`, the row
types beside their table in `models/`, tests in `tests/`.

`generate service NAME` puts a reusable package in BackAnt's `services/` (a folder without
`__init__.py`, as every layer): `api/services/<name>/`, imported as `services.<name>` beside the
resources' `<plural>_service.py`, its tests in `tests/services/`. The first one brings the Celery
app, `startup/Celery.py`: startup/ makes the process's long-lived objects from the settings
(Environment.py, Alchemy.py's engine), and the Celery app is one of them; helper/ holds what code
calls (sessions, drivers, errors). It is foundation, so it imports no service: it finds their
tasks.py on disk.
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

_P, _R, _T = "project/", "resource/", "route/"
_API = "api"
_LAYERS = ("routes", "services", "repositories", "schemas", "models")
_FOUNDATION = ("helper", "startup", "apis")
# `generate service NAME`: a package in BackAnt's services/ folder, beside the resources'
# <plural>_service.py modules, imported as `services.<name>` (api/ is the source root, and
# services/ stays a folder without __init__.py, as BackAnt's layers are).
_SERVICE = "services.{service}"

FLASK_LAYERED = Layout(
    framework="flask",
    package=_API,
    source_root=_API,
    app="app:create_app()",
    first_party=(*_LAYERS, *_FOUNDATION, "app", "migrations", "tests"),
    # folders that hold a module from the start; services/, schemas/ and models/ from a resource on
    contract_roots=("routes", "repositories", *_FOUNDATION),
    resource_roots=("services", "schemas", "models"),
    service_roots=("services",),  # a service's package is in services/ before any resource is
    migrations=Migrations("api/migrations"),
    # top-level names on sys.path: a resource's module may not shadow them
    # top-level names on sys.path and tests/ files a resource's modules would shadow, and the
    # classes its modules import beside its own (Entity, Repository, Database, Mapped)
    reserved=frozenset(
        {"app", "apis", "helper", "startup", "migration", "migrations", "tests"}
        | {"entity", "repository", "database", "mapped"}
    ),
    options={
        "blueprint": "{plural}_bp",
        "route_prefix": "/api/{version}",  # each blueprint carries it: no version blueprint
        "model_loader": "init_db",
        "api_exception": "APIException",
        # a route's blueprint's own name (Flask's endpoint prefix): never the app's `health`
        "route_blueprint_name": "{plural}_route",
    },
    registrations=(
        Registration(
            "api/app.py",
            "register_blueprint",
            {
                "registry": "app",
                "function": "create_app",
                "origin": "{mod[routes]}",
                "name": "{plural}_bp",
                "alias": "{plural}_bp",
            },
            route=True,
        ),
        Registration(
            "api/startup/Alchemy.py",
            "import_in_function",
            {"function": "init_db", "origin": "{mod[models]}", "name": "{Class}"},
        ),
    ),
    contracts=(
        Contract(
            "layerkit-foundation",
            {
                "name": "helper, startup and apis are the foundation: they import no layer",
                "type": "forbidden",
                "source_modules": list(_FOUNDATION),
                "forbidden_modules": [
                    "routes",
                    "repositories",
                    *(f"{{mod[{role}]}}" for role in ("service", "schemas", "models")),
                    _SERVICE,
                ],
                # init_db() imports every model, for Alembic and the tests
                "ignore_imports": ["startup.Alchemy -> {mod[models]}"],
            },
        ),
        Contract(
            "layerkit-layers",
            {
                "name": "routes -> services -> repositories -> schemas -> models",
                "type": "layers",
                "layers": list(_LAYERS),
            },
            min_resources=1,
        ),
        Contract(
            "layerkit-no-http-below-routes",
            {
                "name": "only routes speak HTTP",
                "type": "forbidden",
                "source_modules": ["services", "repositories", "schemas", "models"],
                "forbidden_modules": ["flask", "apiflask", "werkzeug"],
                # schemas derive from helper's Schema (APIFlask's alias of marshmallow's)
                "allow_indirect_imports": True,
            },
            min_resources=1,
        ),
        # the app factory (app.py) is no contract root: it imports routes, which is forbidden
        *service_contracts(_SERVICE, above=["routes", "flask", "apiflask", "werkzeug"]),
    ),
    service=service_artifacts("api/services/{service}", "tests/services"),
    # the settings (Environment.py), .env, `make worker` and the worker + Redis in both composes
    service_refresh=("config", "env", "makefile", "compose", "compose_prod"),
    project=(
        Artifact("pyproject", _P + "pyproject.toml.j2", "pyproject.toml"),
        Artifact("requirements", _P + "requirements.txt.j2", "requirements.txt"),
        Artifact("requirements_dev", _P + "requirements-dev.txt.j2", "requirements-dev.txt"),
        Artifact("makefile", _P + "Makefile.j2", "Makefile"),
        Artifact("dockerfile", _P + "Dockerfile.j2", "Dockerfile"),
        Artifact("dockerignore", _P + "dockerignore.j2", ".dockerignore"),
        Artifact("compose", _P + "docker-compose.yml.j2", "docker-compose.yml"),
        Artifact("compose_prod", _P + "docker-compose-prod.yml.j2", "docker-compose-prod.yml"),
        Artifact(
            "ecr_workflow", _P + "build_and_push_to_ecr.yml.j2", ".github/workflows/build_and_push_to_ecr.yml"
        ),
        Artifact("gunicorn_conf", _P + "gunicorn.conf.py.j2", "gunicorn.conf.py"),
        Artifact("readme", _P + "README.md.j2", "README.md"),
        # BackAnt ships .env: development values only, no secrets
        Artifact("env", _P + "env.example.j2", ".env"),
        Artifact("gitignore", _P + "gitignore.j2", ".gitignore"),
        Artifact("alembic_ini", _P + "alembic.ini.j2", "alembic.ini"),
        Artifact("core_app", _P + "core_app.py.j2", "api/app.py"),
        # not `health_route.py`: that is a route's (BackAnt's example has a `health` route)
        Artifact("health", _P + "health.py.j2", "api/routes/health.py"),
        Artifact("base_repository", _P + "Repository.py.j2", "api/repositories/Repository.py"),
        Artifact("config", _P + "Environment.py.j2", "api/startup/Environment.py"),
        # init_db() (the model registry), the declarative base and the engine, in one module
        Artifact(
            "models_registry",
            _P + "Alchemy.py.j2",
            "api/startup/Alchemy.py",
            joins=(("db_base", _P + "db_base.py.j2"), ("engine", _P + "db_engine.py.j2")),
        ),
        Artifact("database", _P + "db_database.py.j2", "api/helper/DBSession.py"),
        Artifact("drivers", _P + "db_drivers.py.j2", "api/helper/Drivers.py"),
        Artifact("statements", _P + "db_statements.py.j2", "api/helper/Statements.py"),
        Artifact("db_types", _P + "db_types.py.j2", "api/helper/ColumnTypes.py"),
        Artifact("integrity", _P + "db_integrity.py.j2", "api/helper/Integrity.py"),
        Artifact("context", _P + "context.py.j2", "api/helper/Context.py"),
        Artifact("serialization", _P + "serialization.py.j2", "api/helper/Serialization.py"),
        Artifact("core_types", _P + "core_types.py.j2", "api/helper/Types.py"),
        Artifact("core_schemas", _P + "core_schemas.py.j2", "api/helper/Pagination.py"),
        Artifact("errors", _P + "APIException.py.j2", "api/helper/execution_tracking/APIException.py"),
        Artifact("logger", _P + "Logger.py.j2", "api/helper/execution_tracking/Logger.py"),
        Artifact("handlers", _P + "handlers.py.j2", "api/helper/execution_tracking/ErrorHandlers.py"),
        Artifact("aws_client", _P + "AWSClient.py.j2", "api/apis/aws/AWSClient.py"),
        Artifact("migrations_env", _P + "migrations_env.py.j2", "api/migrations/env.py"),
        Artifact("migrations_script", _P + "script.py.mako", "api/migrations/script.py.mako", raw=True),
        Artifact("migrations_keep", _P + "empty.txt", "api/migrations/versions/.gitkeep", raw=True),
        *project_tests("tests"),
        Artifact("factories", _P + "empty.py.j2", "tests/factories/__init__.py"),
        Artifact("test_logger", _P + "tests_logger.py.j2", "tests/test_logger.py"),
        Artifact("test_aws", _P + "tests_aws.py.j2", "tests/test_aws_client.py"),
        # with the first service: the Celery app in startup/, beside the engine and the settings
        # it is made from (BackAnt's CapitalisedFile spelling), and the worker for the tests
        *service_feature_artifacts(celery="api/startup/Celery.py", tests="tests/services"),
    ),
    resource=(
        Artifact("routes", _R + "routes.py.j2", "api/routes/{plural}_route.py"),
        Artifact("service", _R + "service.py.j2", "api/services/{plural}_service.py"),
        Artifact("repository", _R + "repository.py.j2", "api/repositories/{plural}_repository.py"),
        # the rows its queries return beside the table (BackAnt's models are dataclasses: the rows)
        Artifact(
            "models",
            _R + "models.py.j2",
            "api/models/{Plural}_model.py",
            joins=(("types", _R + "types.py.j2"),),
        ),
        Artifact("schemas", _R + "schemas.py.j2", "api/schemas/Post{Plural}_schema.py"),
        Artifact("factory", _R + "factory.py.j2", "tests/factories/{plural}.py"),
        Artifact("test_routes", _R + "test_routes.py.j2", "tests/test_{plural}.py"),
        Artifact("test_service", _R + "test_service.py.j2", "tests/test_{plural}_service.py"),
        Artifact("migration", _R + "migration.py.j2", "{migration}"),
    ),
    # `generate route`: BackAnt's route and service modules (its data: the mock), no model,
    # schema or repository; the test beside the resources' (`tests/test_<plural>.py`)
    route=(
        Artifact("routes", _T + "router.py.j2", "api/routes/{plural}_route.py"),
        Artifact("service", _T + "service.py.j2", "api/services/{plural}_service.py"),
        Artifact("test_routes", _T + "test_router.py.j2", "tests/test_{plural}.py"),
    ),
)
