"""The home page's download links: Read the Docs' addresses of the PDF, EPUB and HTML zip.

Read the Docs serves a version's offline formats at documented addresses on the project's
domain, ``/_/downloads/<language>/<version>/<format>/`` (``pdf``, ``epub``, ``htmlzip``), and
tells a build where it is through environment variables: ``READTHEDOCS_CANONICAL_URL`` (the
version's public base, e.g. ``https://<project>.readthedocs.io/zh-cn/latest/``, or a custom
domain), ``READTHEDOCS_LANGUAGE`` and ``READTHEDOCS_VERSION``. A local build has none of them
and no files to link to, so the directive says so, with the commands that make the files.
Pull-request previews (``READTHEDOCS_VERSION_TYPE=external``) build no offline formats either.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

#: Format slug of Read the Docs, its name for the reader, what it is good for, and the local
#: command and file that make it (Makefile).
FORMATS = (
    (
        "pdf",
        "PDF",
        "适合打印和在电脑上阅读，每个链接的网址都印在脚注里",
        "make pdf",
        "_build/latex/llm-study-guide.pdf",
    ),
    ("epub", "EPUB", "适合手机和电子书阅读器，链接的网址写在链接后面", "make epub", "_build/epub/llm-study-guide.epub"),
    (
        "htmlzip",
        "网页压缩包",
        "整个网站，解压后用浏览器打开其中的 index.html，离线也能搜索",
        "make htmlzip",
        "_build/htmlzip/llm-study-guide.zip",
    ),
)

LOCAL_NOTE = "这是在本地构建的网站，还没有可以下载的文件。在仓库目录中运行下面的命令生成："
PREVIEW_NOTE = "这是拉取请求的预览版，Read the Docs 不为预览版生成下载文件；请到正式版本的首页下载。"


def download_urls(environ: Mapping[str, str]) -> dict[str, str] | None:
    """Read the Docs' download address of each format, or None outside a Read the Docs build."""
    canonical = environ.get("READTHEDOCS_CANONICAL_URL", "")
    language = environ.get("READTHEDOCS_LANGUAGE", "")
    version = environ.get("READTHEDOCS_VERSION", "")
    if not (canonical and language and version) or environ.get("READTHEDOCS_VERSION_TYPE") == "external":
        return None
    parts = urlsplit(canonical)
    # The language as it appears in the address (zh_CN -> zh-cn), as Read the Docs writes it.
    language = language.lower().replace("_", "-")
    return {slug: f"{parts.scheme}://{parts.netloc}/_/downloads/{language}/{version}/{slug}/" for slug, *_ in FORMATS}


def is_preview(environ: Mapping[str, str]) -> bool:
    return environ.get("READTHEDOCS_VERSION_TYPE") == "external"


class DownloadsDirective(SphinxDirective):
    """``{llm-downloads}``: links to the offline formats, or how to make them locally."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        urls = self.config.llm_download_urls
        box = nodes.container(classes=["llm-downloads"])
        items = nodes.bullet_list(classes=["llm-download-list"])
        if urls:
            for slug, name, use, _, _ in FORMATS:
                link = nodes.reference(name, name, refuri=urls[slug], classes=["llm-download"])
                link["classes"].append(f"llm-download-{slug}")
                para = nodes.paragraph("", "", nodes.strong("", "", link), nodes.Text(f"：{use}"))
                items += nodes.list_item("", para)
            box += items
            return [box]
        note = PREVIEW_NOTE if self.config.llm_downloads_preview else LOCAL_NOTE
        box["classes"].append("llm-downloads-local")
        box += nodes.paragraph(note, note, classes=["llm-downloads-note"])
        if not self.config.llm_downloads_preview:
            for _, name, use, command, output in FORMATS:
                para = nodes.paragraph("", "", nodes.literal(command, command))
                para += nodes.Text(f" → {name}（")
                para += nodes.literal(output, output)
                para += nodes.Text(f"）：{use}")
                items += nodes.list_item("", para)
            box += items
        return [box]


def setup(app: Sphinx) -> dict[str, Any]:
    # conf.py sets both from the environment (download_urls, is_preview); a change rebuilds.
    app.add_config_value("llm_download_urls", None, "env", types=(dict, type(None)))
    app.add_config_value("llm_downloads_preview", False, "env", types=(bool,))
    app.add_directive("llm-downloads", DownloadsDirective)
    return {"parallel_read_safe": True}
