"""Directives of the paths wing: the study paths, and the prerequisite graph."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from ..site.directive import CatalogDirective
from ..site.names import PROGRESS_PANEL
from . import studyplan

if TYPE_CHECKING:
    from docutils.nodes import Node


class PathsDirective(CatalogDirective):
    """Every study path of the data, one section each, after the reader's progress panel."""

    def keys(self) -> list[str]:
        return ["studyplan"]

    def build(self) -> list[Node]:
        if not self.catalog.paths:
            self.warn("the data file has no paths; add them under the top-level 'paths' list", "no_paths")
            return []
        # Empty in the cached doctree: the HTML post-transform fills it (export/import, 下一步).
        panel = nodes.container(classes=[PROGRESS_PANEL])
        out: list[Node] = [panel]
        for path in self.catalog.paths:
            self.domain.note_object(path.id, "path", path.title, studyplan.path_anchor(path.id), self.get_location())
            out.append(studyplan.path_section(self.catalog, path, self.env.docname))
        return out


class PrerequisiteGraphDirective(CatalogDirective):
    """The prerequisite graph drawn from the data, followed by the same relations as lists."""

    def keys(self) -> list[str]:
        return ["studyplan"]

    def build(self) -> list[Node]:
        return studyplan.graph_figure(self.catalog, self.env.docname)
