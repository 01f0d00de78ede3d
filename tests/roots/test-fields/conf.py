import os
import sys
from pathlib import Path

# Test roots are copied to a temporary folder; conftest.py says where the repository is.
REPO = Path(os.environ["LLM_GUIDE_REPO"])
sys.path.insert(0, str(REPO / "_ext"))

extensions = ["myst_parser", "sphinx_design", "llm_catalog"]
language = "zh_CN"
nitpicky = True
exclude_patterns = ["_build"]
llm_catalog_schema = str(REPO / "_data" / "catalog.schema.json")
