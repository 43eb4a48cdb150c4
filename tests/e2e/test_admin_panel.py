"""`layerkit new --admin`: the project holds our bar with its admin panel, and a person can log in
to the panel in a real (headless) Chromium and find a row created through the API."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support import expected_conditions as seen
from selenium.webdriver.support.wait import WebDriverWait

from tests.e2e.helpers import own_tests, project_env, run, serve, static_checks, tool

pytestmark = pytest.mark.e2e

CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
# Credentials the served app reads from its environment, as in production.
LOGIN = {"ADMIN_USERNAME": "librarian", "ADMIN_PASSWORD": "e2e-password", "ADMIN_SECRET_KEY": "e2e-key" * 6}


# The admin is a feature of the FastAPI family: every preset that offers it is held to this.
ADMIN_PRESETS = ["fastapi", "fastapi-layered"]
# Where each preset puts a resource's admin test.
BOOK_ADMIN_TESTS = {"fastapi": "tests/books/test_admin.py", "fastapi-layered": "tests/test_books_admin.py"}


@pytest.fixture(scope="module", params=ADMIN_PRESETS)
def project(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project with the admin, and a resource added afterwards (no edit of the admin needed)."""
    folder = tmp_path_factory.mktemp("admin")
    run([tool("layerkit"), "new", "shop", "--admin", "--preset", request.param, "--no-input"], cwd=folder)
    project = folder / "shop"
    run(
        [tool("layerkit"), "generate", "resource", "author", "name:str:max=120", "born:date:optional"],
        cwd=project,
    )
    run([tool("layerkit"), "generate", "resource", "book", "title:str:max=200", "author:ref"], cwd=project)
    return project


def test_static_checks_pass(project: Path) -> None:
    static_checks(project)


def test_own_tests_pass_on_sqlite(project: Path) -> None:
    output = own_tests(project)
    assert "failed" not in output
    collected = run([tool("python"), "-m", "pytest", "--collect-only", "-q"], cwd=project)
    preset = next(
        name for name in ADMIN_PRESETS if f'preset = "{name}"' in (project / ".layerkit.toml").read_text()
    )
    assert "tests/test_admin.py" in collected and BOOK_ADMIN_TESTS[preset] in collected


def test_own_tests_pass_on_postgres(project: Path, make_database: Callable[[], str]) -> None:
    output = own_tests(project, TEST_DATABASE_URL=make_database())
    assert " passed" in output and "failed" not in output


def test_fuzzing_finds_nothing_on_sqlite(project: Path) -> None:
    run([tool("python"), "-m", "tests.fuzz", "30"], cwd=project)


def test_placeholder_secrets_stop_the_start_outside_development(project: Path) -> None:
    result = subprocess.run(
        [tool("python"), "-c", "import app.main"],
        cwd=project,
        env=project_env(ENVIRONMENT="production"),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "ADMIN_PASSWORD must be set outside development" in result.stderr


@pytest.fixture(scope="module")
def browser() -> Iterator[WebDriver]:
    """Debian's headless Chromium through its own chromedriver: nothing is downloaded."""
    missing = [str(path) for path in (CHROMIUM, CHROMEDRIVER) if not path.exists()]
    if missing:
        message = f"needs {' and '.join(missing)}: apt-get install chromium chromium-driver (make test does, as root)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.mark.parametrize("database", ["sqlite", "postgres"])
def test_a_person_logs_in_and_finds_the_row(
    project: Path,
    browser: WebDriver,
    database: str,
    tmp_path: Path,
    request: pytest.FixtureRequest,
) -> None:
    if database == "postgres":
        url = request.getfixturevalue("make_database")()
    else:
        url = f"sqlite+aiosqlite:///{tmp_path / 'app.db'}"
    with serve(project, url, **LOGIN) as client:
        author = client.post("/api/v1/authors", json={"name": "Ursula K. Le Guin", "born": "1929-10-21"})
        assert author.status_code == 201, author.text
        book = client.post(
            "/api/v1/books", json={"title": "The Lathe of Heaven", "author_id": author.json()["id"]}
        )
        assert book.status_code == 201, book.text
        base = str(client.base_url).rstrip("/")
        wait = WebDriverWait(browser, 15)
        browser.delete_all_cookies()

        browser.get(f"{base}/admin/book/list")  # a page behind the login sends the browser to it
        wait.until(seen.url_to_be(f"{base}/admin/login"))

        log_in(browser, LOGIN["ADMIN_USERNAME"], LOGIN["ADMIN_PASSWORD"] + "-wrong")
        wait.until(seen.visibility_of_element_located((By.CLASS_NAME, "invalid-feedback")))
        assert "Invalid credentials" in browser.page_source
        browser.get(f"{base}/admin/book/list")
        wait.until(seen.url_to_be(f"{base}/admin/login"))  # still locked out

        log_in(browser, LOGIN["ADMIN_USERNAME"], LOGIN["ADMIN_PASSWORD"])
        wait.until(seen.url_to_be(f"{base}/admin/"))
        browser.find_element(By.LINK_TEXT, "Book").click()  # the menu lists every resource
        wait.until(seen.url_contains("/admin/book/list"))
        rows = [row.text for row in browser.find_elements(By.CSS_SELECTOR, "tbody tr")]
        assert len(rows) == 1 and "The Lathe of Heaven" in rows[0], rows

        browser.find_element(By.LINK_TEXT, "Author").click()
        wait.until(seen.url_contains("/admin/author/list"))
        assert "Ursula K. Le Guin" in browser.find_element(By.CSS_SELECTOR, "tbody").text

        browser.find_element(By.PARTIAL_LINK_TEXT, "Logout").click()
        browser.get(f"{base}/admin/author/list")
        wait.until(seen.url_to_be(f"{base}/admin/login"))


def log_in(browser: WebDriver, username: str, password: str) -> None:
    """Fill in and submit the login form, as a person would."""
    browser.find_element(By.NAME, "username").send_keys(username)
    browser.find_element(By.NAME, "password").send_keys(password)
    browser.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
