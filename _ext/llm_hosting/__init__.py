"""Hosting polish of the HTML site that the well-kept extensions configured in conf.py leave open.

- ``a11y``: toctree captions get the ``aria-level`` their ``role="heading"`` requires.
- ``preview``: link previews describe a page by its first paragraph, in readable Chinese.
- ``notfound``: the 404 page's scripts find the site root from any depth.
- ``downloads``: the home page's links to the PDF, EPUB and HTML zip on Read the Docs.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from . import a11y, downloads, notfound, preview


def setup(app: Sphinx) -> dict[str, Any]:
    a11y.setup(app)
    preview.setup(app)
    notfound.setup(app)
    downloads.setup(app)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
