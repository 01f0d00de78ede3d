"""Addresses of the pages and cards that show the data, relative to the page being written."""

from __future__ import annotations

import posixpath
from typing import TYPE_CHECKING

from ..data.prereq import split_id
from ..data.records import Syllabus
from .domain import catalog_domain
from .names import chapter_anchor

if TYPE_CHECKING:
    from sphinx.builders import Builder

    from ..data.records import Catalog


def card_uri(catalog: Catalog, builder: Builder, fromdoc: str, node: str) -> str | None:
    """Address of the card (or syllabus chapter) that shows *node*, relative to *fromdoc*."""
    record_id, number = split_id(node)
    shown = catalog_domain(builder.env).objects.get(record_id)
    if shown is None:
        return None
    anchor = shown.anchor
    if number is not None and isinstance(catalog.get(record_id), Syllabus):
        anchor = chapter_anchor(record_id, number)
    return f"{page_uri(builder, fromdoc, shown.docname)}#{anchor}"


def page_uri(builder: Builder, fromdoc: str, todoc: str) -> str:
    """The page that shows *todoc*, relative to *fromdoc*, without an anchor."""
    uri = builder.get_relative_uri(fromdoc, todoc)
    if uri.startswith("#"):  # singlehtml: every document is a part of the one page
        return f"{builder.config.root_doc}{builder.out_suffix}"  # type: ignore[attr-defined]
    if uri:
        return uri
    # Sphinx answers "" for a link to the same page; an SVG drawn in _images/ needs the name,
    # and dirhtml's page is its folder, named from the folder above (graph links leave the page's).
    target = builder.get_target_uri(fromdoc)
    if target.endswith("/"):
        return f"../{posixpath.basename(target.rstrip('/'))}/"
    return posixpath.basename(target)
