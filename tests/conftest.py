"""Shared fixtures: the real site and its variants built once, one browser and one server per
worker, sphinx.testing roots, tool discovery.

The sites are made in :mod:`sites` (with :mod:`contribution` and :mod:`generated`); a test that
reads a site or its data takes ``project`` (or ``site``, ``catalog``, ``rtd`` ...) and runs once per
variant. ``pytest --sites=real`` narrows the variants of a run; a module narrows its own with
``pytestmark = pytest.mark.sites(...)``.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup

from datafile import add_to_section, make_room, record_id, same_material, without_records  # noqa: F401
from llm_catalog import DEFAULT_FILE
from sites import VARIANTS, Project, Store, copy_project, failing_as_pytest  # noqa: F401
from standin import StandIn, dead_address, serving

pytest_plugins = ("sphinx.testing.fixtures",)

REPO = Path(__file__).resolve().parent.parent
#: How often a browser test looks again while it waits for the page (Selenium's default is
#: every half second, which hundreds of waits turn into minutes of an idle suite).
POLL = 0.05

#: The site's extension package folder (pyproject.toml puts it on sys.path for the tests).
EXT_DIR = REPO / "_ext"
DATA_FILE = REPO / DEFAULT_FILE
SCHEMA_FILE = DATA_FILE.with_name("catalog.schema.json")
# Test roots are copied to a temporary folder; their conf.py finds the repository here.
os.environ["LLM_GUIDE_REPO"] = str(REPO)


# -- Variants of the site ---------------------------------------------------------------------


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--sites",
        default=",".join(VARIANTS),
        help=f"comma-separated variants of the site that tests read (default: all of {', '.join(VARIANTS)})",
    )
    parser.addoption(
        "--prebuild",
        action="store_true",
        help="make every shared build of the selected variants before the first test (make test: the whole "
        "suite needs them all, and the workers build them side by side instead of waiting for each other)",
    )


def pytest_configure(config: pytest.Config) -> None:
    # Hypothesis keeps caches in .hypothesis/ of the working folder: the tests write nothing there.
    from hypothesis.configuration import set_hypothesis_home_dir

    set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "llm-study-guide-hypothesis")
    config.addinivalue_line("markers", "sites(*names): the variants of the site this test reads (default: all)")
    config.addinivalue_line("markers", "site: reads a whole site or drives a browser (not in make test-fast)")
    config.addinivalue_line(
        "markers", "slow: tens of seconds on a tiny root or drawing records (in make test, not make test-fast)"
    )
    unknown = set(_selected(config)) - set(VARIANTS)
    if unknown:
        raise pytest.UsageError(f"--sites: unknown variants {sorted(unknown)}; choose from {', '.join(VARIANTS)}")


#: Fixtures of whole sites and browsers: a test that takes one is no part of ``make test-fast``.
SITE_FIXTURES = frozenset({"project", "real_project", "store", "static", "browser", "phone", "fresh_storage"})


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark ``site`` every test that reads a whole site (shared or its own) or drives a browser.

    ``make test-fast`` runs the rest: rules, model, tools and tiny test roots. A test that builds
    the whole project itself (a copy) says so with ``pytest.mark.site``; one that takes tens of
    seconds even so (every field changed in turn, records drawn) with ``pytest.mark.slow``.
    """
    for item in items:
        if SITE_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.site)


def _selected(config: pytest.Config) -> list[str]:
    return [name.strip() for name in config.getoption("--sites").split(",") if name.strip()]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """A test that takes ``project`` runs once per variant it reads and the run selects."""
    if "project" not in metafunc.fixturenames:
        return
    marker = metafunc.definition.get_closest_marker("sites")
    names = marker.args if marker else VARIANTS
    selected = _selected(metafunc.config)
    metafunc.parametrize("project", [n for n in names if n in selected], indirect=True, scope="session")


def pytest_report_header(config: pytest.Config) -> str:
    seed = os.environ.get("LLM_EXPLORE_SEED")
    line = f"sites: {', '.join(_selected(config))}"
    return line + (f"; generated records drawn with LLM_EXPLORE_SEED={seed}" if seed else "")


@pytest.fixture(scope="session")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    """Where the shared sites live: one folder for the whole session, every xdist worker included."""
    return Store(shared_root(tmp_path_factory) / "shared")


def shared_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder all of this session's workers share (each worker's own is inside it)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@pytest.fixture(scope="session", autouse=True)
def prebuilt(request: pytest.FixtureRequest) -> None:
    """With ``--prebuild`` and tests that read sites: every shared build, made before the tests."""
    config = request.config
    if not config.getoption("--prebuild") or not any(item.get_closest_marker("site") for item in request.session.items):
        return
    from sites import prebuild

    worker = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw"))
    workers = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1"))
    prebuild(request.getfixturevalue("store"), _selected(config), worker, workers)


@pytest.fixture(scope="session")
def project(request: pytest.FixtureRequest, store: Store) -> Project:
    """One variant of the project (see :mod:`sites`), made once per session."""
    from sites import MAKERS

    name = request.param
    with failing_as_pytest():
        return Project(name, MAKERS[name](store), store)


@pytest.fixture(scope="session")
def real_project(store: Store) -> Project:
    """The project as it is, for what only the checkout itself can show (its files, its git)."""
    return Project("real", REPO, store)


def shared_build(project: Project, kind: str) -> Path:
    with failing_as_pytest():
        return project.build(kind) / "out"


@pytest.fixture(scope="session")
def site(project: Project) -> Path:
    """The variant's site, built once strictly (nitpicky, warnings as errors) and serially."""
    return shared_build(project, "html")


@pytest.fixture(scope="session")
def catalog(project: Project):
    """The variant's data file, loaded as the extension loads it."""
    return project.catalog


@pytest.fixture(scope="session")
def data(project: Project) -> dict:
    """The variant's data file as plain YAML (``yaml.safe_load``)."""
    return project.data


@pytest.fixture(scope="session")
def raw(project: Project) -> dict:
    """The variant's data file with every value as written (``yaml.BaseLoader``)."""
    return project.text_data


@pytest.fixture(scope="session")
def rtd(project: Project) -> Path:
    """Read the Docs' build of the variant (scripts/rtd-build): ``html``, ``htmlzip``, ``pdf``, ``epub``."""
    for tool in ("xelatex", "latexmk"):
        require_tool(tool, "the PDF is typeset with XeLaTeX through latexmk")
    return shared_build(project, "rtd")


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


def run_tool(
    folder: Path, *args: str, env: dict[str, str] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """``python -m llm_catalog ARGS`` in *folder*, with the extension on its path and no other
    environment than *env* (no token or key of whoever runs the tests goes along)."""
    return subprocess.run(
        [sys.executable, "-m", "llm_catalog", *args],
        cwd=folder,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(EXT_DIR), "PATH": "/usr/bin:/bin", **(env or {})},
        check=False,
        timeout=timeout,
    )


def tool_folder(folder: Path, catalog: Path | str) -> Path:
    """*folder* with ``_data/catalog.yaml`` (a copy of the file *catalog*, or the text *catalog*)
    and the schema beside it, for a tool to run in and edit."""
    (folder / "_data").mkdir()
    if isinstance(catalog, Path):
        shutil.copy(catalog, folder / "_data" / "catalog.yaml")
    else:
        (folder / "_data" / "catalog.yaml").write_text(catalog, encoding="utf-8")
    shutil.copy(SCHEMA_FILE, folder / "_data" / "catalog.schema.json")
    return folder


@pytest.fixture
def root_copy(tmp_path: Path, rootdir: Path) -> Path:
    """A copy of the ``basic`` test root that a test may edit and build in place."""
    return Path(shutil.copytree(rootdir / "test-basic", tmp_path / "basic"))


class WarmRoots:
    """Test roots built once, whose warm environment each rebuild test starts from.

    A root is built fresh once per worker (per ``parallel`` and configuration) at a fixed folder
    and kept as a pristine copy; :meth:`restore` puts that copy back at the same folder (Sphinx
    re-reads everything when its folder moves), with the files' times, so the next build of it is
    incremental and reads only what the test edits.
    """

    def __init__(self, top: Path, rootdir: Path) -> None:
        self.top, self.rootdir = top, rootdir
        self.made: dict[tuple, tuple[Path, Path]] = {}

    def restore(self, name: str, *, parallel: int = 1, **confoverrides: object) -> Path:
        key = (name, parallel, tuple(sorted(confoverrides.items())))
        if key not in self.made:
            from sphinx.testing.util import SphinxTestApp

            folder = self.top / f"{name}-{len(self.made)}"
            work, pristine = folder / "work", folder / "pristine"
            shutil.copytree(self.rootdir / f"test-{name}", work)
            app = SphinxTestApp("html", srcdir=work, parallel=parallel, confoverrides=confoverrides or None)
            try:
                app.build()
                assert warnings_of(app) == "", warnings_of(app)
            finally:
                app.cleanup()
            shutil.copytree(work, pristine, symlinks=True)
            self.made[key] = (work, pristine)
        work, pristine = self.made[key]
        shutil.rmtree(work)
        shutil.copytree(pristine, work, symlinks=True)
        return work


@pytest.fixture(scope="session")
def warm(tmp_path_factory: pytest.TempPathFactory, rootdir: Path) -> WarmRoots:
    return WarmRoots(tmp_path_factory.mktemp("warm"), rootdir)


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


@functools.cache
def parsed(path: Path) -> BeautifulSoup:
    """*path* parsed once per worker: for tests that only read a shared build's page (never change it)."""
    return soup(path)


@pytest.fixture
def standin() -> Iterator[Callable[..., StandIn]]:
    """``standin(routes, fallback=...)`` starts a stand-in web server (:mod:`standin`) for the test."""
    with contextlib.ExitStack() as servers:
        yield lambda *args, **kwargs: servers.enter_context(StandIn(*args, **kwargs))


@pytest.fixture
def dead_host() -> str:
    """An address on loopback where nothing listens: the port was free a moment ago."""
    return dead_address()


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve *directory* (a test's own build, outside the shared root) on 127.0.0.1; yield its base URL."""

    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

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
    """Headless Chromium driven by Selenium: one per worker, shared by every browser test.

    A test leaves it as it found it: the window 1280 px wide, no device emulation (the ``phone``
    fixture), no stored progress (``fresh_storage``).
    """
    driver = start_chromium(tmp_path_factory.mktemp("chromium-profile"))
    try:
        yield driver
    finally:
        driver.quit()


#: The phone the tests emulate: 390 CSS px wide, touch, a dense screen.
PHONE = {"width": 390, "height": 844, "deviceScaleFactor": 3, "mobile": True}


@pytest.fixture
def phone(browser) -> Iterator[object]:
    """The shared browser as a phone for one test (:data:`PHONE`), a desktop again after it."""
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", PHONE)
    try:
        yield browser
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
        browser.set_window_size(1280, 900)


@pytest.fixture
def fresh_storage(browser, static: StaticServer, tmp_path: Path) -> Iterator[object]:
    """The shared browser with no stored data for the test server's pages (as a new profile has),
    saving downloads into the test's own ``downloads`` folder; cleared again after the test."""

    def clear() -> None:
        browser.execute_cdp_cmd("Storage.clearDataForOrigin", {"origin": static.base, "storageTypes": "all"})

    downloads = tmp_path / "downloads"
    downloads.mkdir()
    browser.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    clear()
    try:
        yield browser
    finally:
        browser.get("about:blank")
        clear()


class StaticServer:
    """One static file server per worker for every site of the session (shared builds, test roots)."""

    def __init__(self, root: Path, base: str, not_found: dict[Path, Path]) -> None:
        self.root, self.base, self.not_found = root, base, not_found

    def url(self, path: Path) -> str:
        """The address of *path* (a folder or file under the session's folder), without a final slash."""
        return f"{self.base}/{quote(path.resolve().relative_to(self.root).as_posix())}".rstrip("/")

    def answer_404_with(self, folder: Path, page: Path) -> None:
        """Answer a missing file under *folder* as Read the Docs does: status 404, *page* as the body."""
        self.not_found[folder.resolve()] = page


@pytest.fixture(scope="session")
def static(tmp_path_factory: pytest.TempPathFactory) -> Iterator[StaticServer]:
    root = shared_root(tmp_path_factory).resolve()
    not_found: dict[Path, Path] = {}

    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
            path = Path(self.translate_path(self.path)).resolve()
            page = next((p for folder, p in not_found.items() if folder in (path, *path.parents)), None)
            if code != 404 or page is None:
                super().send_error(code, message, explain)
                return
            body = page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

    with serving(functools.partial(Handler, directory=str(root))) as address:
        yield StaticServer(root, f"http://{address}", not_found)


@pytest.fixture(scope="session")
def server(site: Path, static: StaticServer) -> str:
    """The address of the variant's site on the worker's static server."""
    return static.url(site)


def run_search(browser, site_url: str, query: str) -> tuple[str, list[str]]:
    """Query search.html under *site_url* (served or file://); the summary line and the result links."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(f"{site_url}/search.html?q={quote(query)}")

    def finished(driver) -> bool:
        summary = driver.find_elements(By.CSS_SELECTOR, "#search-results p.search-summary")
        return bool(summary) and summary[0].text.strip() != ""

    WebDriverWait(browser, 30, poll_frequency=POLL).until(finished)
    summary = browser.find_element(By.CSS_SELECTOR, "#search-results p.search-summary").text
    links = [a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, "#search-results ul.search li a")]
    return summary, links
