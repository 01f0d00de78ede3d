"""The paths wing: the study paths (steps, totals) and the prerequisite graph drawn from the data.

:mod:`.studyplan` makes builder-neutral nodes and the graph's dot code; :mod:`.graph` draws the
graph per builder (inline SVG on the web, Sphinx's ``<object>`` in the EPUB, a vector figure in
the PDF) and links its nodes to the cards.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..site import builders, scripts
from . import graph
from .directives import PathsDirective, PrerequisiteGraphDirective

if TYPE_CHECKING:
    from sphinx.application import Sphinx

STATIC_DIR = Path(__file__).parent / "static"


def setup(app: Sphinx) -> None:
    app.add_directive("llm-paths", PathsDirective)
    app.add_directive("llm-prerequisite-graph", PrerequisiteGraphDirective)
    graph.setup(app)
    for event in (builders.WEB_PAGE, builders.PRINT_PAGE):
        app.connect(event, graph.replace_if_dot_missing, priority=400)
        app.connect(event, graph.link_nodes, priority=410)
    scripts.add_static(app, STATIC_DIR)
