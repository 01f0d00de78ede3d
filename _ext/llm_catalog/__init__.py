"""Sphinx extension that renders the LLM study catalog (courses, syllabi, books, resources).

The package imports without Sphinx, so ``python -m llm_catalog check`` runs in a bare
environment with only PyYAML and jsonschema (the pre-commit hook does exactly that).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__version__ = "1.0.0"

#: Where the data file lives, relative to the project (conf.py's folder); its JSON Schema is
#: ``catalog.schema.json`` beside it.
DEFAULT_FILE = "_data/catalog.yaml"


def setup(app: Sphinx) -> dict[str, Any]:
    from .site.extension import setup as setup_extension

    return setup_extension(app)
