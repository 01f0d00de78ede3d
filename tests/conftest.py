"""Shared fixtures: sphinx.testing roots, the real site built once, tool discovery."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
import yaml
from bs4 import BeautifulSoup

from llm_catalog import DEFAULT_FILE

# The duplicate-address rule's own comparison: make_room takes out what check would call the same.
from llm_catalog.data.checks import _same_address as same_address

pytest_plugins = ("sphinx.testing.fixtures",)

REPO = Path(__file__).resolve().parent.parent
#: The site's extension package folder (pyproject.toml puts it on sys.path for the tests).
EXT_DIR = REPO / "_ext"
DATA_FILE = REPO / DEFAULT_FILE
SCHEMA_FILE = DATA_FILE.with_name("catalog.schema.json")
# Test roots are copied to a temporary folder; their conf.py finds the repository here.
os.environ["LLM_GUIDE_REPO"] = str(REPO)


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return REPO / "tests" / "roots"


def require_tool(name: str, why: str) -> str:
    """Path of an external tool; skip without it locally, fail in CI where .ci/run installs it."""
    path = shutil.which(name)
    if path:
        return path
    message = f"{name} is not installed ({why}); `make system-deps` installs it"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def sphinx_build(src: Path, out: Path, *args: str, builder: str = "html") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", builder, *args, str(src), str(out)],
        capture_output=True,
        text=True,
        cwd=src,
        check=False,
    )


#: What a copy of the project leaves out: caches, builds, tools installed into the checkout.
COPY_SKIP = shutil.ignore_patterns(
    ".git", ".venv", "_build", "node_modules", "__pycache__", ".pytest_cache", ".ruff_cache"
)


def copy_project(destination: Path) -> Path:
    """A copy of the project's own files, to edit without touching the checkout."""
    shutil.copytree(REPO, destination, ignore=COPY_SKIP, symlinks=True)
    return destination


def without_records(text: str, ids: set[str]) -> str:
    """The data file's text without the records whose id is in *ids* (as a contributor would delete them).

    Tests that add example records first take out any record with the same id, so they keep
    passing after a contributor adds that very record to the real catalog.
    """
    out: list[str] = []
    skipping = False
    for line in text.splitlines(keepends=True):
        if line.startswith("  - "):
            skipping = line.startswith("  - id: ") and line[len("  - id: ") :].strip() in ids
        elif not line.startswith("    ") and line.strip():
            skipping = False
        if not skipping:
            out.append(line)
    return "".join(out)


#: The lists of records, the sections of the data file whose items share one id namespace.
RECORD_SECTIONS = ("courses", "syllabi", "books", "resources")


def _identity(record: dict) -> tuple[set[str], tuple[str, str] | None]:
    """What makes two records the same material for `make check`: their addresses, and for a
    course its institution and title."""
    owners = [record, *(o for o in record.get("offerings") or [] if isinstance(o, dict))]  # a course's offerings
    links = [link for owner in owners for link in owner.get("links") or []]
    urls = {same_address(link["url"]) for link in links if isinstance(link, dict) and "url" in link}
    named = None
    if "category" in record and record.get("institution") and record.get("title"):
        named = (str(record["institution"]).strip().casefold(), str(record["title"]).strip().casefold())
    return urls, named


def make_room(text: str, *snippets: str) -> tuple[str, list[str]]:
    """The data file's text ready for *snippets* (records as a contributor writes them) to be added.

    A record that is the same material as one of the snippets is taken out first: the same id,
    any of the same addresses, or (courses) the same institution and title. So a test that adds
    a real example material keeps passing after a contributor adds that very material, under any
    id. When the material was there under another id, the snippet takes that id, so the study
    paths and requirements that name it still hold. Returns the text and the snippets as added.
    """
    data = yaml.load(text, Loader=yaml.BaseLoader)
    existing = [item for key in RECORD_SECTIONS for item in data.get(key) or [] if isinstance(item, dict)]
    remove: set[str] = set()
    added: list[str] = []
    for snippet in snippets:
        (record,) = yaml.load(snippet, Loader=yaml.BaseLoader)
        urls, named = _identity(record)
        same = [
            item["id"]
            for item in existing
            if item.get("id") == record["id"]
            or urls & _identity(item)[0]
            or (named is not None and named == _identity(item)[1])
        ]
        remove.update(same)
        if same and record["id"] not in same:
            snippet = re.sub(rf"^(  - id: ){re.escape(record['id'])}$", rf"\g<1>{same[0]}", snippet, flags=re.M)
        added.append(snippet)
    return without_records(text, remove), added


def add_to_section(text: str, section: str, snippet: str) -> str:
    """*snippet* (records in the file's block style) at the end of the list *section*, as a
    contributor adds them: before the next top-level key and its blank line, or at the end."""
    lines = text.splitlines(keepends=True)
    start = lines.index(f"{section}:\n")
    end = next((n for n in range(start + 1, len(lines)) if re.match(r"[a-z_]+:", lines[n])), len(lines))
    while end > start + 1 and not lines[end - 1].strip():  # keep the blank line between sections
        end -= 1
    if lines[end - 1] == f"{section}: []\n" or not lines[end - 1].endswith("\n"):
        lines[end - 1] = lines[end - 1].rstrip("\n").removesuffix(" []") + "\n"
    lines.insert(end, snippet if snippet.endswith("\n") else snippet + "\n")
    return "".join(lines)


def record_id(snippet: str) -> str:
    """The id of the record *snippet* (as :func:`make_room` returned it)."""
    return re.search(r"^  - id: (\S+)$", snippet, re.MULTILINE).group(1)


@pytest.fixture
def root_copy(tmp_path: Path, rootdir: Path) -> Path:
    """A copy of the ``basic`` test root that a test may edit and build in place."""
    return Path(shutil.copytree(rootdir / "test-basic", tmp_path / "basic"))


def warnings_of(app) -> str:
    """What a Sphinx test app warned, without the terminal's colour codes."""
    return re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue())


@pytest.fixture
def built(make_app, app_params):
    """The test root named by the test's ``sphinx`` mark, built once, at zero warnings."""
    args, kwargs = app_params
    app = make_app(*args, **kwargs)
    app.build()
    assert warnings_of(app) == ""
    return app


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once strictly (nitpicky, warnings as errors) and serially."""
    out = tmp_path_factory.mktemp("site") / "html"
    result = sphinx_build(REPO, out, "-n", "-W", "--keep-going", "-E", "-d", str(out.parent / "doctrees"))
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr and "ERROR" not in result.stderr, result.stderr
    return out


@contextlib.contextmanager
def serving(handler: Callable[..., http.server.BaseHTTPRequestHandler]) -> Iterator[str]:
    """Run an HTTP server with *handler* on a free port of 127.0.0.1; yield ``127.0.0.1:port``."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@contextlib.contextmanager
def serve(directory: Path, not_found: Path | None = None) -> Iterator[str]:
    """Serve *directory* on 127.0.0.1 and yield its base URL. With *not_found*, a missing file
    is answered like Read the Docs answers it: status 404 with that page as the body."""

    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
            if code != 404 or not_found is None:
                super().send_error(code, message, explain)
                return
            body = not_found.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

    with serving(functools.partial(Handler, directory=str(directory))) as address:
        yield f"http://{address}"


def start_chromium(profile: Path, downloads: Path | None = None, width: int = 1280):
    """Headless Chromium driven by Selenium, with its own profile (its own localStorage) and,
    given *downloads*, saving downloads there without asking."""
    # CHROMIUM / CHROMEDRIVER name another build (GitHub's Ubuntu runners ship Google Chrome).
    chromium = require_tool(os.environ.get("CHROMIUM", "chromium"), "the browser tests drive a real browser")
    driver_path = os.environ.get("CHROMEDRIVER") or shutil.which("chromedriver")
    if not driver_path and os.environ.get("CHROMEWEBDRIVER"):
        driver_path = os.path.join(os.environ["CHROMEWEBDRIVER"], "chromedriver")
    if not driver_path or not os.path.exists(driver_path):
        driver_path = require_tool("chromedriver", "Selenium talks to Chromium through it")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        f"--window-size={width},900",
        f"--user-data-dir={profile}",
    ):
        options.add_argument(flag)
    if downloads is not None:
        options.add_experimental_option(
            "prefs", {"download.default_directory": str(downloads), "download.prompt_for_download": False}
        )
    driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
    if downloads is not None:
        driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    return driver


@pytest.fixture(scope="session")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    """Headless Chromium driven by Selenium, shared by the browser tests."""
    driver = start_chromium(tmp_path_factory.mktemp("chromium-profile"))
    try:
        yield driver
    finally:
        driver.quit()


def run_search(browser, site_url: str, query: str) -> tuple[str, list[str]]:
    """Query search.html under *site_url* (served or file://); the summary line and the result links."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(f"{site_url}/search.html?q={quote(query)}")

    def finished(driver) -> bool:
        summary = driver.find_elements(By.CSS_SELECTOR, "#search-results p.search-summary")
        return bool(summary) and summary[0].text.strip() != ""

    WebDriverWait(browser, 30).until(finished)
    summary = browser.find_element(By.CSS_SELECTOR, "#search-results p.search-summary").text
    links = [a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, "#search-results ul.search li a")]
    return summary, links
