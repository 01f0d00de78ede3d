"""The ``llm`` domain: where each record is shown, roles that link to it, index and search."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Set
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, cast

from docutils import nodes
from sphinx import addnodes
from sphinx.domains import Domain, ObjType
from sphinx.roles import XRefRole
from sphinx.util import logging
from sphinx.util.docutils import SphinxRole
from sphinx.util.nodes import make_refnode

from ..data import labels
from ..data.problems import suggest
from ..data.records import COUNT_FORMS, Syllabus
from .fingerprints import Fingerprints, shows
from .names import REFS
from .words import chapter_entries, search_name

if TYPE_CHECKING:
    from docutils.nodes import Element, Node, system_message
    from sphinx.addnodes import pending_xref
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

    from ..data.records import Catalog

logger = logging.getLogger(__name__)

WARNING_TYPE = "llm_catalog"
#: The event a resolved reference goes through (``builders.REFERENCE``; the domain is below the
#: builders, which add the event).
REFERENCE_EVENT = "llm-catalog-reference"


class Shown(NamedTuple):
    """Where a record (or category) is shown."""

    docname: str
    anchor: str
    objtype: str
    title: str


def catalog_domain(env: BuildEnvironment) -> CatalogDomain:
    return cast("CatalogDomain", env.get_domain(CatalogDomain.name))


def get_catalog(env: BuildEnvironment) -> Catalog:
    return catalog_domain(env).catalog


#: The extension's own modules: output rendered from the data also depends on them.
_PACKAGE_FILES = tuple(str(path) for path in sorted(Path(__file__).parents[1].rglob("*.py")))
#: The key of the page's temporary data saying its dependency on those files is noted.
_PACKAGE_NOTED = "llm_catalog_package_noted"


def note_data_dependency(env: BuildEnvironment, *keys: str) -> None:
    """The current page shows the parts of the data that *keys* name (see :mod:`.fingerprints`).

    The page is re-read when one of those parts changes (not on every edit of the data
    file), and when the extension's own code changes: without its files here an edit to the
    rendering code would leave stale cards in incremental builds (and in `make livehtml`).
    """
    domain = catalog_domain(env)
    domain.note_uses(env.docname, keys)
    if keys:
        # For the page's date (sphinx-last-updated-by-git counts the commits of dependencies);
        # Sphinx's own check of it is hidden by extension.hide_data_file.
        env.note_dependency(domain.catalog_file)
    if not env.temp_data.get(_PACKAGE_NOTED):  # once per page read (temp_data is the page's)
        env.temp_data[_PACKAGE_NOTED] = True
        for path in _PACKAGE_FILES:
            env.note_dependency(path)


class CatalogXRefRole(XRefRole):
    """``{llm:ref}`stanford-cs224n``` links to a record's card, showing its title.

    The link and its text are resolved when the page is written, from where the record is
    shown, so the page is not re-read when the record changes: it is written again
    (see :meth:`CatalogDomain.pages_to_rewrite`).
    """

    def run(self) -> tuple[list[Node], list[system_message]]:
        note_data_dependency(self.env)  # no part of the data, but the extension's code
        return super().run()

    def result_nodes(
        self, document: nodes.document, env: BuildEnvironment, node: Element, is_ref: bool
    ) -> tuple[list[Node], list[system_message]]:
        # Own text (`这门课 <id>`) reads like the plain form: a link in running text, not
        # XRefRole's monospace literal. The plain form's text is replaced by the title in _resolve.
        text = node.astext()
        node[:] = [nodes.inline(text, text, classes=["llm-xref"])]
        return [node], []


@shows("count")
def _count(catalog: Catalog, what: str) -> object:
    return catalog.count(what)


class CountRole(SphinxRole):
    """``{llm:count}`courses:nlp-courses``` prints a number taken from the data."""

    def run(self) -> tuple[list[Node], list[system_message]]:
        what = self.text.strip()
        note_data_dependency(self.env, f"count:{what}")
        value = get_catalog(self.env).count(what)
        if value is None:
            logger.warning(
                "unknown count %r; use one of: %s",
                self.text,
                ", ".join(COUNT_FORMS),
                type=WARNING_TYPE,
                subtype="unknown_count",
                location=self.get_location(),
            )
            return [nodes.problematic(self.rawtext, self.rawtext)], []
        return [nodes.inline(self.rawtext, str(value), classes=["llm-count"])], []


class TitleRole(SphinxRole):
    """``{llm:title}`nlp-courses``` prints the title of a category (or record) from the data.

    For a heading that names what the page shows (``# {llm:title}`nlp-courses```): the page's
    title, the sidebar, the toctree and the PDF's chapter then follow a rename in the data file.
    Plain text, so a heading stays plain; the page is re-read when that title changes.
    """

    def run(self) -> tuple[list[Node], list[system_message]]:
        target = self.text.strip()
        note_data_dependency(self.env, f"title:{target}")
        catalog = get_catalog(self.env)
        found = catalog.category(target) or catalog.get(target)
        if found is None:
            known = [c.id for c in catalog.categories] + [r.id for r in catalog.records()]
            logger.warning(
                "unknown catalog id %r in {llm:title}%s",
                target,
                suggest(target, known),
                type=WARNING_TYPE,
                subtype="unknown_id",
                location=self.get_location(),
            )
            return [nodes.problematic(self.rawtext, self.rawtext)], []
        return [nodes.Text(found.title)], []


class WordsRole(SphinxRole):
    """``{llm:words}`fact-states``` prints a sentence of ``labels.GUIDE``: prose about the words
    the pages use, made from those words."""

    def run(self) -> tuple[list[Node], list[system_message]]:
        name = self.text.strip()
        note_data_dependency(self.env)  # the words are the extension's code
        if name not in labels.GUIDE:
            logger.warning(
                "unknown sentence %r in {llm:words}; use one of: %s",
                name,
                ", ".join(labels.GUIDE),
                type=WARNING_TYPE,
                subtype="unknown_words",
                location=self.get_location(),
            )
            return [nodes.problematic(self.rawtext, self.rawtext)], []
        return [nodes.Text(labels.GUIDE[name])], []


@shows("title")
def _title(catalog: Catalog, target: str) -> object:
    found = catalog.category(target) or catalog.get(target)
    return None if found is None else found.title


class CatalogDomain(Domain):
    """Records of the catalog as cross-reference targets."""

    name = "llm"
    label = labels.DOMAIN
    object_types = {
        record_type: ObjType(label, record_type, "ref") for record_type, label in labels.OBJECT_TYPES.items()
    }
    roles = {
        # warn_dangling: an unknown id warns at its place even when the build is not nitpicky.
        "ref": CatalogXRefRole(warn_dangling=True),
        **{record_type: CatalogXRefRole(warn_dangling=True) for record_type in labels.OBJECT_TYPES},
        "count": CountRole(),
        "title": TitleRole(),
        "words": WordsRole(),
    }
    #: ``objects``: where each record is shown, per document. ``catalog`` and ``file``: the
    #: parsed data file and its path, set once per build before any document is read.
    #: ``recent``: the page showing the 最近收录 list (``llm-recent``), which the feed links to.
    #: ``uses``: per document, the fingerprint of each part of the data it shows.
    #: ``refs``: per document, the ids its cross-references point to.
    initial_data: dict[str, Any] = {"objects": {}, "catalog": None, "file": "", "recent": "", "uses": {}, "refs": {}}
    data_version = 4
    _fingerprints: Fingerprints | None = None
    #: Where each record was shown before this build read anything (see pages_to_rewrite).
    _shown_before: dict[str, Shown] | None = None
    #: A page's heading taken from the data changed in this build (see pages_to_reread).
    _headings_changed: bool = False

    @property
    def objects(self) -> dict[str, Shown]:
        return self.data.setdefault("objects", {})

    @property
    def catalog(self) -> Catalog:
        return self.data["catalog"]

    @property
    def catalog_file(self) -> str:
        """Absolute path of the data file, for dependency tracking."""
        return self.data["file"]

    @property
    def recent_page(self) -> str:
        """Docname of the page with the 最近收录 list, or ``""``."""
        return self.data.get("recent", "")

    def note_recent_page(self, docname: str) -> None:
        self.data["recent"] = docname

    def set_catalog(self, catalog: Catalog, path: str) -> None:
        self.data["catalog"] = catalog
        self.data["file"] = path

    @property
    def fingerprints(self) -> Fingerprints:
        """Fingerprints of the current catalog, computed once per key."""
        if self._fingerprints is None or self._fingerprints.catalog is not self.catalog:
            self._fingerprints = Fingerprints(self.catalog)
        return self._fingerprints

    @property
    def uses(self) -> dict[str, dict[str, str | None]]:
        return self.data.setdefault("uses", {})

    @property
    def refs(self) -> dict[str, set[str]]:
        return self.data.setdefault("refs", {})

    def note_uses(self, docname: str, keys: Iterable[str]) -> None:
        fingerprints = self.fingerprints
        uses = self.uses.setdefault(docname, {})
        for key in keys:
            uses[key] = fingerprints[key]

    def note_refs(self, docname: str, targets: set[str]) -> None:
        if targets:
            self.refs[docname] = targets

    def pages_to_reread(self, docnames: Iterable[str]) -> list[str]:
        """Of *docnames*, those showing a part of the data whose fingerprint changed.

        When one of them takes its heading from the data (``{llm:title}``) and that title
        changed, every page is written again (:meth:`pages_to_rewrite`): each page's sidebar
        names it.
        """
        fingerprints = self.fingerprints
        uses = self.uses
        changed = [
            (docname, [key for key, old in uses.get(docname, {}).items() if fingerprints[key] != old])
            for docname in docnames
        ]
        self._headings_changed = any(key.startswith("title:") for _, keys in changed for key in keys)
        return [docname for docname, keys in changed if keys]

    def remember_shown(self) -> None:
        self._shown_before = dict(self.objects)

    def pages_to_rewrite(self) -> list[str]:
        """Pages whose cross-references point to a record now shown elsewhere or titled anew (every
        page, when a heading taken from the data changed).

        They need no re-reading: the domain resolves their references when they are written.
        """
        before, after = self._shown_before or {}, self.objects
        self._shown_before = None
        if self._headings_changed:
            self._headings_changed = False
            return sorted(self.env.all_docs)
        moved = {rid for rid in before.keys() | after.keys() if before.get(rid) != after.get(rid)}
        return sorted(docname for docname, targets in self.refs.items() if targets & moved)

    def note_object(self, record_id: str, objtype: str, title: str, anchor: str, location: Any) -> bool:
        """Record that *record_id* is shown here; warn and refuse if it is shown elsewhere already."""
        return self._add(record_id, Shown(self.env.docname, anchor, objtype, title), location)

    def _add(self, record_id: str, shown: Shown, location: Any) -> bool:
        other = self.objects.get(record_id)
        if other is not None:
            logger.warning(
                "%r is already shown in %s; show each record once, or add :no-index: to one of the directives",
                record_id,
                self.env.doc2path(other.docname),
                type=WARNING_TYPE,
                subtype="duplicate_card",
                location=location,
            )
            return False
        self.objects[record_id] = shown
        return True

    def clear_doc(self, docname: str) -> None:
        for record_id, shown in list(self.objects.items()):
            if shown.docname == docname:
                del self.objects[record_id]
        if self.recent_page == docname:
            self.data["recent"] = ""
        self.uses.pop(docname, None)
        self.refs.pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        # Each parallel reader sees only its own documents, so a record shown on two pages
        # read by different processes is only noticed here.
        for record_id, shown in otherdata["objects"].items():
            if shown.docname in docnames:
                self._add(record_id, shown, shown.docname)
        if otherdata.get("recent") in docnames:
            self.data["recent"] = otherdata["recent"]
        for key in ("uses", "refs"):
            for docname, value in otherdata.get(key, {}).items():
                if docname in docnames:
                    self.data[key][docname] = value

    def process_doc(self, env: BuildEnvironment, docname: str, document: nodes.document) -> None:
        """Note the ids this page's cross-references point to, to write it again when they move."""
        targets: set[str] = set()
        for node in document.findall(nodes.Element):
            if isinstance(node, addnodes.pending_xref):
                if node.get("refdomain") == self.name:
                    targets.add(node["reftarget"])
            elif REFS in node:  # a card built when the page is written (see .cards)
                targets.update(node[REFS])
        self.note_refs(docname, targets)

    def _resolve(
        self, builder: Builder, fromdocname: str, typ: str, target: str, node: pending_xref, contnode: Element
    ) -> Element | None:
        shown = self.objects.get(target)
        if shown is None or (typ not in ("ref", shown.objtype)):
            return None
        if not node.get("refexplicit"):
            contnode = nodes.inline(shown.title, shown.title, classes=["llm-xref"])
        reference = make_refnode(builder, fromdocname, shown.docname, shown.anchor, contnode, shown.title)
        # A wing may follow it with more for this builder (paper: the page it points to).
        followed = self.env.events.emit_firstresult(
            REFERENCE_EVENT, builder, reference, shown.docname, shown.anchor, allowed_exceptions=()
        )
        return followed if followed is not None else reference

    def resolve_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: pending_xref,
        contnode: Element,
    ) -> Element | None:
        return self._resolve(builder, fromdocname, typ, target, node, contnode)

    def resolve_any_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: pending_xref,
        contnode: Element,
    ) -> list[tuple[str, Element]]:
        found = self._resolve(builder, fromdocname, "ref", target, node, contnode)
        if found is None:
            return []
        return [(f"llm:{self.objects[target].objtype}", found)]

    def get_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        """Each shown record, named by its title and its search words (see :mod:`.words`),
        so the search page finds its card by the words a learner types."""
        catalog = self.catalog
        for record_id, shown in self.objects.items():
            if catalog is None:
                yield record_id, shown.title, shown.objtype, shown.docname, shown.anchor, 1
                continue
            yield record_id, search_name(catalog, record_id, shown.title), shown.objtype, shown.docname, shown.anchor, 1
            record = catalog.get(record_id)
            if shown.objtype == "syllabus" and isinstance(record, Syllabus):
                # Its chapters too, below records that match as well (priority 2: unimportant).
                for name, dispname, anchor in chapter_entries(catalog, record):
                    yield name, dispname, shown.objtype, shown.docname, anchor, 2


def warn_missing_reference(app: Any, domain: Domain | None, node: pending_xref) -> bool | None:
    """Unknown ids get our own warning type and a message that says what to do."""
    if domain is None or domain.name != CatalogDomain.name:
        return None
    target = node["reftarget"]
    catalog = get_catalog(domain.env)
    if catalog.get(target) is not None or catalog.category(target) is not None:
        message = f"{target!r} is in the catalog but is not shown on any page, so there is nothing to link to"
    else:
        known = [record.id for record in catalog.records()] + [c.id for c in catalog.categories]
        message = f"unknown catalog id {target!r}{suggest(target, known)}"
    logger.warning(message, location=node, type=WARNING_TYPE, subtype="unknown_id")
    return True
