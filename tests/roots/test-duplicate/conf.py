import os
import sys

# Test roots are copied to a temporary folder; conftest.py says where the repository, and the
# configuration they share (tests/roots/base_conf.py), are.
sys.path.insert(0, os.path.join(os.environ["LLM_GUIDE_REPO"], "tests", "roots"))
from base_conf import *  # noqa: F403
from base_conf import BASIC_DATA

# A misuse case on the data of test-basic: without sphinx-design, and not nitpicky.
extensions = ["myst_parser", "llm_catalog"]
nitpicky = False
llm_catalog_file = BASIC_DATA
