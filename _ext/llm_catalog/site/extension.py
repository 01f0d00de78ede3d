"""Sphinx wiring: config values, directives, domain, transforms and event handlers."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.util import logging
from sphinx.util.fileutil import copy_asset_file

from .. import DEFAULT_FILE, __version__
from ..data.load import load
from ..data.problems import CatalogInvalid, summary_line
from . import builders, cards, collector, elements, filtering, graph, paper, progress, scripts, searchzh
from .directives import (
    BooksDirective,
    CategoriesDirective,
    ChineseTableDirective,
    CoursesDirective,
    FilterDirective,
    PathsDirective,
    PrerequisiteGraphDirective,
    RecentDirective,
    ResourcesDirective,
    SyllabusDirective,
)
from .domain import WARNING_TYPE, CatalogDomain, catalog_domain, warn_missing_reference
from .linkreport import write_report

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)

STATIC_DIR = Path(__file__).parent / "static"
LATEX_STYLE = Path(__file__).parent / "latex" / "llm-catalog.sty"


def load_catalog(app: Sphinx) -> None:
    """Parse and check the data file once per build, before any document is read.

    An invalid file stops the build after every problem is reported: a site with records
    silently missing is worse than no site. SystemExit ends the build without the traceback
    and "please report this bug" text that Sphinx prints for exceptions.
    """
    path = Path(app.confdir, app.config.llm_catalog_file)
    schema = Path(app.confdir, app.config.llm_catalog_schema) if app.config.llm_catalog_schema else None
    try:
        catalog = load(path, schema)
    except CatalogInvalid as exc:
        # No warning type here: these errors must not be silenced by suppress_warnings, and
        # without the "[type.subtype]" suffix they read exactly like `make check`.
        for problem in exc.problems:
            message, location = problem.for_sphinx()
            logger.error(message, location=location)
        logger.error(summary_line(exc.problems))
        sys.stderr.flush()
        raise SystemExit(2) from None
    catalog_domain(app.env).set_catalog(catalog, str(path.resolve()))
    hide_data_file(app.env)


def hide_data_file(env: BuildEnvironment) -> None:
    """Keep Sphinx from re-reading every page that shows data whenever the data file changes.

    Pages that show data list the data file among their dependencies, so that their date
    (sphinx-last-updated-by-git) counts its commits. Sphinx would re-read all of them on any
    edit of the file; the fingerprints of what each page shows decide instead
    (reread_changed_records), after which the dependency is put back.
    """
    data_file = catalog_domain(env).catalog_file
    for dependencies in env.dependencies.values():
        # Sphinx stores paths as str-like Path objects: compare as text.
        for dependency in [d for d in dependencies if str(d) == data_file]:
            dependencies.discard(dependency)


def add_static_path(app: Sphinx, config: Config) -> None:
    """Give HTML builders the extension's CSS and JavaScript, before Sphinx compares configurations.

    Sphinx stores the configuration with the environment and compares it with the next run's
    right after ``config-inited``; a path appended later (at ``builder-inited``) is stored but
    missing from the next comparison, so every rebuild reported a changed ``html_static_path``.
    """
    if str(STATIC_DIR) not in config.html_static_path:
        config.html_static_path.append(str(STATIC_DIR))


def copy_latex_style(app: Sphinx, exception: Exception | None) -> None:
    """Put the cards' LaTeX look beside the .tex file that loads it (``add_latex_package``).

    The file is the extension's own: an edited style replaces the copy of an earlier build
    (without ``force`` Sphinx keeps the old one and warns, failing the strict build).
    """
    if exception is None and builders.is_latex(app.builder):
        copy_asset_file(LATEX_STYLE, app.outdir, force=True)


def check_all_shown(app: Sphinx, env: BuildEnvironment) -> None:
    """Every record of the data must be on some page: nothing is dropped silently."""
    domain = catalog_domain(env)
    catalog, shown = domain.catalog, domain.objects
    for item in (*catalog.categories, *catalog.records(), *catalog.paths):
        if item.id not in shown:
            logger.warning(
                "%r is in the data file but not shown on any page; place it with a catalog directive"
                " (paths: llm-paths)",
                item.id,
                type=WARNING_TYPE,
                subtype="not_shown",
                location=f"{catalog.path}:{item.line}",
            )


def reread_changed_records(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Pages showing a part of the data that changed since they were read (see fingerprints)."""
    domain = catalog_domain(env)
    domain.remember_shown()
    outdated = domain.pages_to_reread(sorted(env.all_docs.keys() - added - changed - removed))
    for docname, uses in domain.uses.items():
        if uses:
            env.note_dependency(domain.catalog_file, docname=docname)
    return outdated


def forget_pages_to_read(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Forget what the pages about to be read showed, before any of them is read.

    Sphinx clears each page just before reading it, so a card moved from a page read later
    to one read earlier would meet its old self and be taken for a duplicate.
    """
    domain = catalog_domain(env)
    for docname in docnames:
        domain.clear_doc(docname)


def rewrite_moved_references(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Pages not re-read whose cross-references point to a record that moved or was renamed."""
    return [docname for docname in catalog_domain(env).pages_to_rewrite() if docname in env.all_docs]


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("llm_catalog_file", DEFAULT_FILE, "env", types=frozenset({str}))
    app.add_config_value("llm_catalog_schema", "", "env", types=frozenset({str}))
    app.add_domain(CatalogDomain)
    app.add_directive("llm-courses", CoursesDirective)
    app.add_directive("llm-books", BooksDirective)
    app.add_directive("llm-resources", ResourcesDirective)
    app.add_directive("llm-syllabus", SyllabusDirective)
    app.add_directive("llm-categories", CategoriesDirective)
    app.add_directive("llm-filter", FilterDirective)
    app.add_directive("llm-chinese-table", ChineseTableDirective)
    cards.setup(app)
    filtering.register(app)
    app.add_directive("llm-recent", RecentDirective)
    app.add_directive("llm-paths", PathsDirective)
    app.add_directive("llm-prerequisite-graph", PrerequisiteGraphDirective)
    elements.setup(app)
    progress.setup(app)
    graph.setup(app)
    paper.setup(app)
    builders.setup(app)
    scripts.setup(app)
    searchzh.setup(app)
    app.add_latex_package(LATEX_STYLE.stem)
    app.add_css_file("llm-catalog.css")  # HTML builders only
    collector.setup(app)
    app.connect("builder-inited", load_catalog)
    app.connect("config-inited", add_static_path)
    app.connect("warn-missing-reference", warn_missing_reference)
    app.connect("env-get-outdated", reread_changed_records)
    app.connect("env-before-read-docs", forget_pages_to_read)
    app.connect("env-updated", rewrite_moved_references)
    app.connect("env-check-consistency", check_all_shown)
    app.connect("build-finished", write_report)
    app.connect("build-finished", copy_latex_style)
    return {
        "version": __version__,
        "env_version": 7,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
