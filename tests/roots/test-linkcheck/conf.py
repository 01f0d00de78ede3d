import os
import sys
from pathlib import Path

REPO = Path(os.environ["LLM_GUIDE_REPO"])
sys.path.insert(0, str(REPO / "_ext"))

extensions = ["myst_parser", "sphinx_design", "llm_catalog"]
language = "zh_CN"
exclude_patterns = ["_build"]
llm_catalog_schema = str(REPO / "_data" / "catalog.schema.json")
linkcheck_timeout = 5
linkcheck_retries = 1
linkcheck_workers = 2
