"""Every HTML builder builds the site strictly, and every local link of its pages resolves.

The builds are the shared ones of each variant (strict: nitpicky, warnings are errors, a warning in
the log fails them); see :mod:`sites`.
"""

from __future__ import annotations

import json
import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit
from xml.etree import ElementTree

import pytest

from conftest import parsed, shared_build
from sites import Project

#: Element attributes that name another file of the site.
LINKING = {"a": "href", "link": "href", "img": "src", "script": "src", "object": "data", "iframe": "src"}
#: Links inside an SVG file of the images folder (a graph drawn by sphinx.ext.graphviz in an <object>).
SVG_A = "{http://www.w3.org/2000/svg}a"
SVG_HREF = "{http://www.w3.org/1999/xlink}href"
#: The open data (opendata.py, with the feed's stylesheet) and who writes it: the multi-page
#: sites, not the single page.
OPEN_DATA = ("catalog.json", "catalog-schema.json", "feed.xml", "feed.xsl")
WRITES_OPEN_DATA = {"html": True, "dirhtml": True, "singlehtml": False}


@pytest.fixture(params=sorted(WRITES_OPEN_DATA))
def built(request: pytest.FixtureRequest, project: Project) -> tuple[str, Path]:
    """The variant's shared build with each HTML builder (built strictly, once per session)."""
    builder = request.param
    return builder, shared_build(project, builder)


def local_links(page: Path, out: Path) -> list[tuple[str, Path, str]]:
    """(link as written, file it names, fragment) for every link of *page* into the site."""
    found = []
    if page.suffix == ".svg":
        values = [element.get(SVG_HREF) for element in ElementTree.parse(page).iter(SVG_A)]
    else:
        html = parsed(page)
        values = [element.get(attr) for tag, attr in LINKING.items() for element in html.find_all(tag)]
        # The prerequisite graph's nodes, drawn inline: SVG links (graph.py).
        values += [element.get("xlink:href") for element in html.find_all("a")]
    for value in values:
        if not value:
            continue
        parts = urlsplit(value)
        if parts.scheme or parts.netloc:
            continue  # an address outside the site
        path = unquote(parts.path)
        if not path:
            target = page
        else:
            # The 404 page links from the site's root (its address is not known in advance).
            here = "" if path.startswith("/") else page.parent.relative_to(out).as_posix()
            joined = posixpath.normpath(posixpath.join(here, path.lstrip("/")))
            assert not joined.startswith(".."), f"{page.relative_to(out)}: {value} leaves the site"
            target = out / joined
            if path.endswith("/"):
                target = target / "index.html"  # a folder only with its slash (dirhtml)
        found.append((value, target, unquote(parts.fragment)))
    return found


def test_every_local_link_resolves(built: tuple[str, Path]) -> None:
    builder, out = built
    pages = sorted(out.rglob("*.html")) + sorted((out / "_images").glob("*.svg"))
    assert len([page for page in pages if page.suffix == ".html"]) >= (1 if builder == "singlehtml" else 10)
    ids: dict[Path, set[str]] = {}
    broken = []
    for page in pages:
        for value, target, fragment in local_links(page, out):
            if not target.is_file():
                broken.append(f"{page.relative_to(out)}: {value} (no file)")
                continue
            if fragment and target.suffix == ".html":
                if target not in ids:
                    ids[target] = {element["id"] for element in parsed(target).find_all(id=True)}
                if fragment not in ids[target]:
                    broken.append(f"{page.relative_to(out)}: {value} (no anchor)")
    assert broken == []


def test_open_data_is_written_where_it_is_linked(built: tuple[str, Path]) -> None:
    builder, out = built
    writes = WRITES_OPEN_DATA[builder]
    for name in OPEN_DATA:
        assert (out / name).is_file() == writes, name
    linked = {
        posixpath.basename(urlsplit(element.get("href", "")).path)
        for page in out.rglob("*.html")
        for element in parsed(page).find_all(["a", "link"])
    }
    assert bool(linked & set(OPEN_DATA)) == writes
    if writes:
        data = json.loads((out / "catalog.json").read_text(encoding="utf-8"))
        cards = [record["card"] for record in data["records"]]
        assert all(cards)
        for card in cards:
            path, _, anchor = card.partition("#")
            page = out / path / "index.html" if path.endswith("/") else out / path
            assert parsed(page).find(id=anchor) is not None, card
