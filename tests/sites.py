"""The real site and its variants, each built once per test session and shared by every test.

A *variant* is a copy of the project whose data file a contributor changed:

- ``real``: the project itself, as it is;
- ``contribution``: real records added the way CONTRIBUTING.md says, a step on a study path, and
  the weekly link check's edit applied on top (:mod:`contribution`);
- ``generated``: records drawn from the data file's JSON Schema with fixed seeds and edge cases
  written by hand, all of which ``make check`` accepts (:mod:`generated`).

Tests that read a site's output or its data take the ``project`` fixture (or ``site``, ``catalog``
...), and conftest.py parametrises them over the variants, so the same assertions prove that a
valid contribution keeps them green. A module narrows the variants with ``pytest.mark.sites``.

Every build happens once per session, whichever test (or xdist worker) asks first, under a file
lock (pytest-xdist's documented pattern); the others wait and read it. A build is stored under a
digest of the project's inputs, so an edited data file is built anew, never read stale. A build
that fails reports its log and the command that reproduces it once; every later request gets one
line pointing there.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import pytest
import yaml
from filelock import FileLock, Timeout

REPO = Path(__file__).resolve().parent.parent
TESTS = REPO / "tests"

#: Every variant, in the order their tests run; the names are the tests' parameter ids.
VARIANTS = ("real", "contribution", "generated")

#: What a copy of the project leaves out: caches, builds, tools installed into the checkout.
COPY_SKIP = shutil.ignore_patterns(
    ".git", ".venv", "_build", "node_modules", "__pycache__", ".pytest_cache", ".ruff_cache", "*.mo", "mutants"
)

#: The strict options of every shared web build: nitpicky, warnings are errors, all reported.
STRICT = ("-n", "-W", "--keep-going", "--no-color")

#: Read the Docs' build of the latest version, as scripts/rtd-build runs it. The language is the
#: code Read the Docs now uses for Simplified Chinese (conf.py must cope with it); the canonical
#: address is the version's public base. Tests derive what they expect from these.
RTD_SLUG = "llm-study-guide"
RTD_LANGUAGE = "zh-hans"
RTD_PREFIX = "/zh-cn/latest/"
RTD_CANONICAL = f"https://{RTD_SLUG}.readthedocs.io{RTD_PREFIX}"
#: The variables scripts/rtd-build exports (and Read the Docs sets) during that build.
RTD_ENV = {
    "READTHEDOCS": "True",
    "READTHEDOCS_PROJECT": RTD_SLUG,
    "READTHEDOCS_LANGUAGE": RTD_LANGUAGE,
    "READTHEDOCS_VERSION": "latest",
    "READTHEDOCS_VERSION_TYPE": "branch",
    "READTHEDOCS_CANONICAL_URL": RTD_CANONICAL,
}

#: The inputs of a build: a change to any of them is a new build (see :func:`inputs_digest`).
INPUT_GLOBS = (
    "conf.py",
    "*.md",
    "materials/**/*",
    "textbooks/**/*",
    "resources/**/*",
    "_data/*",
    "_ext/**/*",
    "_static/**/*",
    "_templates/**/*",
    "locale/**/*.po",
    "scripts/rtd-build",
    "scripts/make-htmlzip",
    "scripts/check-latex-log",
    ".readthedocs.yaml",
)


def clean_env(**extra: str) -> dict[str, str]:
    """The environment of a build or a command: no Read the Docs or pytest variables, plus *extra*."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("READTHEDOCS", "PYTEST_", "LLM_GUIDE_"))}
    env.update(extra)
    return env


def inputs_digest(root: Path) -> str:
    """A short digest of the files a build of *root* reads (their paths, sizes and times)."""
    digest = hashlib.sha1()
    for pattern in INPUT_GLOBS:
        for path in sorted(root.glob(pattern)):
            if path.is_file() and "__pycache__" not in path.parts:
                stat = path.stat()
                digest.update(f"{path.relative_to(root)}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:12]


class Busy(Exception):
    """Another worker is making this shared folder now (asked with ``wait=False``)."""


class SharedFailure(Exception):
    """A shared build or copy failed; its message says what, and how to reproduce it."""


def run(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, env=env or clean_env(), check=False)


def command_line(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> str:
    """*args* as a shell command a maintainer can paste (with the variables that differ)."""
    changed = {k: v for k, v in (env or {}).items() if os.environ.get(k) != v and k.startswith("READTHEDOCS")}
    prefix = " ".join(f"{k}={shlex.quote(v)}" for k, v in sorted(changed.items()))
    return f"cd {shlex.quote(str(cwd))} && {prefix + ' ' if prefix else ''}{shlex.join(args)}"


def checked(result: subprocess.CompletedProcess[str], what: str, command: str, *, strict: bool = True) -> None:
    """Raise :class:`SharedFailure` with the log when *result* failed (or, *strict*, warned)."""
    warned = strict and ("WARNING" in result.stderr or "ERROR" in result.stderr)
    if result.returncode == 0 and not warned:
        return
    log = (result.stdout[-4000:] + "\n" + result.stderr[-8000:]).strip()
    raise SharedFailure(f"{what} failed (exit {result.returncode}); reproduce with: {command}\n\n{log}")


@dataclass
class Store:
    """Folders made once per session under one root that every xdist worker shares."""

    root: Path
    #: Failures this process has already reported in full (the rest are reported in one line).
    reported: set[str] = field(default_factory=set)

    def once(self, name: str, make: Callable[[Path], None], *, wait: bool = True) -> Path:
        """The folder *name*, made by ``make(folder)`` the first time any test asks for it. With
        ``wait=False`` a folder another worker is making now is not waited for (:class:`Busy`)."""
        folder = self.root / name
        done, failed = folder / ".done", self.root / f"{name}.failed"
        folder.parent.mkdir(parents=True, exist_ok=True)
        lock = FileLock(f"{folder}.lock", timeout=-1 if wait else 0)
        try:
            lock.acquire()
        except Timeout:
            raise Busy(name) from None
        try:
            if done.exists():
                return folder
            if failed.exists():
                first = failed.read_text(encoding="utf-8").splitlines()[0]
                raise SharedFailure(f"{first} (its log was reported once, by the first test that needed it)")
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True)
            try:
                make(folder)
            except SharedFailure as error:
                failed.write_text(str(error), encoding="utf-8")
                raise
            done.touch()
        finally:
            lock.release()
        return folder


@dataclass
class Project:
    """One variant: a project folder with its data file, built on demand and shared."""

    name: str
    root: Path
    store: Store

    @property
    def data_file(self) -> Path:
        return self.root / "_data" / "catalog.yaml"

    @property
    def schema_file(self) -> Path:
        return self.root / "_data" / "catalog.schema.json"

    @cached_property
    def catalog(self) -> Any:
        """The data file as the extension reads it (its records, facets, paths)."""
        from llm_catalog.rules.load import load

        return load(self.data_file, self.schema_file)

    @cached_property
    def data(self) -> dict[str, Any]:
        """The data file as plain YAML (values as YAML 1.1 reads them, as the schema sees them)."""
        return yaml.safe_load(self.data_file.read_text(encoding="utf-8"))

    @cached_property
    def text_data(self) -> dict[str, Any]:
        """The data file with every scalar as text (as written)."""
        return yaml.load(self.data_file.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)

    def build(self, kind: str, *, wait: bool = True) -> Path:
        """The output folder of the shared build *kind* (see :data:`BUILDS`) of this variant."""
        make = BUILDS[kind]
        name = f"{self.name}/{kind}-{inputs_digest(self.root)}"
        return self.store.once(name, lambda folder: make(self, folder), wait=wait)


def sphinx_args(builder: str, src: Path, out: Path, doctrees: Path) -> list[str]:
    return [sys.executable, "-m", "sphinx", "-b", builder, *STRICT, "-E", "-d", str(doctrees), str(src), str(out)]


def _sphinx(builder: str) -> Callable[[Project, Path], None]:
    """A strict build of the project with *builder*, as ``make html`` runs it; the pages are in
    the folder's ``out``."""

    def make(project: Project, folder: Path) -> None:
        args = sphinx_args(builder, project.root, folder / "out", folder / "doctrees")
        result = run(args, project.root)
        checked(result, f"the {builder} build of the {project.name} site", command_line(args, project.root))
        (folder / "build.log").write_text(result.stdout + result.stderr, encoding="utf-8")

    return make


def _rtd(project: Project, folder: Path) -> None:
    """Read the Docs' own commands (scripts/rtd-build): html, htmlzip, pdf and epub in ``out``."""
    args = [str(project.root / "scripts" / "rtd-build"), str(folder / "out"), RTD_SLUG, RTD_LANGUAGE]
    env = clean_env(PYTHON=sys.executable, READTHEDOCS_CANONICAL_URL=RTD_CANONICAL)
    result = run(args, project.root, env)
    checked(result, f"Read the Docs' build of the {project.name} site", command_line(args, project.root, env))


#: The shared builds: each kind's output is the folder ``out`` of the build's folder.
BUILDS: dict[str, Callable[[Project, Path], None]] = {
    "html": _sphinx("html"),
    "dirhtml": _sphinx("dirhtml"),
    "singlehtml": _sphinx("singlehtml"),
    "text": _sphinx("text"),
    "rtd": _rtd,
}


def copy_project(destination: Path, source: Path = REPO) -> Path:
    """A copy of the project's own files, to edit without touching the checkout; the pinned
    JavaScript tools (not copied) are linked in."""
    shutil.copytree(source, destination, ignore=COPY_SKIP, symlinks=True)
    if (source / "node_modules").is_dir():
        (destination / "node_modules").symlink_to(source / "node_modules")
    return destination


def git_snapshot(project: Path, message: str = "A contribution") -> None:
    """Make *project* a clone with one commit, as a contributor's is (page dates come from git)."""
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", message]):
        result = run(["git", "-c", "user.name=Contributor", "-c", "user.email=c@example.org", *args], project)
        if result.returncode != 0:
            raise SharedFailure(f"git {args[0]} failed in {project}: {result.stderr}")


def _real(store: Store, *, wait: bool = True) -> Path:
    return REPO


def _contribution(store: Store, *, wait: bool = True) -> Path:
    from contribution import make_contributed

    def make(folder: Path) -> None:
        make_contributed(folder / "project")

    return store.once(f"contribution/project-{inputs_digest(REPO)}", make, wait=wait) / "project"


def _generated(store: Store, *, wait: bool = True) -> Path:
    from generated import make_generated

    def make(folder: Path) -> None:
        make_generated(folder / "project", seed=explore_seed())

    seed = explore_seed()
    tag = f"seed{seed}" if seed is not None else "fixed"
    return store.once(f"generated/project-{tag}-{inputs_digest(REPO)}", make, wait=wait) / "project"


#: How each variant's project folder is made (once per session).
MAKERS: dict[str, Callable[..., Path]] = {"real": _real, "contribution": _contribution, "generated": _generated}

#: The shared builds in the order `make test` makes them before its first test: the longest
#: first, so the workers finish together.
PREBUILD_KINDS = ("rtd", "html", "dirhtml", "singlehtml", "text")


def prebuild(store: Store, variants: list[str], worker: int, workers: int) -> None:
    """Make every shared build of *variants* before the tests ask for them, each worker taking
    them in its own order and skipping what another worker is making: both cores build, where
    otherwise a worker would wait for the build another is making. A build that fails is left
    for the first test that needs it to report."""
    shift = worker * len(variants) // max(workers, 1)
    for name in variants[shift:] + variants[:shift]:
        try:
            project = Project(name, MAKERS[name](store, wait=False), store)
            for kind in PREBUILD_KINDS:
                with contextlib.suppress(Busy):
                    project.build(kind, wait=False)
        except (Busy, SharedFailure):
            continue


def explore_seed() -> int | None:
    """The seed ``make explore`` draws new records with; None: the fixed examples of ``make test``."""
    value = os.environ.get("LLM_EXPLORE_SEED", "")
    return int(value) if value else None


@contextlib.contextmanager
def failing_as_pytest() -> Iterator[None]:
    """A shared failure as a test failure without a traceback (the message has the log)."""
    try:
        yield
    except SharedFailure as error:
        pytest.fail(str(error), pytrace=False)
