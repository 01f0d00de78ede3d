"""Sphinx configuration of the LLM study guide (大语言模型学习指南)."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

HERE = Path(__file__).parent.resolve()
sys.path.insert(0, str(HERE / "_ext"))

# -- Project -------------------------------------------------------------------------------

project = "大语言模型学习指南"
author = "LLM 学习指南贡献者"
copyright = "2026, LLM 学习指南贡献者"
release = version = "2026.11"
language = "zh_CN"

# -- General -------------------------------------------------------------------------------

extensions = [
    "myst_parser",
    "sphinx_design",
    "llm_catalog",
]
source_suffix = {".md": "markdown"}
root_doc = "index"
# Only the site's own pages are documents (not README, tests, caches or the virtualenv).
include_patterns = ["index.md", "materials/**", "textbooks/**", "resources/**"]
exclude_patterns = ["_build", ".venv"]
nitpicky = True
# Every warning of the catalog extension has type "llm_catalog"; silence one kind with
# e.g. suppress_warnings = ["llm_catalog.not_shown"] (none are silenced here).
suppress_warnings: list[str] = []

myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

# -- Catalog extension ---------------------------------------------------------------------

llm_catalog_file = "_data/catalog.yaml"
llm_catalog_schema = "_data/catalog.schema.json"

# -- HTML output ---------------------------------------------------------------------------

html_theme = "furo"
html_title = "大语言模型学习指南"
html_static_path: list[str] = []
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
