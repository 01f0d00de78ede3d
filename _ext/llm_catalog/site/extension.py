"""The core's wiring: config values, the domain, loading the data, incremental rebuilds, and the
plumbing every wing shares (builders' events, elements, scripts, the garbage collector).

The wings (cards, filter, progress, paths, search, paper, outputs) register themselves with
their own ``setup(app)``, called by the package's (``llm_catalog/__init__.py``) after this one.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.util import logging

from ..data.problems import CatalogInvalid, summary_line
from ..rules.load import DEFAULT_FILE, load
from . import __version__, builders, collector, elements, scripts
from .domain import WARNING_TYPE, CatalogDomain, catalog_domain, warn_missing_reference

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)


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
    builders.setup(app)
    elements.setup(app)
    scripts.setup(app)
    collector.setup(app)
    app.connect("builder-inited", load_catalog)
    app.connect("warn-missing-reference", warn_missing_reference)
    app.connect("env-get-outdated", reread_changed_records)
    app.connect("env-before-read-docs", forget_pages_to_read)
    app.connect("env-updated", rewrite_moved_references)
    app.connect("env-check-consistency", check_all_shown)
    return {
        "version": __version__,
        "env_version": 8,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
