import os
import sys

# Test roots are copied to a temporary folder; conftest.py says where the repository, and the
# configuration they share (tests/roots/base_conf.py), are.
sys.path.insert(0, os.path.join(os.environ["LLM_GUIDE_REPO"], "tests", "roots"))
from base_conf import *  # noqa: F403
