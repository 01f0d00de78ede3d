import os
import sys
from pathlib import Path

# A misuse case on the data of test-basic; conftest.py says where the repository is.
REPO = Path(os.environ["LLM_GUIDE_REPO"])
sys.path.insert(0, str(REPO / "_ext"))

extensions = ["myst_parser", "llm_catalog"]
language = "zh_CN"
exclude_patterns = ["_build"]
llm_catalog_file = str(REPO / "tests" / "roots" / "test-basic" / "_data" / "catalog.yaml")
llm_catalog_schema = str(REPO / "_data" / "catalog.schema.json")
