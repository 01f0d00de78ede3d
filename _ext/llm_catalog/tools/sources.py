"""``python -m llm_catalog sources``: re-read the pages the facts cite and say what no longer holds.

Every course, book and resource states its facts (``cost``, ``effort``, ``pages``) with the pages
they were read on (``sources``) and, optionally, the page's own words (``quote``). This command
asks for each cited address once (``GET``, following redirects; one request at a time, ``delay``
seconds apart) and sorts what it finds for each fact and address:

``gone``
    the page answers 404 or 410, or its host cannot be reached at all (connection refused,
    no such host name): the fact has lost its evidence;
``not read``
    a timeout, a server error (5xx), a refusal (403, 429: many sites turn robots away) or
    another answer that cannot be read; for a fact with a quote, also a PDF or a file that is
    not text. This is no evidence that the fact is wrong, and listed apart;
``quote missing``
    the fact has a ``quote``, at least one of its sources was read, and none of them holds
    the quote any more.

Quotes are looked for in the page's visible text (HTML without scripts and styles; a text or
Markdown answer as it is), both with Unicode compatibility forms folded (NFKC: full-width
letters, no-break spaces), case folded, and every run of white space made one space (none
between two Chinese characters, as a browser shows a line break there). A fact without a quote
is only checked for its pages being there.

Nothing is written into the data file: the command reports, a person decides. A derived cost
(written by a rule from a link, not in the file) is not a fact the file cites, and is skipped.
"""

from __future__ import annotations

import re
import socket
import time
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import requests
import urllib3
from bs4 import BeautifulSoup

from ..data.records import Catalog, Effort, Fact, Material
from .polite import Polite, markdown_report, no_answer

USER_AGENT = "llm-study-guide-sources/1 (weekly re-reading of the pages a study guide cites; one request at a time)"
#: Read at most this much of an answer (a quote is near the top of any page worth citing).
MAX_BYTES = 8 * 1024 * 1024
#: Answers that mean the page is no longer there.
GONE_STATUS = (404, 410)
#: Answers of sites that refuse automated readers: said so, as a hint to check by hand.
REFUSED_STATUS = (403, 429)

GONE, NOT_READ, QUOTE_MISSING = "gone", "not read", "quote missing"
#: The report's order and the tables' titles.
TITLES = {
    GONE: "Pages gone (404 or 410, or the host cannot be reached): check the fact and its source",
    QUOTE_MISSING: "Quotes no longer on their pages: check the fact, then its quote",
    NOT_READ: "Not read (timeouts, refusals, server errors, PDFs): no evidence either way; check by hand if it lasts",
}

#: The columns of the report's tables.
COLUMNS = ("Record", "Line", "Fact", "Address", "What happened")

#: Elements whose text is never shown (``noscript`` is: to a reader without scripts, as here).
_HIDDEN = ("script", "style", "template")
# fmt: off
#: Elements that start a new line when shown: their text does not run into the text around them.
_BLOCKS = (
    "address", "article", "aside", "blockquote", "br", "caption", "dd", "details", "dialog", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr",
    "legend", "li", "main", "nav", "ol", "option", "p", "pre", "section", "summary", "table", "tbody", "td",
    "tfoot", "th", "thead", "title", "tr", "ul",
)
# fmt: on
_SPACE = re.compile(r"\s+")
#: Chinese and Japanese characters and punctuation: a line break between two of them shows as
#: nothing (pages break long Chinese lines anywhere), so a space between two of them is dropped.
_WIDE = r"[\u2e80-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]"
_WIDE_GAP = re.compile(rf"(?<={_WIDE}) (?={_WIDE})")


def normalise(text: str) -> str:
    """*text* as quotes are compared: NFKC, case folded, white space collapsed to single spaces
    (and none left between two Chinese characters)."""
    collapsed = _SPACE.sub(" ", unicodedata.normalize("NFKC", text).casefold()).strip()
    return _WIDE_GAP.sub("", collapsed)


def visible_text(html: bytes | str, encoding: str | None = None) -> str:
    """The text a reader sees on an HTML page: no scripts, styles or comments; blocks kept apart."""
    soup = BeautifulSoup(html, "html.parser", from_encoding=encoding if isinstance(html, bytes) else None)
    for hidden in soup.find_all(_HIDDEN):
        hidden.decompose()
    for block in soup.find_all(_BLOCKS):
        block.insert_before("\n")
        block.insert_after("\n")
    return soup.get_text()


@dataclass(frozen=True)
class Page:
    """What one address gave: ``read`` (text or not), ``gone`` or ``not read``, and why."""

    state: str
    detail: str = ""
    #: ``html``, ``text``, ``pdf`` or ``other`` (for a page that was read).
    kind: str = ""
    #: The normalised visible text (``html`` and ``text`` pages).
    text: str | None = None

    @property
    def read(self) -> bool:
        return self.state == "read"


def _causes(exc: BaseException) -> list[BaseException]:
    """*exc* and what it wraps: requests wraps urllib3, which wraps the socket's error."""
    found: list[BaseException] = []
    todo: list[object] = [exc]
    while todo:
        item = todo.pop()
        if not isinstance(item, BaseException) or any(item is seen for seen in found):
            continue
        found.append(item)
        todo += item.args[:1]
        todo += [getattr(item, name, None) for name in ("reason", "_reason", "__cause__", "__context__")]
    return found


_NO_SUCH_HOST = {getattr(socket, name) for name in ("EAI_NONAME", "EAI_NODATA") if hasattr(socket, name)}


def _timed_out(cause: BaseException) -> bool:
    if isinstance(cause, urllib3.exceptions.NewConnectionError):
        return False
    return isinstance(cause, (TimeoutError, urllib3.exceptions.TimeoutError))


def unreachable(exc: BaseException, timeout: float) -> Page:
    """A connection that failed: ``gone`` when nothing listens or the name does not exist."""
    causes = _causes(exc)
    for cause in causes:
        if isinstance(cause, ConnectionRefusedError):
            return Page(GONE, "connection refused: nothing answers at this address")
        if isinstance(cause, socket.gaierror):
            if cause.errno in _NO_SUCH_HOST:
                return Page(GONE, "no such host name (DNS)")
            return Page(NOT_READ, f"the host name could not be looked up now (DNS: {cause.strerror or cause})")
    # urllib3's NewConnectionError is a kind of its TimeoutError: only a real timeout says "no answer".
    if any(_timed_out(cause) for cause in causes):
        return Page(NOT_READ, no_answer(timeout))
    if isinstance(exc, requests.exceptions.SSLError):
        return Page(NOT_READ, "the secure connection failed (certificate or TLS)")
    return Page(NOT_READ, f"the connection failed ({type(exc).__name__})")


def _kind(content_type: str, start: bytes) -> str:
    media = content_type.split(";")[0].strip().lower()
    if media == "application/pdf" or start.lstrip().startswith(b"%PDF-"):
        return "pdf"
    if media in ("text/html", "application/xhtml+xml"):
        return "html"
    if media.startswith("text/") or media in ("application/json", "application/xml"):
        return "text"
    if not media and re.match(rb"\s*(<!doctype html|<html)", start[:200], re.I):
        return "html"
    return "other"


def _charset(content_type: str) -> str | None:
    found = re.search(r"charset=\"?([\w.:-]+)", content_type, re.I)
    return found.group(1) if found else None


def _decode(body: bytes, charset: str | None) -> str:
    try:
        return body.decode(charset or "utf-8", errors="replace")
    except LookupError:  # a charset Python does not know
        return body.decode("utf-8", errors="replace")


def _body(response: requests.Response) -> bytes:
    chunks, size = [], 0
    for chunk in response.iter_content(64 * 1024):
        chunks.append(chunk)
        size += len(chunk)
        if size >= MAX_BYTES:
            break
    return b"".join(chunks)


def fetch(polite: Polite, url: str) -> Page:
    """``GET`` *url* (following redirects) and say what it gave."""
    try:
        with polite.request(url, stream=True) as response:
            status = response.status_code
            if status in GONE_STATUS:
                return Page(GONE, f"HTTP {status}")
            if status in REFUSED_STATUS:
                return Page(NOT_READ, f"HTTP {status}: the site refuses automated readers; open it in a browser")
            if not 200 <= status < 300:
                return Page(NOT_READ, f"HTTP {status}")
            body = _body(response)
            content_type = response.headers.get("Content-Type", "")
    except requests.Timeout:
        return Page(NOT_READ, no_answer(polite.timeout))
    except requests.TooManyRedirects:
        return Page(NOT_READ, "too many redirects")
    except requests.ConnectionError as exc:
        return unreachable(exc, polite.timeout)
    except requests.RequestException as exc:
        return Page(NOT_READ, f"the request failed ({type(exc).__name__})")
    kind = _kind(content_type, body[:1024])
    charset = _charset(content_type)
    if kind == "html":
        return Page("read", kind=kind, text=normalise(visible_text(body, charset)))
    if kind == "text":
        return Page("read", kind=kind, text=normalise(_decode(body, charset)))
    return Page("read", kind=kind)


# -- Facts and what was found ---------------------------------------------------------------


def fact_text(name: str, fact: Fact) -> str:
    """The fact as the report names it: ``cost: free``, ``effort: 15–20 hours (video)``, ``pages: 587``,
    ``workload: 每周作业约 10 小时``."""
    if isinstance(fact, Effort):
        if fact.hours is None:
            return f"{name}: {fact.effort_kind}"
        low, high = fact.span
        hours = f"{low}–{high}" if high != low else f"{low}"
        return f"{name}: {hours} hours ({fact.effort_kind})"
    return f"{name}: {getattr(fact, fact.WHAT)}"  # the key that says what the fact is (Fact.WHAT)


@dataclass(frozen=True)
class Finding:
    """One thing that no longer holds (or could not be seen) for one fact and one address."""

    category: str
    record: str
    line: int
    fact: str
    #: The address (for a missing quote: every source that was read, in the fact's order).
    urls: tuple[str, ...]
    detail: str


@dataclass
class SourcesReport:
    path: str = ""
    facts: int = 0
    #: Distinct addresses asked, and those that answered with a page.
    asked: int = 0
    read: int = 0
    findings: list[Finding] = field(default_factory=list)

    def of(self, category: str) -> list[Finding]:
        return [f for f in self.findings if f.category == category]

    @property
    def failed(self) -> bool:
        """A page is gone or a quote is missing: the facts need a person (exit status 1)."""
        return bool(self.of(GONE) or self.of(QUOTE_MISSING))

    def counts(self) -> str:
        return (
            f"facts checked: {self.facts}, sources read: {self.read} of {self.asked} addresses, "
            f"gone: {len(self.of(GONE))}, not read: {len(self.of(NOT_READ))}, "
            f"quotes missing: {len(self.of(QUOTE_MISSING))}"
        )

    def summary(self) -> str:
        """The plain text for standard output: the counts, then one line per finding."""
        out = [self.counts()]
        for category in TITLES:
            rows = self.of(category)
            if rows:
                out += ["", f"{category.capitalize()}:"]
                out += [f"  {self.path}:{f.line}: {f.record}, {f.fact}: {' '.join(f.urls)} ({f.detail})" for f in rows]
        return "\n".join(out) + "\n"

    def markdown(self) -> str:
        """The report for a pull request's body: the counts, then a table per category."""
        counts = self.counts()
        tables = [(title, _table(self.of(category))) for category, title in TITLES.items()]
        ending = [] if self.findings else ["Every cited page is there, and every quote is on its page."]
        return markdown_report("### Sources of facts", f"{counts[0].upper()}{counts[1:]}.", tables, ending)


def _table(findings: list[Finding]) -> list[str]:
    """The lines of a Markdown table of *findings* (none without findings)."""
    if not findings:
        return []
    rows = [(f"`{f.record}`", str(f.line), f.fact, "<br>".join(f.urls), f.detail) for f in findings]
    return [_row(COLUMNS), _row(("---",) * len(COLUMNS)), *(_row(_cell(c) for c in cells) for cells in rows)]


def _row(cells: Iterable[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _quoted(quote: str) -> str:
    return f"“{quote}”"


def cited(catalog: Catalog, only: Iterable[str] = ()) -> list[tuple[Material, str, Fact]]:
    """Every fact with sources of every course, book and resource (of *only*, if given), in file order."""
    wanted = set(only)
    found = []
    for record in catalog.records():
        if not isinstance(record, Material) or (wanted and record.id not in wanted):
            continue
        for name, fact in record.facts():
            if fact.sources and not getattr(fact, "derived", None):
                found.append((record, name, fact))
    return sorted(found, key=lambda item: item[2].line)


def check_sources(
    catalog: Catalog,
    *,
    only: Iterable[str] = (),
    timeout: float = 20.0,
    delay: float = 1.0,
    sleep: Callable[[float], None] = time.sleep,
    session: requests.Session | None = None,
) -> SourcesReport:
    """Ask for each cited address once and report, fact by fact, what no longer holds."""
    report = SourcesReport(path=catalog.path)
    facts = cited(catalog, only)
    pages: dict[str, Page] = {}
    with Polite(USER_AGENT, timeout=timeout, delay=delay, sleep=sleep, session=session) as polite:
        for _, _, fact in facts:
            for url in fact.sources:
                if url not in pages:
                    pages[url] = fetch(polite, url)
    report.facts = len(facts)
    report.asked = len(pages)
    report.read = sum(page.read for page in pages.values())
    for record, name, fact in facts:
        what = fact_text(name, fact)
        texts: list[tuple[str, str]] = []
        for url in fact.sources:
            page = pages[url]
            if not page.read:
                report.findings.append(Finding(page.state, record.id, fact.line, what, (url,), page.detail))
            elif fact.quote is None:
                continue
            elif page.text is not None:
                texts.append((url, page.text))
            else:
                detail = "PDF" if page.kind == "pdf" else "not a text or HTML page"
                report.findings.append(Finding(NOT_READ, record.id, fact.line, what, (url,), f"not read ({detail})"))
        if fact.quote is not None and texts and not any(normalise(fact.quote) in text for _, text in texts):
            where = "its page" if len(texts) == 1 else f"any of its {len(texts)} pages read"
            detail = f"the quote {_quoted(fact.quote)} is no longer on {where}"
            report.findings.append(
                Finding(QUOTE_MISSING, record.id, fact.line, what, tuple(u for u, _ in texts), detail)
            )
    return report
