"""Shared fixtures: sphinx.testing roots, the real site built once, tool discovery."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from llm_catalog import DEFAULT_FILE

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
