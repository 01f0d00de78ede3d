"""feed.xsl: feed.xml opened in a browser, laid out as a readable Chinese page.

feed.xml names this stylesheet in an ``<?xml-stylesheet?>`` instruction before its root. A
browser that applies XSLT to a feed served over http(s) then shows the feed's title, what a
feed is and how to subscribe, and each entry with its date, type and link, instead of an XML
tree; feed readers ignore the instruction. The page takes nothing from elsewhere: its style is
inline, with no script, font or image.

Where it does not apply: Chromium does not load a stylesheet for a file opened from disk, and
browsers have deprecated XSLT (Chromium warns about it). There the feed shows as XML, as it did
before; it stays a valid feed either way.

Every word comes from labels.py. A label with fields (``{year}``, ``{count}``, ``{link}`` ...)
becomes text and the XPath values or links that fill them, so the stylesheet follows a reworded
label.
"""

from __future__ import annotations

import string
import uuid
from xml.sax.saxutils import escape, quoteattr

from ..data import labels

#: The stylesheet's name, beside feed.xml.
FEED_STYLE = "feed.xsl"
#: The processing instruction feed.xml gives after its XML declaration (relative to the feed,
#: so the stylesheet comes from wherever the feed is served: same origin, as browsers require).
STYLESHEET_PI = f'<?xml-stylesheet type="text/xsl" href="{FEED_STYLE}"?>'
#: The scheme of the entry category that gives a record's type (term: the type, label: its word).
TYPE_SCHEME = uuid.uuid5(uuid.NAMESPACE_URL, "llm-study-guide:record-type").urn

ATOM = "http://www.w3.org/2005/Atom"

_TYPE = f"a:category[@scheme='{TYPE_SCHEME}']/@label"
_LINK = "a:link[@rel='alternate']/@href"
_SELF = "a:link[@rel='self']/@href"

CSS = """
:root { color-scheme: light dark; --fg: #1f2328; --muted: #59636e; --bg: #ffffff; --line: #d1d9e0;
  --link: #0550ae; --box: #f6f8fa; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e6edf3; --muted: #9198a1; --bg: #0d1117; --line: #3d444d; --link: #4493f8; --box: #151b23; }
}
body { margin: 0; background: var(--bg); color: var(--fg);
  font: 16px/1.7 system-ui, -apple-system, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei",
  "Noto Sans CJK SC", sans-serif; }
main { max-width: 46rem; margin: 0 auto; padding: 2rem 1.25rem 3rem; }
h1 { font-size: 1.6rem; line-height: 1.3; margin: 0 0 0.25rem; }
h2 { font-size: 1.2rem; margin: 1.5rem 0 0.5rem; }
a { color: var(--link); }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; word-break: break-all; }
.subtitle { color: var(--muted); margin-top: 0; }
.about { background: var(--box); border: 1px solid var(--line); border-radius: 8px; padding: 0 1.25rem;
  margin: 1.5rem 0; }
.entries { list-style: none; margin: 0; padding: 0; }
.entry { border-top: 1px solid var(--line); padding: 0.75rem 0; }
.entry p { margin: 0.15rem 0; }
.entry-meta, .entry-note { color: var(--muted); font-size: 0.9rem; }
.entry-title { font-size: 1.05rem; font-weight: 600; }
"""


def _text(text: str) -> str:
    """Literal text, kept as written (a stylesheet drops text nodes that are only spaces)."""
    return f"<xsl:text>{escape(text)}</xsl:text>" if text else ""


def _value(xpath: str) -> str:
    return f"<xsl:value-of select={quoteattr(xpath)}/>"


def _words(label: str, **fields: str) -> str:
    """*label* as the stylesheet's markup: its text as text, each ``{field}`` as ``fields[field]``."""
    out = []
    for text, field, _, _ in string.Formatter().parse(label):
        out.append(_text(text))
        if field is not None:
            out.append(fields[field])
    return "".join(out)


def _string(text: str) -> str:
    """*text* as an XPath string literal."""
    return f'"{text}"' if "'" in text else f"'{text}'"


def _note() -> str:
    """The XPath of an entry's note: its summary (labels.FEED_SUMMARY, "{type}：{note}") after the
    type's words; empty when the summary is the type alone."""
    before, found, after = labels.FEED_SUMMARY.partition("{note}")
    if not found or after:
        raise ValueError("labels.FEED_SUMMARY must end with {note}")
    parts = []
    for text, field, _, _ in string.Formatter().parse(before):
        if text:
            parts.append(_string(text))
        if field == "type":
            parts.append(_TYPE)
        elif field is not None:
            raise ValueError(f"labels.FEED_SUMMARY: unknown field {{{field}}}")
    prefix = parts[0] if len(parts) == 1 else f"concat({', '.join(parts)})"
    return f"substring-after(a:summary, {prefix})"


def _date(xpath: str) -> str:
    """The ISO date at the start of *xpath* in words (labels.RECENT_DATE: "2026 年 12 月 1 日")."""
    return _words(
        labels.RECENT_DATE,
        year=_value(f"substring({xpath}, 1, 4)"),
        month=_value(f"number(substring({xpath}, 6, 2))"),
        day=_value(f"number(substring({xpath}, 9, 2))"),
    )


TEMPLATE = string.Template(
    """<?xml version="1.0" encoding="utf-8"?>
<!-- feed.xml read in a browser: written by the site's build (llm_catalog, outputs/feedstyle.py). -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:a="$atom"
  exclude-result-prefixes="a">
  <xsl:output method="html" encoding="utf-8" indent="yes" doctype-system="about:legacy-compat"/>
  <xsl:template match="/a:feed">
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="a:title"/></title>
        <style>$css</style>
      </head>
      <body>
        <main>
          <h1><xsl:value-of select="a:title"/></h1>
          <p class="subtitle"><xsl:value-of select="a:subtitle"/></p>
          <section class="about" aria-labelledby="feed-about">
            <h2 id="feed-about">$about</h2>
            <p>$what</p>
            <p>$how</p>
            <p class="feed-address">
              <xsl:choose>
                <xsl:when test="starts-with($self, 'https://') or starts-with($self, 'http://')">
                  $address<code><xsl:value-of select="$self"/></code>
                </xsl:when>
                <xsl:otherwise>$address_here</xsl:otherwise>
              </xsl:choose>
            </p>
            <xsl:if test="$link">
              <p class="feed-recent">$recent</p>
            </xsl:if>
            <p class="feed-all">$all</p>
          </section>
          <section aria-labelledby="feed-entries">
            <h2 id="feed-entries">$entries</h2>
            <xsl:choose>
              <xsl:when test="a:entry">
                <ol class="entries">
                  <xsl:for-each select="a:entry">
                    <li class="entry">
                      <p class="entry-meta">
                        <time class="entry-date" datetime="{substring(a:published, 1, 10)}">$date</time>
                        <xsl:if test="$type">
                          $separator<span class="entry-type"><xsl:value-of select="$type"/></span>
                        </xsl:if>
                      </p>
                      <p class="entry-title">
                        <xsl:choose>
                          <xsl:when test="$link">
                            <a href="{$link}"><xsl:value-of select="a:title"/></a>
                          </xsl:when>
                          <xsl:otherwise><xsl:value-of select="a:title"/></xsl:otherwise>
                        </xsl:choose>
                      </p>
                      <xsl:if test="string-length($note) &gt; 0">
                        <p class="entry-note"><xsl:value-of select="$note"/></p>
                      </xsl:if>
                    </li>
                  </xsl:for-each>
                </ol>
              </xsl:when>
              <xsl:otherwise>
                <p>$empty</p>
              </xsl:otherwise>
            </xsl:choose>
          </section>
        </main>
      </body>
    </html>
  </xsl:template>
</xsl:stylesheet>
"""
)


def stylesheet(limit: int) -> bytes:
    """feed.xsl, for a feed of at most *limit* entries."""
    link = escape(_LINK)
    return TEMPLATE.substitute(
        atom=ATOM,
        css=escape(CSS),
        about=escape(labels.FEED_PAGE_ABOUT),
        what=escape(labels.FEED_PAGE_WHAT),
        how=escape(labels.FEED_PAGE_HOW),
        self=escape(_SELF),
        link=link,
        type=escape(_TYPE),
        note=escape(_note()),
        address=_text(labels.FEED_PAGE_ADDRESS),
        address_here=_text(labels.FEED_PAGE_ADDRESS_HERE),
        recent=_words(
            labels.FEED_PAGE_RECENT,
            link=f'<a href="{{{link}}}">{escape(labels.RECENT_TITLE)}</a>',
        ),
        all=_words(labels.FEED_PAGE_ALL, limit=_text(str(limit)), link='<a href="catalog.json">catalog.json</a>'),
        entries=_words(labels.FEED_PAGE_ENTRIES, count=_value("count(a:entry)")),
        date=_date("a:published"),
        separator=_text(labels.SEPARATOR),
        empty=escape(labels.RECENT_EMPTY),
    ).encode("utf-8")
