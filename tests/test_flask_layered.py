"""The flask-layered preset (seed 001, BackAnt): its tree, folder by folder, its CI and compose
files, its .env, and `generate` in it (registrations, dry run, JSON, idempotency, conflicts)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, ROOT, Cli, snapshot
from tests.readme import layerkit_commands

PRESET = "flask-layered"
# A copy of ../shared/seeds/001_0870687468840172.txt, so that the test runs wherever the clone is.
SEED = ROOT / "tests" / "seeds" / "001_0870687468840172.txt"
CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"
# Seed 001's tree, folder by folder ("Default"/"default" stand for each resource's names).
SEED_TREE: dict[str, set[str]] = {
    "": {".env", ".github", "Dockerfile", "api", "docker-compose-prod.yml", "docker-compose.yml"}
    | {"requirements.txt"},
    ".github": {"workflows"},
    ".github/workflows": {"build_and_push_to_ecr.yml"},
    "api": {"app.py", "apis", "decorators", "helper", "models", "repositories", "routes", "schemas"}
    | {"services", "startup"},
    "api/apis": {"aws"},
    "api/apis/aws": {"AWSClient.py"},
    "api/decorators": {"token_required.py"},
    "api/helper": {"DBSession.py", "execution_tracking", "functions"},
    "api/helper/execution_tracking": {"APIException.py", "Logger.py"},
    "api/helper/functions": {"extract_fields.py", "log_directory_contents.py", "update_dict.py"}
    | {"update_measurement.py", "validation_error.py"},
    "api/models": {"Default_model.py"},
    "api/repositories": {"Repository.py", "default_repository.py"},
    "api/routes": {"default_route.py"},
    "api/schemas": {"PostDefault_schema.py"},
    "api/services": {"default_service.py"},
    "api/startup": {"Alchemy.py", "Environment.py"},
}
# Not generated: auth decorators come with real authentication (a later issue; no stubs), and
# BackAnt's ad-hoc helper functions have no role here (validation errors are the handlers' job).
LATER = {"api/decorators", "api/helper/functions"}
RESOURCES = {"authors": "Authors", "books": "Books", "reviews": "Reviews"}


def seed_tree(text: str) -> dict[str, set[str]]:
    """The seed's `tree` drawing as folder -> entries (the `my-api/` root line left out)."""
    tree: dict[str, set[str]] = {"": set()}
    parents: list[str] = []
    for line in text.splitlines():
        match = re.match(r"^((?:│[\xa0 ]{3}|[\xa0 ]{4})*)[├└]── (\S+)", line)
        if match is None:
            continue
        depth, name = len(match[1]) // 4, match[2].rstrip("/")
        parents = parents[:depth]
        tree.setdefault("/".join(parents), set()).add(name)
        parents.append(name)
    return tree


def test_the_transcribed_tree_is_the_seeds() -> None:
    assert seed_tree(SEED.read_text(encoding="utf-8")) == SEED_TREE


@pytest.fixture(scope="module")
def bookshop(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from typer.testing import CliRunner

    target = tmp_path_factory.mktemp("layered") / "bookshop"
    cli = Cli(CliRunner())
    code, _, err = cli(
        "new", "--spec", EXAMPLES / "bookshop.yaml", "--preset", PRESET, "--dir", target, "--no-input",
        cwd=target.parent,
    )  # fmt: skip
    assert code == 0, err
    return target


@pytest.mark.parametrize("folder", sorted(set(SEED_TREE) - LATER))
def test_each_seed_folder_is_in_the_project(bookshop: Path, folder: str) -> None:
    present = {path.name for path in (bookshop / folder).iterdir()}
    for name in SEED_TREE[folder] - {Path(later).name for later in LATER if later.startswith(f"{folder}/")}:
        if "efault" not in name:
            assert name in present, f"{folder}: missing {name}"
            continue
        for plural, cls_plural in RESOURCES.items():
            wanted = name.replace("Default", cls_plural).replace("default", plural)
            assert wanted in present, f"{folder}: missing {wanted}"


def test_the_seeds_top_level_imports_and_no_package(bookshop: Path) -> None:
    """As in BackAnt: api/ is on sys.path, no __init__.py, imports by top-level folder."""
    assert not list((bookshop / "api").rglob("__init__.py"))
    route = (bookshop / "api/routes/books_route.py").read_text()
    assert "from services.books_service import BookService" in route
    assert 'books_bp = APIBlueprint("books", __name__, url_prefix="/api/v1/books"' in route
    model = (bookshop / "api/models/Books_model.py").read_text()
    assert "from startup.Alchemy import Entity" in model and "class BookRow(TypedDict):" in model
    assert (
        "class BookRepository(Repository[BookRow]):"
        in (bookshop / "api/repositories/books_repository.py").read_text()
    )
    assert "class BookCreate(Schema):" in (bookshop / "api/schemas/PostBooks_schema.py").read_text()
    pyproject = (bookshop / "pyproject.toml").read_text()
    assert 'mypy_path = "api"' in pyproject and 'pythonpath = ["api", "."]' in pyproject
    assert "prepend_sys_path = api" in (bookshop / "alembic.ini").read_text()
    assert 'pythonpath = "api"' in (bookshop / "gunicorn.conf.py").read_text()
    assert "export PYTHONPATH := api" in (bookshop / "Makefile").read_text()


def test_app_registers_every_blueprint_and_init_db_imports_every_model(bookshop: Path) -> None:
    app = (bookshop / "api/app.py").read_text()
    alchemy = (bookshop / "api/startup/Alchemy.py").read_text()
    for plural, cls_plural in RESOURCES.items():
        assert f"from routes.{plural}_route import {plural}_bp" in app
        assert app.count(f"app.register_blueprint({plural}_bp)") == 1
        cls = cls_plural.removesuffix("s")
        assert f"    from models.{cls_plural}_model import {cls}  # noqa: F401" in alchemy
    assert "def create_app(" in app and "init_db()" in app
    assert "create_all" not in alchemy.replace("`create_all()`", "")  # Alembic builds the schema
    assert "class Base(DeclarativeBase):" in alchemy and "def build_engine(" in alchemy
    environment = (bookshop / "api/startup/Environment.py").read_text()
    assert "class Settings(BaseSettings):" in environment and "myEnvironment = get_settings()" in environment
    errors = (bookshop / "api/helper/execution_tracking/APIException.py").read_text()
    assert "class APIException(AppError):" in errors
    handlers = (bookshop / "api/helper/execution_tracking/ErrorHandlers.py").read_text()
    assert "app.register_error_handler(APIException, _app_error)" in handlers


def test_env_is_shipped_with_development_values_and_no_secret(bookshop: Path) -> None:
    env = (bookshop / ".env").read_text()
    assert "ENVIRONMENT=development" in env and "DATABASE_URL=sqlite:///./bookshop.db" in env
    settings = dict(line.split("=", 1) for line in env.splitlines() if line and not line.startswith("#"))
    assert not {key for key in settings if re.search("SECRET|PASSWORD|TOKEN|KEY", key)}
    assert ".env" not in (bookshop / ".gitignore").read_text().splitlines()  # BackAnt commits it
    assert not (bookshop / ".env.example").exists()
    requirements = (bookshop / "requirements.txt").read_text()
    assert "boto3" in requirements and "moto" in (bookshop / "requirements-dev.txt").read_text()
    assert "5000" in (bookshop / "Dockerfile").read_text()


def check_jsonschema(schema: str, path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [CHECK_JSONSCHEMA, "--builtin-schema", schema, str(path)], capture_output=True, text=True, check=False
    )


@pytest.mark.parametrize(
    ("schema", "name", "mistake"),
    [
        ("vendor.github-workflows", ".github/workflows/build_and_push_to_ecr.yml", ("runs-on:", "runs_on:")),
        ("vendor.compose-spec", "docker-compose.yml", ("image:", "images:")),
        ("vendor.compose-spec", "docker-compose-prod.yml", ("restart: always", "restart: [always]")),
    ],
)
def test_ci_and_compose_files_are_valid(
    bookshop: Path, tmp_path: Path, schema: str, name: str, mistake: tuple[str, str]
) -> None:
    result = check_jsonschema(schema, bookshop / name)
    assert result.returncode == 0, result.stdout + result.stderr
    broken = tmp_path / Path(name).name  # the check does catch a mistake
    broken.write_text((bookshop / name).read_text().replace(*mistake))
    assert check_jsonschema(schema, broken).returncode == 1


def test_the_workflow_pushes_the_image_to_ecr(bookshop: Path) -> None:
    workflow = (bookshop / ".github/workflows/build_and_push_to_ecr.yml").read_text()
    assert "branches: [main]" in workflow and "aws-actions/amazon-ecr-login" in workflow
    assert "${{ secrets.AWS_ROLE_ARN }}" in workflow and "docker push" in workflow
    assert "ECR_REGISTRY" in (bookshop / "docker-compose-prod.yml").read_text()


@pytest.fixture
def shop(cli: Cli, tmp_path: Path) -> Path:
    code, _, err = cli("new", "shop", "--preset", PRESET, "--no-input", cwd=tmp_path)
    assert code == 0, err
    code, _, err = cli("g", "resource", "author", "name:str:max=120", cwd=tmp_path / "shop")
    assert code == 0, err
    return tmp_path / "shop"


def test_generate_registers_once_and_a_second_run_has_nothing_to_do(cli: Cli, shop: Path) -> None:
    args = ("generate", "resource", "book", "title:str", "price:decimal", "author:ref")
    before = snapshot(shop)
    code, out, _ = cli(*args, "--dry-run", cwd=shop)
    assert code == 0 and snapshot(shop) == before
    assert (
        "would create  api/routes/books_route.py" in out and "would create  api/models/Books_model.py" in out
    )
    assert "would modify  api/app.py" in out and "+    app.register_blueprint(books_bp)" in out
    assert "would modify  api/startup/Alchemy.py" in out and "+    from models.Books_model import Book" in out

    assert cli(*args, cwd=shop)[0] == 0
    after = snapshot(shop)
    code, out, err = cli(*args, cwd=shop)
    assert code == 0 and "nothing to do" in out and "skipped: book" in err
    assert snapshot(shop) == after
    assert (shop / "api/app.py").read_text().count("app.register_blueprint(books_bp)") == 1
    assert (shop / "api/startup/Alchemy.py").read_text().count("import Book ") == 1
    pyproject = (shop / "pyproject.toml").read_text()
    assert '"models.Books_model"' in pyproject and '"services",' in pyproject  # contract and roots


def test_json_report_and_a_file_the_user_wrote(cli: Cli, shop: Path) -> None:
    code, out, _ = cli("g", "resource", "book", "title:str", "--json", cwd=shop)
    report = json.loads(out)
    assert code == 0 and report["status"] == "updated"
    assert "api/services/books_service.py" in report["created"]
    assert {"api/app.py", "api/startup/Alchemy.py", "pyproject.toml"} <= set(report["modified"])

    mine = shop / "api/services/shelves_service.py"
    mine.write_text("# our own shelf rules\n")
    before = snapshot(shop)
    code, out, _ = cli("g", "resource", "shelf", "label:str", "--json", cwd=shop)
    report = json.loads(out)
    assert code == 1 and report["status"] == "conflict"
    assert report["conflicts"] == ["api/services/shelves_service.py"]
    assert snapshot(shop) == before


def test_a_reformatted_app_keeps_growing(cli: Cli, shop: Path) -> None:
    app = shop / "api/app.py"
    text = app.read_text().replace(
        "    app.register_blueprint(authors_bp)\n",
        "    # our resources\n    app.register_blueprint(authors_bp)  # first\n",
    )
    app.write_text(text)
    assert cli("g", "resource", "book", "title:str", "author:ref", "--force", cwd=shop)[0] == 0
    edited = app.read_text()
    assert "# our resources" in edited and "register_blueprint(authors_bp)  # first" in edited
    assert edited.index("register_blueprint(authors_bp)") < edited.index("register_blueprint(books_bp)")


@pytest.mark.parametrize("name", ["entity", "repository", "database", "startup", "helper"])
def test_names_that_collide_in_this_tree_are_refused(cli: Cli, shop: Path, name: str) -> None:
    before = snapshot(shop)
    code, _, err = cli("g", "resource", name, "label:str", cwd=shop)
    assert code == 1 and err.startswith("error: ") and "flask-layered preset" in err and err.count("\n") == 1
    assert snapshot(shop) == before


def test_the_readmes_growing_commands_work(cli: Cli, shop: Path) -> None:
    readme = (shop / "README.md").read_text()
    assert "no `api/decorators/`" in readme and "token_required" in readme
    for args in layerkit_commands(readme, "Growing it"):
        assert cli(*args, cwd=shop)[0] == 0, args
    assert (shop / "api/routes/tickets_route.py").is_file()
    assert "def create_create(self, data: JsonValue)" in (shop / "api/services/users_service.py").read_text()
    assert "app.register_blueprint(users_bp)" in (shop / "api/app.py").read_text()
    assert "from models.Tickets_model import Ticket" in (shop / "api/startup/Alchemy.py").read_text()
