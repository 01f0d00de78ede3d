"""The outputs wing: what the site gives beside its pages.

最近收录 (``llm-recent``), the open data (``catalog.json``, its schema and ``feed.xml``, written
beside index.html where the builder publishes a site root; :mod:`.opendata`) and the link
checker's report by record and data-file line (:mod:`.linkreport`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..site import builders
from . import opendata
from .directive import RecentDirective
from .linkreport import write_report

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx


def link_open_data(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Links to the open data where the builder writes it; elsewhere the line goes."""
    opendata.place_links(doctree, app.builder, docname, written=builders.writes_open_data(app.builder))


def write_open_data(app: Sphinx, exception: Exception | None) -> None:
    if exception is None and builders.writes_open_data(app.builder):
        opendata.write_files(app)


def announce_feed(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: object) -> None:
    if builders.writes_open_data(app.builder):
        opendata.feed_link(app, context)


def setup(app: Sphinx) -> None:
    app.add_directive("llm-recent", RecentDirective)
    for event in (builders.WEB_PAGE, builders.PRINT_PAGE):
        app.connect(event, link_open_data, priority=500)
    app.connect("build-finished", write_open_data)
    app.connect("html-page-context", announce_feed)
    app.connect("build-finished", write_report)
