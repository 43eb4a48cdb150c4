"""The `flask-subapps` layout (seed 000): Flask sub-apps under `app/`, API versions as blueprints.

The seed's tree, in its own spelling: `run.py`, `app/app.py`, `app/api/root.py` (the base
blueprint, registering v1 and v2), `app/api/v1/v1.py` and `app/api/v2/v2.py` (they only
register sub-apps' blueprints), `app/core/` (create_app, logger, database and its model
registry) and one sub-app per resource: `app/<plural>/{__init__,models,routes,schemas,types,utils}.py`.
Where the seed is silent we infer: the sub-app's queries and rules live in `utils.py` (below
its routes), the data layer and Alembic live in `app/core/database/`, tests in `tests/<plural>/`.
Versions are data like the FastAPI layouts' (`generate version v3`, `--version`, `--fork`): a
version is `app/api/<v>/<v>.py`, registered on root.py's blueprint; a sub-app's fork in a version
is a package inside it, `app/<plural>/<v>/{routes,utils,schemas}.py`, on the sub-app's model.
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

_P, _R, _T = "project/", "resource/", "route/"
_SUBAPP = "{package}.{plural}"
_FORK = "{package}.{plural}.{version}"  # a sub-app's own code in a later API version

FLASK_SUBAPPS = Layout(
    framework="flask",
    package="app",
    app="{package}.app:app",
    migrations=Migrations("{package}/core/database/migrations"),
    # Its packages and modules, and the data layer's classes a sub-app's utils import.
    reserved=frozenset({"app", "api", "core", "services", "run", "database", "statement"}),
    # The seed's root.py registers v1 and v2: a new project serves both (every resource in each,
    # unless `generate resource --version` says otherwise), and `generate version` adds more.
    versions=Versions(
        registry="{package}/api/{version}/{version}.py",
        root="{package}/api/root.py",
        strategy="register_blueprint",
        params={"registry": "root", "origin": "{registry}", "name": "{version}", "alias": "{version}"},
        initial=("v1", "v2"),
        # A fork is a package inside the sub-app's (its model and row types stay shared): the
        # version's routes, utils and schemas, and the sub-app's tests again for the version's URL.
        fork=(
            Artifact("init", _R + "init.py.j2", "{package}/{plural}/{version}/__init__.py"),
            *(
                Artifact(role, f"{_R}{role}.py.j2", f"{{package}}/{{plural}}/{{version}}/{role}.py")
                for role in ("schemas", "utils", "routes")
            ),
            Artifact("tests_init", _P + "empty.py.j2", "tests/{plural}/{version}/__init__.py"),
            *(
                Artifact(role, f"{_R}{role}.py.j2", f"tests/{{plural}}/{{version}}/{role}.py")
                for role in ("factory", "test_routes", "test_utils")
            ),
        ),
    ),
    version_artifacts=(
        Artifact("api_version_package", _P + "empty.py.j2", "{package}/api/{version}/__init__.py"),
        Artifact("api_version", _P + "api_version.py.j2", "{package}/api/{version}/{version}.py"),
    ),
    registrations=(
        Registration(
            "{package}/api/{version}/{version}.py",
            "register_blueprint",
            {
                "registry": "{version}",
                "origin": "{mod[init]}",
                "name": "blueprint",
                "alias": "{plural}_blueprint",
            },
            route=True,
        ),
        Registration(
            "{package}/core/database/models/__init__.py",
            "export_model",
            {"origin": "{mod[init]}", "name": "{Class}"},
        ),
    ),
    contracts=(
        Contract(
            "layerkit-foundation",
            {
                "name": "core is the foundation: it imports no sub-app and not the API",
                "type": "forbidden",
                "source_modules": ["{package}.core"],
                "forbidden_modules": [
                    "{package}.api",
                    "{package}.app",
                    _SUBAPP,
                    "{package}.services.{service}",
                ],
                # the model registry imports every sub-app's model, for Alembic and the tests
                "ignore_imports": ["{package}.core.database.models -> {package}.{plural}"],
                "unmatched_ignore_imports_alerting": "none",
            },
        ),
        Contract(
            "layerkit-versions-derive-routes",
            {
                "name": "versions only register sub-apps' blueprints, through their __init__",
                "type": "forbidden",
                "source_modules": ["{package}.api"],
                "forbidden_modules": [
                    "{package}.core.database",
                    *(f"{_SUBAPP}.{module}" for module in ("routes", "utils", "schemas", "models", "types")),
                    *(f"{_FORK}.{module}" for module in ("routes", "utils", "schemas")),
                ],
                "allow_indirect_imports": True,
            },
            min_resources=1,
        ),
        Contract(
            "layerkit-layers",
            {
                "name": "inside a sub-app: routes -> utils (its queries and rules) -> schemas -> models/types",
                "type": "layers",
                "containers": [_SUBAPP],
                "layers": ["routes", "utils", "schemas", "models | types"],
            },
            min_resources=1,
        ),
        Contract(
            "layerkit-fork-layers",
            {
                "name": "inside a sub-app's fork: routes -> utils -> schemas",
                "type": "layers",
                "containers": [_FORK],  # none until a sub-app is forked: held back till then
                "layers": ["routes", "utils", "schemas"],
            },
        ),
        Contract(
            "layerkit-no-http-below-routes",
            {
                "name": "only routes speak HTTP",
                "type": "forbidden",
                "source_modules": [
                    *(f"{_SUBAPP}.{layer}" for layer in ("utils", "schemas", "models", "types")),
                    *(f"{_FORK}.{layer}" for layer in ("utils", "schemas")),
                ],
                "forbidden_modules": ["flask", "apiflask", "werkzeug"],
                # a package __init__ re-exports its blueprint; only direct imports are HTTP code
                "allow_indirect_imports": True,
            },
            min_resources=1,
        ),
        Contract(
            "layerkit-subapp-interfaces",
            {
                "name": "sub-apps use each other only through their package __init__",
                "type": "independence",
                "modules": [_SUBAPP],
                "ignore_imports": ["{package}.*.* -> {package}.*", "{package}.* -> {package}.*"],
                "unmatched_ignore_imports_alerting": "none",
            },
            min_resources=2,
        ),
        *service_contracts(
            "{package}.services.{service}",
            above=["{package}.api", "{package}.app", _SUBAPP, "flask", "apiflask", "werkzeug"],
        ),
    ),
    # `generate service NAME`: the seed's app/services/<svc>/ (its Celery app comes with `new`)
    service=service_artifacts("{package}/services/{service}", "tests/services"),
    project=(
        Artifact("pyproject", _P + "pyproject.toml.j2", "pyproject.toml"),
        Artifact("requirements", _P + "requirements.txt.j2", "requirements.txt"),
        Artifact("requirements_dev", _P + "requirements-dev.txt.j2", "requirements-dev.txt"),
        Artifact("makefile", _P + "Makefile.j2", "Makefile"),
        Artifact("dockerfile", _P + "Dockerfile.j2", "Dockerfile"),
        Artifact("dockerignore", _P + "dockerignore.j2", ".dockerignore"),
        Artifact("gunicorn_conf", _P + "gunicorn.conf.py.j2", "gunicorn.conf.py"),
        Artifact("readme", _P + "README.md.j2", "README.md"),
        Artifact("env_example", _P + "env.example.j2", ".env.example"),
        Artifact("gitignore", _P + "gitignore.j2", ".gitignore"),
        Artifact("alembic_ini", _P + "alembic.ini.j2", "alembic.ini"),
        Artifact("run", _P + "run.py.j2", "run.py"),
        Artifact("package", _P + "empty.py.j2", "{package}/__init__.py"),
        Artifact("wsgi", _P + "app.py.j2", "{package}/app.py"),
        Artifact("api", _P + "empty.py.j2", "{package}/api/__init__.py"),
        Artifact("api_root", _P + "api_root.py.j2", "{package}/api/root.py"),
        Artifact("core", _P + "empty.py.j2", "{package}/core/__init__.py"),
        Artifact("core_app", _P + "core_app.py.j2", "{package}/core/app.py"),
        Artifact("config", _P + "config.py.j2", "{package}/core/config.py"),
        Artifact("logger", _P + "logger.py.j2", "{package}/core/logger.py"),
        Artifact("errors", _P + "errors.py.j2", "{package}/core/errors.py"),
        Artifact("handlers", _P + "handlers.py.j2", "{package}/core/handlers.py"),
        Artifact("context", _P + "context.py.j2", "{package}/core/context.py"),
        Artifact("health", _P + "health.py.j2", "{package}/core/health.py"),
        Artifact("serialization", _P + "serialization.py.j2", "{package}/core/serialization.py"),
        Artifact("core_types", _P + "core_types.py.j2", "{package}/core/types.py"),
        Artifact("core_schemas", _P + "core_schemas.py.j2", "{package}/core/schemas.py"),
        Artifact("db", _P + "empty.py.j2", "{package}/core/database/__init__.py"),
        Artifact("db_base", _P + "db_base.py.j2", "{package}/core/database/base.py"),
        Artifact("db_types", _P + "db_types.py.j2", "{package}/core/database/types.py"),
        Artifact("drivers", _P + "db_drivers.py.j2", "{package}/core/database/drivers.py"),
        Artifact("statements", _P + "db_statements.py.j2", "{package}/core/database/statements.py"),
        Artifact("database", _P + "db_database.py.j2", "{package}/core/database/database.py"),
        Artifact("engine", _P + "db_engine.py.j2", "{package}/core/database/engine.py"),
        Artifact("integrity", _P + "db_integrity.py.j2", "{package}/core/database/integrity.py"),
        Artifact(
            "models_registry", _P + "models_registry.py.j2", "{package}/core/database/models/__init__.py"
        ),
        Artifact("migrations_env", _P + "migrations_env.py.j2", "{package}/core/database/migrations/env.py"),
        Artifact(
            "migrations_script",
            _P + "script.py.mako",
            "{package}/core/database/migrations/script.py.mako",
            raw=True,
        ),
        Artifact(
            "migrations_keep",
            _P + "empty.txt",
            "{package}/core/database/migrations/versions/.gitkeep",
            raw=True,
        ),
        *project_tests("tests"),
        # seed 000's core/celery.py and services/ from the start
        Artifact("services_package", _P + "empty.py.j2", "{package}/services/__init__.py"),
        *service_feature_artifacts(celery="{package}/core/celery.py", tests="tests/services", feature=None),
    ),
    resource=(
        Artifact("init", _R + "init.py.j2", "{package}/{plural}/__init__.py"),
        Artifact("models", _R + "models.py.j2", "{package}/{plural}/models.py"),
        Artifact("types", _R + "types.py.j2", "{package}/{plural}/types.py"),
        Artifact("schemas", _R + "schemas.py.j2", "{package}/{plural}/schemas.py"),
        Artifact("utils", _R + "utils.py.j2", "{package}/{plural}/utils.py"),
        Artifact("routes", _R + "routes.py.j2", "{package}/{plural}/routes.py"),
        Artifact("tests_init", _P + "empty.py.j2", "tests/{plural}/__init__.py"),
        Artifact("factory", _R + "factory.py.j2", "tests/{plural}/factory.py"),
        Artifact("test_routes", _R + "test_routes.py.j2", "tests/{plural}/test_routes.py"),
        Artifact("test_utils", _R + "test_utils.py.j2", "tests/{plural}/test_utils.py"),
        Artifact("migration", _R + "migration.py.j2", "{migration}"),
    ),
    # `generate route`: a sub-app with routes and utils (its data: the mock), no models
    route=(
        Artifact("init", _T + "init.py.j2", "{package}/{plural}/__init__.py"),
        Artifact("service", _T + "service.py.j2", "{package}/{plural}/utils.py"),
        Artifact("router", _T + "router.py.j2", "{package}/{plural}/routes.py"),
        Artifact("tests_init", _P + "empty.py.j2", "tests/{plural}/__init__.py"),
        Artifact("test_router", _T + "test_router.py.j2", "tests/{plural}/test_routes.py"),
    ),
)
