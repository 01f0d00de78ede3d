"""Sphinx configuration of the LLM study guide (大语言模型学习指南)."""

from __future__ import annotations

import locale as _locale
import logging
import os
import re
import subprocess
import sys
from datetime import timedelta, timezone
from pathlib import Path
from urllib.parse import urlparse

HERE = Path(__file__).parent.resolve()
sys.path.insert(0, str(HERE / "_ext"))

# -- Project -------------------------------------------------------------------------------

project = "大语言模型学习指南"
author = "LLM 学习指南贡献者"
copyright = "2026, LLM 学习指南贡献者"
release = version = "2026.11"
language = "zh_CN"
# Read the Docs passes -D language=<project language>, and its code for Simplified Chinese has
# been zh_CN, zh-cn or zh-hans. conf.py runs before Sphinx loads translations, so teaching
# gettext these aliases makes Sphinx's and furo's Chinese strings load whichever arrives;
# _normalise_language (at the end) then fixes the value everything else reads.
_ZH_ALIASES = ("zh-cn", "zh-hans", "zh-hans-cn")
for _alias in _ZH_ALIASES:
    _locale.locale_alias.setdefault(_alias, "zh_CN.UTF-8")

# -- General -------------------------------------------------------------------------------

extensions = [
    "myst_parser",
    "sphinx_design",
    "llm_catalog",
    # Incremental rebuilds (make livehtml) without a "configuration has changed" notice each time.
    "quiet_rebuilds",
    # A line break inside a Chinese sentence of a page is no space (Markdown makes it one).
    "cjk_prose",
]
source_suffix = {".md": "markdown"}
root_doc = "index"
# Only the site's own pages are documents (not README, tests, caches or the virtualenv).
include_patterns = [
    "index.md",
    "find.md",
    "chinese.md",
    "paths.md",
    "contribute.md",
    "materials/**",
    "textbooks/**",
    "resources/**",
]
exclude_patterns = ["_build", ".venv"]
nitpicky = True
# Every warning of the catalog extension has type "llm_catalog"; silence one kind with
# e.g. suppress_warnings = ["llm_catalog.not_shown"] (none are silenced here).
suppress_warnings: list[str] = []

# Chinese words for furo's own interface ("Previous", "On this page" ...), which neither furo nor
# Sphinx translates: locale/zh_CN/LC_MESSAGES/sphinx.po, merged over Sphinx's own catalog. It is
# compiled into the system's temporary folder, never beside the .po (a build writes nothing into
# the sources), for each code of Simplified Chinese Read the Docs may pass (_ext/llm_hosting/).
from llm_hosting.translations import compiled_locale  # noqa: E402

locale_dirs = [compiled_locale(HERE / "locale")]

myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

# -- Prerequisite graph (sphinx.ext.graphviz, loaded by the catalog extension) --------------
# SVG keeps the graph sharp and its nodes clickable, on the web and in the EPUB.
graphviz_output_format = "svg"

# -- Catalog extension ---------------------------------------------------------------------
# The data file is _data/catalog.yaml with its schema beside it (the extension's defaults;
# llm_catalog_file and llm_catalog_schema change them).

# -- HTML output ---------------------------------------------------------------------------

html_theme = "furo"
# _templates/page.html puts furo's untranslatable English interface words into Chinese;
# _templates/404.html is the 404 page (see "Hosting").
templates_path = ["_templates"]
html_title = "大语言模型学习指南"

# "Edit this page" on every page points at the page's source on GitHub. On Read the Docs the
# repository comes from the clone URL it builds; elsewhere from GITHUB_REPOSITORY (set by
# GitHub Actions) or the project's home below.
_github = re.search(
    r"github\.com[:/]([\w.-]+/[\w.-]+?)(?:\.git)?/?$",
    os.environ.get("READTHEDOCS_GIT_CLONE_URL", ""),
)
GITHUB_REPOSITORY = (
    _github.group(1) if _github else os.environ.get("GITHUB_REPOSITORY", "llm-study-guide/llm-study-guide")
)
html_theme_options = {
    "source_repository": f"https://github.com/{GITHUB_REPOSITORY}/",
    "source_branch": "main",
    "source_directory": "",
    "top_of_page_buttons": ["view", "edit"],
}
html_copy_source = False
html_show_sourcelink = False
# Chinese search: with jieba installed, Sphinx segments Chinese words for the index.
html_search_language = "zh"
try:  # jieba logs its dictionary loading at DEBUG level to stderr on every build
    import jieba

    jieba.setLogLevel(logging.WARNING)
except ImportError:  # pragma: no cover - search then falls back to splitting on characters
    pass
html_baseurl = os.environ.get("READTHEDOCS_CANONICAL_URL", "")

# -- Hosting (Read the Docs) ----------------------------------------------------------------
# Readers arrive from search engines, shared links and moved pages. Read the Docs sets
# READTHEDOCS_CANONICAL_URL to the public address of the version being built, e.g.
# https://<project>.readthedocs.io/zh-cn/latest/ (scripts/rtd-build sets it the same way).
if html_baseurl and not html_baseurl.endswith("/"):
    html_baseurl += "/"
# The home page links to Read the Docs' downloads of this version (PDF, EPUB, HTML zip) at its
# documented addresses, made from the variables it sets during a build; a local build has none,
# and the home page shows the commands that make the files instead (_ext/llm_hosting/downloads.py).
from llm_hosting.downloads import download_urls, is_preview  # noqa: E402

llm_download_urls = download_urls(os.environ)
llm_downloads_preview = is_preview(os.environ)
html_static_path = ["_static"]
html_css_files = ["site.css"]  # the brand under the logo, the 404 page
# The site's own mark (SVG, _static/logo.svg): in the browser tab and at the top of the sidebar.
html_favicon = "_static/logo.svg"
html_logo = "_static/logo.svg"
# Local polish the extensions below leave open: toctree captions get the aria-level that
# axe-core requires of role="heading", link previews describe a page by its first paragraph in
# readable Chinese, and the 404 page's scripts find the site root (_ext/llm_hosting/).
extensions.append("llm_hosting")

# sphinx-notfound-page: a Chinese 404 page (_templates/404.html, with a search box and the main
# entry points) whose links and assets are absolute, so it works at any depth; Read the Docs
# serves 404.html for every missing page. The prefix is the path of the canonical URL
# (/zh-cn/latest/ on Read the Docs); elsewhere the site is served from the root.
extensions.append("notfound.extension")
notfound_template = "404.html"
notfound_context = {"title": "找不到页面", "body": ""}
notfound_urls_prefix = urlparse(html_baseurl).path or "/"

# sphinxext-opengraph: link previews in chats and social sites (Open Graph and Twitter card
# tags) with the page's own title, its first paragraph (_ext/llm_hosting/preview.py), the site
# name and a card image shipped with the site (_static/social-card.png, scripts/make-social-card).
# Previews need absolute addresses, so the tags use the canonical URL when one is known.
extensions.append("sphinxext.opengraph")
ogp_site_url = html_baseurl
ogp_site_name = project
ogp_image = "_static/social-card.png"
ogp_image_alt = "大语言模型学习指南：公开的优质课程、课本和学习资源"
ogp_social_cards = {"enable": False}  # the fixed card above; per-page cards would need matplotlib
ogp_custom_meta_tags = [
    '<meta property="og:locale" content="zh_CN" />',
    '<meta property="og:image:width" content="1200" />',
    '<meta property="og:image:height" content="630" />',
    '<meta name="twitter:card" content="summary_large_image" />',
]


def _in_git_checkout() -> bool:
    try:
        result = subprocess.run(
            ["git", "rev-parse", "--is-inside-work-tree"], cwd=HERE, capture_output=True, text=True, check=False
        )
    except OSError:  # git is not installed
        return False
    return result.stdout.strip() == "true"


# sphinx-last-updated-by-git: every page shows when its content last changed ("最后更新"),
# the newest commit of its source or of a file it depends on, so pages showing cards count
# _data/catalog.yaml (the catalog extension notes it with env.note_dependency). The catalog
# extension also notes its own code, which changes how cards look, not what they say: not a
# content date. Read the Docs clones shallowly; .readthedocs.yaml fetches the full history
# (a too-shallow clone is a warning, so it fails the build instead of showing wrong dates).
# A copy of the sources outside git (a tarball, the benchmark's copy) builds without dates.
if _in_git_checkout():
    extensions.append("sphinx_last_updated_by_git")
    html_last_updated_fmt = "%Y-%m-%d"
    # Dates in China Standard Time, the readers' time, with no time-zone database needed.
    git_last_updated_timezone = timezone(timedelta(hours=8), "UTC+08:00")
    git_exclude_patterns = ["**/_ext/**"]
    # Pages not committed yet still link to their source (furo's "edit" button).
    git_untracked_show_sourcelink = True

# sphinx-sitemap: sitemap.xml lists every page for search engines, at its canonical address
# (html_baseurl already holds language and version, hence "{link}"), with its git date. Without
# a known base URL there is nothing to list, so the extension is left out (it would warn).
if html_baseurl:
    extensions.append("sphinx_sitemap")
    sitemap_url_scheme = "{link}"
    sitemap_locales = [None]  # one language; locale/ holds translations of the theme, not pages
    sitemap_excludes = ["404.html", "search.html", "genindex.html"]
    sitemap_show_lastmod = "sphinx_last_updated_by_git" in extensions

# -- LaTeX / PDF output --------------------------------------------------------------------
# Read the Docs runs `latexmk -r latexmkrc -pdf ...` in the LaTeX folder without the
# Makefile Sphinx writes, so nothing here may depend on that Makefile (e.g. XINDYOPTS).

latex_engine = "xelatex"
latex_documents = [("index", "llm-study-guide.tex", "大语言模型学习指南", author, "manual")]
# Paper cannot be clicked: print every external address as a footnote.
latex_show_urls = "footnote"
# The PDF has a table of contents and bookmarks; a general index of Chinese titles sorted by
# code point helps nobody, and makeindex/xindy would need options Read the Docs does not pass.
latex_use_xindy = False
latex_domain_indices = False
latex_elements = {
    "papersize": "a4paper",
    "pointsize": "11pt",
    # Latin text in the FreeFont family (fonts-freefont-otf), Chinese in Noto CJK SC
    # (fonts-noto-cjk), named explicitly so xeCJK never falls back to a missing font.
    "fontpkg": r"""
\setmainfont{FreeSerif}
\setsansfont{FreeSans}
\setmonofont{FreeMono}
\setCJKmainfont{Noto Serif CJK SC}[BoldFont=Noto Sans CJK SC Bold]
\setCJKsansfont{Noto Sans CJK SC}
\setCJKmonofont{Noto Sans Mono CJK SC}
""",
    "printindex": "",
    # Chinese chapter headings (第 1 章) instead of fncychap's English "CHAPTER 1".
    "fncychap": "",
    "preamble": r"""
% The catalog's cards are styled by llm-catalog.sty, which the extension ships and loads.
% Latin words inside Chinese text keep one ordinary space around them.
\xeCJKsetup{CJKecglue={ }}
% Running heads read "第 1 章 标题" (Sphinx uses \@chappos when it is defined).
\makeatletter\def\@chappos{章\quad}\makeatother
\AtBeginDocument{\renewcommand{\chaptername}{第}}
\titleformat{\chapter}[display]{\normalfont\sffamily\huge\bfseries\raggedleft}%
  {第\,\thechapter\,章}{12pt}{\Huge}[\vspace{1ex}\titlerule]
""",
    "sphinxsetup": "hmargin={2.2cm,2.2cm}, vmargin={2.5cm,2.5cm}",
    # Read on screen or printed on one side: a chapter starts on the next page, never after a
    # blank one, and every page has the same running head (book class defaults: openright, twoside).
    "extraclassoptions": "openany,oneside",
}
# Running heads: the chapter's own title on the left, the book's on the right, the page number
# in the footer. The introduction (the root page's text, printed after the contents) gets a
# heading of its own, in the contents and the bookmarks, so its pages are not headed 目录.
latex_elements["preamble"] += r"""
\setlength{\headheight}{14pt}
\makeatletter
\fancypagestyle{normal}{%
  \fancyhf{}%
  \fancyhead[L]{{\py@HeaderFamily\nouppercase{\leftmark}}}%
  \fancyhead[R]{{\py@HeaderFamily\@title}}%
  \fancyfoot[C]{{\py@HeaderFamily\thepage}}%
  \renewcommand{\headrulewidth}{0.4pt}\renewcommand{\footrulewidth}{0pt}%
  \def\chaptermark##1{\markboth{\@chapapp\space\thechapter\space\@chappos\space ##1}{}}}
\fancypagestyle{plain}{%
  \fancyhf{}\fancyfoot[C]{{\py@HeaderFamily\thepage}}%
  \renewcommand{\headrulewidth}{0pt}\renewcommand{\footrulewidth}{0pt}}
\g@addto@macro\sphinxtableofcontents{%
  \chapter*{关于本指南}\phantomsection\addcontentsline{toc}{chapter}{关于本指南}%
  \markboth{关于本指南}{关于本指南}}
\makeatother
"""

# -- EPUB output ---------------------------------------------------------------------------

epub_basename = "llm-study-guide"
epub_title = project
epub_author = author
epub_publisher = author
epub_copyright = copyright
epub_language = "zh-CN"  # EPUB wants a BCP 47 tag, not the gettext-style "zh_CN"
# The OPF identifier and the NCX uid must be equal, and the uid must be an XML name.
epub_uid = epub_identifier = "llm-study-guide-zh-cn"
# E-readers show the address after each link, so cards stay complete offline.
epub_show_urls = "inline"
# The link-preview card and the sidebar logo are for the hosted site only (330 KB in a book).
# The graph's web stylesheet too: the EPUB draws the graph in an <object> that it cannot style, and
# epubcheck's CSS parser refuses the :has() selector it uses. chinese.xhtml: the web's own page for
# the Chinese table, which the EPUB has in its find chapter. The filter's stylesheet (:has() too):
# the EPUB has no filter.
epub_exclude_files = [
    "search.html",
    "_static/social-card.png",
    "_static/logo.svg",
    "_static/llm-graph.css",
    "_static/llm-filter.css",
    "chinese.xhtml",
]


# -- Link checking (make linkcheck) -------------------------------------------------------
# The report _build/linkcheck/catalog-links.txt names the record id and data-file line of
# every broken link; the scheduled GitHub workflow runs this weekly.

linkcheck_timeout = 30
linkcheck_retries = 2
linkcheck_workers = 4
# Back off politely when a site answers 429 Too Many Requests, for at most this many seconds.
linkcheck_rate_limit_timeout = 120.0
linkcheck_report_timeouts_as_broken = False
linkcheck_request_headers = {"*": {"Accept": "text/html,application/xhtml+xml", "Accept-Language": "zh-CN,en;q=0.8"}}
# These sites build their pages (and anchors) with JavaScript, so anchors cannot be checked.
linkcheck_anchors_ignore_for_url = [
    r"https://github\.com/.*",
    r"https://.*\.notion\.site/.*",
    r"https://.*\.feishu\.cn/.*",
]
# Hosts that refuse automated checks. Each is listed with its reason; check them by hand.
LINKCHECK_SKIPPED = {
    r"https://mp\.weixin\.qq\.com/.*": "WeChat articles answer scripts with a verification page",
    r"https://openai\.com/.*": "behind a bot challenge that answers 403 to every script",
    r"https://www\.youtube\.com/results\?.*": "a search-results page: its content changes, only the host matters",
    r"https://waytoagi\.feishu\.cn/.*": "Feishu wiki pages need a browser session and answer scripts with a login page",
}
linkcheck_ignore = list(LINKCHECK_SKIPPED)
# Short links and moved course pages that redirect where they should.
linkcheck_allowed_redirects = {
    r"https://youtu\.be/.*": r"https://www\.youtube\.com/watch\?v=.*",
    r"https://openai\.com/research": r"https://openai\.com/.*",
}

# -- Hooks ---------------------------------------------------------------------------------


def _normalise_language(app, config) -> None:
    """Any of Read the Docs' codes for Simplified Chinese (see the Project section) becomes ``zh_CN``."""
    if config.language.lower().replace("_", "-") in {"zh", *_ZH_ALIASES}:
        config.language = "zh_CN"


def setup(app) -> None:
    app.connect("config-inited", _normalise_language, priority=100)
