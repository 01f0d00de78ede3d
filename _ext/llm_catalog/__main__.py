"""``python -m llm_catalog``: the command line of :mod:`.tools.cli`."""

import sys

from .tools.cli import main

if __name__ == "__main__":
    sys.exit(main())
