"""The Sphinx configuration the test roots share: each root's conf.py starts from it.

A root's conf.py puts this folder on ``sys.path``, takes everything with ``from base_conf import *``
and then sets what is its own. The roots are copied to a temporary folder before a build, so
this folder, like the extension, is found in the repository that conftest.py names in
``LLM_GUIDE_REPO``. The module is imported once per process, so its lists are shared: a root
that wants another list assigns a new one.
"""

import os
import sys
from pathlib import Path

__all__ = ["BASIC_DATA", "exclude_patterns", "extensions", "language", "llm_catalog_schema", "nitpicky"]

REPO = Path(os.environ["LLM_GUIDE_REPO"])
sys.path.insert(0, str(REPO / "_ext"))

#: The data file of test-basic, which the misuse roots read (they hold only pages).
BASIC_DATA = str(REPO / "tests" / "roots" / "test-basic" / "_data" / "catalog.yaml")

extensions = ["myst_parser", "sphinx_design", "llm_catalog"]
language = "zh_CN"
nitpicky = True
exclude_patterns = ["_build"]
llm_catalog_schema = str(REPO / "_data" / "catalog.schema.json")
