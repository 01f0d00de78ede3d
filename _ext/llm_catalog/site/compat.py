"""Every use of another project's internals, each written for the version pinned in WRITTEN_FOR.

What is here relies on something the other project does not promise: a frame of its code,
attributes of its builders, its CSS classes, a private name of its scripts. Each use names
the version it was written for; ``tests/test_compat.py`` fails loudly when a pin changes or
when what is relied on is gone, instead of a silent fallback. Reread the use, then move the pin.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from html import escape
from typing import TYPE_CHECKING, Any
from xml.etree import ElementTree

from docutils import nodes

from .names import CARD_FOOTER, CARD_TITLE, CARDS, COLUMNS, is_slot

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.writers.latex import LaTeXTranslator

#: The versions each use below was written for (requirements.txt pins them).
WRITTEN_FOR = {
    "sphinx": "8.2.3",
    "sphinx_design": "0.8.0",
    "pyyaml": "6.0.3",
    "jieba": "0.42.1",
}

# -- Sphinx 8.2.3 and jieba 0.42.1: the default dictionary, loaded again -----------------------

#: The sum of the word frequencies of jieba's default dictionary, read once per process.
_default_total: int | None = None


def load_default_dictionary_again(dict_path: str) -> bool:
    """What ``SearchChinese.init`` does with jieba's own dictionary, without reading it again.

    Sphinx 8.2.3 passes jieba's default dictionary (``JIEBA_DEFAULT_DICT``) to
    ``jieba.load_userdict`` on every build: 349,046 calls of ``add_word``, about 2.8 s, most of a
    small build's time. jieba 0.42.1 has those words already, with the same frequencies; what the
    second load changes is ``Tokenizer.total``, which grows by the dictionary's sum of frequencies
    (and the tags of ``posseg``, which search does not use). Only that is done here, so the
    segmentation, and the index, are what Sphinx's own code gives. Returns False when *dict_path*
    is another dictionary, which Sphinx's code then loads.
    """
    global _default_total
    import jieba
    from sphinx.search.zh import JIEBA_DEFAULT_DICT

    if str(dict_path) != str(JIEBA_DEFAULT_DICT):
        return False
    pristine = not jieba.dt.initialized
    jieba.dt.check_initialized()
    if _default_total is None:
        if pristine and jieba.dt.dictionary is None:  # jieba's own dictionary, which dict_path is
            # Just loaded from the dictionary (or jieba's cache of it): its total is that sum.
            _default_total = jieba.dt.total
        else:
            with open(dict_path, "rb") as lines:
                _default_total = sum(int(line.split()[1]) for line in lines if line.strip())
    jieba.dt.total += _default_total
    return True


#: What SearchChinese.init does (Sphinx 8.2.3), which :func:`init_chinese_search` does too.
CHINESE_INIT = ("jieba_load_userdict(str(dict_path))", "self.stemmer = snowballstemmer.stemmer('english')")


def init_chinese_search(search: Any, options: dict[str, str]) -> bool:
    """``SearchChinese.init`` with jieba's own dictionary, without loading it again (see above):
    the dictionary's one number, and the English stemmer Sphinx's ``stem`` reads from
    ``self.stemmer``. False when another dictionary is named: Sphinx's own ``init`` loads it."""
    import snowballstemmer
    from sphinx.search.zh import JIEBA_DEFAULT_DICT

    if not load_default_dictionary_again(options.get("dict", JIEBA_DEFAULT_DICT)):
        return False
    search.stemmer = snowballstemmer.stemmer("english")
    return True


# -- Sphinx 8.2.3: the builder's name before the builder exists ------------------------------


def builder_name(app: Sphinx) -> str | None:
    """The builder this run will create (``Sphinx.__init__``'s ``buildername`` argument).

    Sphinx 8.2.3 creates the builder only after it has compared configurations, and does not
    keep the name before then; it is read from the constructor's frame. ``None`` when not found.
    """
    from sphinx.application import Sphinx

    frame = sys._getframe()
    while frame is not None:
        if frame.f_code is Sphinx.__init__.__code__ and frame.f_locals.get("self") is app:
            name = frame.f_locals.get("buildername")
            return name if isinstance(name, str) else None
        frame = frame.f_back
    return None


# -- Sphinx 8.2.3: references on the single page -------------------------------------------


def fix_single_page_references(builder: Builder, doctree: nodes.document) -> None:
    """On singlehtml, references made after Sphinx assembled the page read ``#document-x#id``.

    SingleFileHTMLBuilder.fix_refuris (Sphinx 8.2.3) shortens them to ``#id`` right after it
    resolves the assembled page; the cards are built later (at builders.WEB_LAST, by
    cards/stubs.build_last), so their references need the same treatment.
    """
    fix = getattr(builder, "fix_refuris", None)
    if fix is not None:
        fix(doctree)


# -- Sphinx 8.2.3: where sphinx.ext.graphviz's LaTeX visitor writes its figure ---------------


@contextmanager
def image_folder(builder: Builder, folder: str) -> Iterator[None]:
    """Make the LaTeX builder write (and reference) images in *folder* for a while.

    sphinx.ext.graphviz's ``render_dot_latex`` (Sphinx 8.2.3) takes the folder from the
    builder's ``imagedir`` and ``imgpath``; it has no option for it.
    """
    saved = builder.imagedir, builder.imgpath  # type: ignore[attr-defined]
    builder.imagedir = builder.imgpath = folder  # type: ignore[attr-defined]
    try:
        yield
    finally:
        builder.imagedir, builder.imgpath = saved  # type: ignore[attr-defined]


def svg_link(uri: str) -> str:
    """*uri* as a link inside a graph's SVG that survives the move into the images folder.

    sphinx.ext.graphviz (Sphinx 8.2.3, ``fix_svg_relative_paths``) rewrites the SVG's relative
    links with ``os.path.relpath``, which drops a trailing slash: dirhtml's ``../x/#id`` became
    ``../x#id``, a link to no file. Naming the page's file keeps it.
    """
    path, hash_, anchor = uri.partition("#")
    if path.endswith("/"):
        path += "index.html"
    return f"{path}{hash_}{anchor}"


# -- Sphinx 8.2.3: the names of the LaTeX writer's labels ------------------------------------


def latex_label(translator: LaTeXTranslator, name: str) -> str:
    """*name* (``docname:id``) as the LaTeX writer writes it in its ``\\label``.

    ``LaTeXTranslator.idescape`` (Sphinx 8.2.3) escapes what TeX would read and wraps the name
    in ``\\detokenize``; a ``\\pageref`` must spell the label the same way.
    """
    return translator.idescape(name)


# -- sphinx-design 0.8.0: the markup of its grid and card directives -------------------------

#: Classes of sphinx-design's ``grid`` (``:gutter: 3``) and ``grid-item-card`` (``:shadow: sm``).
DESIGN_ROW = ("sd-row", "sd-row-cols-1", "sd-row-cols-xs-1", "sd-row-cols-sm-1")
DESIGN_GUTTER = ("sd-g-3", "sd-g-xs-3", "sd-g-sm-3", "sd-g-md-3", "sd-g-lg-3")
DESIGN_WIDE = {2: ("sd-row-cols-md-2", "sd-row-cols-lg-2"), 3: ("sd-row-cols-md-2", "sd-row-cols-lg-3")}
DESIGN_CONTAINER = ("sd-container-fluid", "sd-sphinx-override", "sd-mb-4")
DESIGN_COLUMN = ("sd-col", "sd-d-flex-row")
DESIGN_CARD = ("sd-card", "sd-sphinx-override", "sd-w-100", "sd-shadow-sm")
DESIGN_CARD_TITLE = ("sd-card-title", "sd-font-weight-bold")
DESIGN_CLASSES = frozenset(
    {
        *DESIGN_ROW,
        *DESIGN_GUTTER,
        *(c for wide in DESIGN_WIDE.values() for c in wide),
        *DESIGN_CONTAINER,
        *DESIGN_COLUMN,
        *DESIGN_CARD,
        *DESIGN_CARD_TITLE,
        "sd-card-body",
        "sd-card-footer",
        "sd-card-text",
    }
)


def design_div(classes: list[str], ids: list[str] | None = None) -> nodes.container:
    # is_div makes sphinx-design's container visitor write a bare <div> without docutils' class.
    return nodes.container(classes=classes, ids=list(ids or []), is_div=True)


def design_grid(
    grid: nodes.Element,
    is_card: Callable[[nodes.Node], bool],
    card: Callable[[nodes.Element], nodes.Element],
    column: Callable[[nodes.Element, list[str]], nodes.Element],
) -> nodes.container:
    """*grid*'s cards (the children *is_card* picks) in sphinx-design's grid, each built by
    *card* and put in the column that *column* makes for it (plain, or with the card's facets)."""
    # The doctree here is this page's own copy for writing, so nodes are moved, not copied.
    outer = design_div([*DESIGN_CONTAINER, CARDS], ids=grid["ids"])
    row = design_div([*DESIGN_ROW, *DESIGN_WIDE.get(grid.get(COLUMNS, 2), ()), *DESIGN_GUTTER])
    outer += row
    pending: list[nodes.Node] = []  # index entries and anchors that precede their card
    for child in _unwrap_slots(grid.children):
        if not is_card(child):
            pending.append(child)
            continue
        built = card(child)  # type: ignore[arg-type]
        cell = column(built, list(DESIGN_COLUMN))
        cell.extend(pending)
        pending = []
        cell += _design_card(built)
        row += cell
    row.extend(pending)
    return outer


def _unwrap_slots(children: list[nodes.Node]) -> list[nodes.Node]:
    out: list[nodes.Node] = []
    for child in children:
        if is_slot(child):
            out.extend(child.children)
        else:
            out.append(child)
    return out


def _design_card(card: nodes.Element) -> nodes.container:
    styled = design_div([*card["classes"], *DESIGN_CARD], ids=card["ids"])
    body = design_div(["sd-card-body"])
    styled += body
    footer: nodes.container | None = None
    for child in list(card.children):
        if isinstance(child, nodes.paragraph) and CARD_TITLE in child["classes"]:
            child["classes"] += DESIGN_CARD_TITLE
        elif isinstance(child, nodes.paragraph) and CARD_FOOTER & set(child["classes"]):
            # The links sit in the card footer, as in sphinx-design's own cards.
            if footer is None:
                footer = design_div(["sd-card-footer"])
                styled += footer
            child["classes"].append("sd-card-text")
            footer += child
            continue
        elif isinstance(child, nodes.Element):
            child["classes"].append("sd-card-text")
        body += child
    return styled


# -- Sphinx 8.2.3: how the search index is written --------------------------------------------


def write_search_index_with(builder: Builder, transform: Callable[[dict], dict]) -> None:
    """Have *builder* write ``searchindex.js`` through *transform* (Sphinx's frozen index in, the
    index to write out), as UTF-8 rather than with ``\\u`` escapes.

    ``StandaloneHTMLBuilder`` (and ``dirhtml``) writes and reads the index through its class
    attribute ``indexer_format``, ``sphinx.search.js_index``: an instance of the private
    ``_JavaScriptIndex``, whose ``dumps`` is ``json.dumps`` with ASCII escapes (Sphinx 8.2.3). The
    builder opens the file as UTF-8 text (``indexer_dumps_unicode``), and reading the index back
    for an incremental build parses it with ``json.loads`` either way. A builder without that
    format (no search index, or another's) is left alone.
    """
    import json

    from sphinx.search import _JavaScriptIndex, js_index

    if getattr(builder, "indexer_format", None) is not js_index or not getattr(builder, "indexer_dumps_unicode", 0):
        return

    class Index(_JavaScriptIndex):
        def dumps(self, data: dict) -> str:
            text = json.dumps(transform(data), separators=(",", ":"), sort_keys=True, ensure_ascii=False)
            return self.PREFIX + text + self.SUFFIX

    builder.indexer_format = Index()  # type: ignore[attr-defined]


# -- Graphviz 2.43+ and Sphinx 8.2.3 (sphinx.ext.graphviz): the graph's output, patched ------------

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"


#: Text properties SVG inherits: written once on the drawing when every label has the same.
_INHERITED_TEXT = ("font-family", "font-size", "text-anchor")
#: Graphviz's paths: a move, then cubic curves, every point written "x,y".
_GRAPHVIZ_PATH = re.compile(r"M(-?[0-9.]+),(-?[0-9.]+)C((?:\s*-?[0-9.]+,-?[0-9.]+)+)\s*")
_POINT = re.compile(r"(-?[0-9.]+),(-?[0-9.]+)")


def _straight_lines(d: str) -> str:
    """A Graphviz path with each straight piece as a line, the rest unchanged: the same shape.

    Graphviz writes every piece of a path as a cubic curve, a straight piece (the sides of a
    rounded box) as one whose control points are its own ends; drawn as a line (``H``, ``V`` or
    ``L``) it is the same piece in a third of the text. A path of another form is kept as it is.
    """
    found = _GRAPHVIZ_PATH.fullmatch(d)
    if found is None:
        return d
    points = _POINT.findall(found[3])
    if len(points) % 3:
        return d
    here = (found[1], found[2])
    out = [f"M{here[0]},{here[1]}"]
    for n in range(0, len(points), 3):
        first, second, end = points[n : n + 3]
        if first == here and second == end:
            if end[1] == here[1]:
                out.append(f"H{end[0]}")
            elif end[0] == here[0]:
                out.append(f"V{end[1]}")
            else:
                out.append(f"L{end[0]},{end[1]}")
        else:
            out.append(f"C{first[0]},{first[1]} {second[0]},{second[1]} {end[0]},{end[1]}")
        here = end
    return "".join(out)


def graphviz_svg_inline(svg_text: bytes, label: str, *, scale: float, node_attribute: str, classes: str) -> str:
    """Graphviz's SVG (``dot -Tsvg``) as an element to write into a page.

    Graphviz's ids (``node1``...) are dropped, as they could clash with the page's; its
    ``<title>`` elements, which browsers show as tooltips, name a node by its link's title (in
    Chinese) instead of by its record id (kept in *node_attribute*), an edge's ("a->b") goes, and
    the whole drawing is named by *label*. What the page does not need goes too, so the page is
    lighter: the whitespace between elements, each link's ``xlink:title`` (the node's
    ``<title>`` says the same) and ``target`` (the page is the top frame), and the font and
    anchor of every label when they are all the same (set once on the drawing, which they inherit
    from). Relies on Graphviz's SVG: a ``g`` per graph, node and edge, classed so, each with a
    ``title``; a node's link in an ``a`` with ``xlink:title``.
    """
    ElementTree.register_namespace("", SVG_NS)
    ElementTree.register_namespace("xlink", XLINK_NS)
    root = ElementTree.fromstring(svg_text)
    svg, xlink = f"{{{SVG_NS}}}", f"{{{XLINK_NS}}}"
    for element in root.iter():
        element.attrib.pop("id", None)
        if element.text is not None and not element.text.strip():
            element.text = None
        element.tail = None
    for group in root.iter(f"{svg}g"):
        title = group.find(f"{svg}title")
        if title is None:
            continue
        kinds = group.get("class", "").split()
        if "graph" in kinds:
            title.text = label
        elif "node" in kinds:
            group.set(node_attribute, title.text or "")
            link = group.find(f".//{svg}a")
            if link is not None:
                title.text = link.attrib.pop(f"{xlink}title", title.text)
                link.attrib.pop("target", None)
        else:  # an edge: "a->b" says nothing to a reader
            group.remove(title)
    for path in root.iter(f"{svg}path"):
        path.set("d", _straight_lines(path.get("d", "")))
    texts = list(root.iter(f"{svg}text"))
    for name in _INHERITED_TEXT:
        values = {text.get(name) for text in texts}
        if len(values) == 1 and None not in values:
            root.set(name, values.pop())
            for text in texts:
                del text.attrib[name]
    _, _, width, height = (float(v) for v in root.get("viewBox", "0 0 0 0").split())
    root.set("width", f"{round(width * scale)}")
    root.set("height", f"{round(height * scale)}")
    root.set("class", classes)
    root.set("role", "group")
    root.set("aria-label", label)
    return ElementTree.tostring(root, encoding="unicode")


def label_graphviz_object(body: list[str], start: int, label: str) -> None:
    """Name the ``<object>`` that sphinx.ext.graphviz wrote into *body* (from *start*) for screen
    readers: Sphinx puts the alt text only as fallback content inside it, which is skipped once
    the SVG loads."""
    quoted = escape(label, quote=True)
    for i in range(start, len(body)):
        if body[i].startswith("<object "):
            body[i] = body[i].replace("<object ", f'<object aria-label="{quoted}" ', 1)


# -- Sphinx 8.2.3: the search page's script --------------------------------------------------

#: What static/llm-search-zh.js relies on in Sphinx's searchtools.js: the loaded index is
#: ``Search._index`` (private); a ``splitQuery`` defined before it loads is kept; every query goes
#: through ``Search.query`` (which the script replaces), once the list, its summary and its title
#: exist; the page search is ``_parseQuery`` and ``_performSearch`` (private), whose results come
#: best last, as ``[docname, title, anchor, description, score, filename, kind]``; a page's
#: snippet is ``makeSearchSummary``, made by the (replaced) ``Search.htmlToText``; the summary's
#: title and the pulsing dots are Sphinx's; a result is an ``li`` with the class ``kind-<kind>``.
SEARCH_INTERNALS = (
    "Search._index",
    'typeof splitQuery === "undefined"',
    "Search.title = out.appendChild(searchText);",
    "Search.status = out.appendChild(searchSummary);",
    "Search.output = out.appendChild(searchList);",
    "if (Search.hasIndex()) Search.query(query);",
    "Search.query(query);",
    "_parseQuery: (query) => {",
    "return [query, searchTerms, excludedTerms, highlightTerms, objectTerms];",
    "_performSearch: (query, searchTerms, excludedTerms, highlightTerms, objectTerms) => {",
    "return results.reverse();",
    "const [docName, title, anchor, descr, score, _filename, kind] = item;",
    "makeSearchSummary: (htmlText, keywords, anchor) => {",
    "const text = Search.htmlToText(htmlText, anchor);",
    "stopPulse: () =>",
    'Search.title.innerText = _("Search Results");',
    "listItem.classList.add(`kind-${kind}`)",
    "const contentRoot = document.documentElement.dataset.content_root;",
    'if (docBuilder === "dirhtml") {',
    'document.getElementById("search-progress")',
    "performSearch: (query) => {",
)

#: And in the scripts beside it (Sphinx 8.2.3's basic theme): the page's options, the search
#: terms' highlighting, the stemmer and stop words of the search language.
SEARCH_HELPER_INTERNALS = {
    "documentation_options.js.jinja": (
        "const DOCUMENTATION_OPTIONS = {",
        "BUILDER:",
        "FILE_SUFFIX:",
        "LINK_SUFFIX:",
        "SHOW_SEARCH_SUMMARY:",
    ),
    "sphinx_highlight.js": (
        "const SPHINX_HIGHLIGHT_ENABLED = true",
        "const _highlightText = (thisNode, text, className) => {",
    ),
    "language_data.js.jinja": ("var stopwords =", "{{ search_language_stemming_code|safe }}"),
    "doctools.js": ("gettext: (string) => {",),
}
#: The stemmer's constructor in the Chinese search language's stemming code (``SearchChinese``).
SEARCH_STEMMER = "var Stemmer = function"

# -- PyYAML 6.0.3: libyaml's event parser ----------------------------------------------------

#: data/yamlsource.py reads events from ``yaml._yaml.CParser`` (the C extension's private module;
#: the data room cannot import this one, so the use stays there and is named here for the test).
YAML_PARSER = "yaml._yaml.CParser"
