"""The 404 page's scripts find the site root from any depth.

sphinx-notfound-page makes the 404 page's links and assets absolute (``notfound_urls_prefix``),
but Sphinx still writes ``data-content_root="./"`` on its ``<html>`` element, which the theme's
and Sphinx's scripts (search highlighting) resolve against the missing page's own address.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx


def _absolute_content_root(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree) -> None:
    if pagename == getattr(app.config, "notfound_pagename", None) and app.config.notfound_urls_prefix:
        context["content_root"] = app.config.notfound_urls_prefix


def setup(app: Sphinx) -> None:
    app.connect("html-page-context", _absolute_content_root)
