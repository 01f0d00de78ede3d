"""Sphinx extension that renders the LLM study catalog (courses, syllabi, books, resources).

The package imports without Sphinx, so ``python -m llm_catalog check`` runs in a bare
environment with only PyYAML and jsonschema (the pre-commit hook does exactly that).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx

from .rules.load import DEFAULT_FILE
from .site import __version__

__all__ = ["DEFAULT_FILE", "__version__", "setup"]


def setup(app: Sphinx) -> dict[str, Any]:
    """The core (``site/``), then each wing: a feature that registers itself with its own
    ``setup(app)``. Wings never import each other; where a wing needs another's part, the core
    offers an event (site/builders.py) or a shared name (site/names.py)."""
    from . import cards, outputs, paper, paths, progress, search
    from . import filter as filtering
    from .site.extension import setup as setup_core

    metadata = setup_core(app)
    for wing in (paths, cards, filtering, progress, search, paper, outputs):
        wing.setup(app)
    return metadata
