"""Prerequisites as a graph: requirement edges, cycles, study order, and ranking by topic.

Pure data (no Sphinx), built by :func:`requirements` from the file's content, once per
catalog: the rules use it to locate problems, the records (``Catalog.graph``) to draw the
graph, order the paths and give the "下一步" data.

Nodes are record ids and chapter ids (``slp3#7``, ``llm101n#3``). Edges are *strict*: a node
needs every node it points to. Requiring a whole book or syllabus means requiring all its
chapters; a syllabus chapter requires the one before it (syllabi are read in order). A topic
id in ``requires`` is *soft*: any one material that teaches the topic meets it, so topic
requirements never form cycles and are kept apart.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

#: A place in the data file: keys and list indexes from the top (as yamlsource.DataPath).
Place = tuple[str | int, ...]


def chapter_id(record_id: str, number: int) -> str:
    """The id of a chapter, as written in ``requires`` and kept by the reader's progress."""
    return f"{record_id}#{number}"


def split_id(node: str) -> tuple[str, int | None]:
    record, _, number = node.partition("#")
    return record, (int(number) if number else None)


@dataclass
class Graph:
    """Requirement edges in data order; ``order`` remembers where each node was declared."""

    strict: dict[str, list[str]] = field(default_factory=dict)
    topics: dict[str, list[str]] = field(default_factory=dict)
    #: The topics a node teaches (for topic requirements and path order).
    teaches: dict[str, set[str]] = field(default_factory=dict)
    #: Where each node comes in the data file: ties in an order are broken by it.
    order: dict[str, int] = field(default_factory=dict)

    def add(self, node: str, *, teaches: Iterable[str] = ()) -> None:
        self.order.setdefault(node, len(self.order))
        self.strict.setdefault(node, [])
        self.topics.setdefault(node, [])
        self.teaches.setdefault(node, set()).update(teaches)

    def require(self, node: str, needed: str, *, topic: bool = False) -> None:
        target = self.topics[node] if topic else self.strict[node]
        if needed not in target:
            target.append(needed)

    # -- Questions ---------------------------------------------------------------------

    def cycles(self) -> list[list[str]]:
        """One cycle per strongly connected group of nodes, each starting at its first node."""
        found: list[list[str]] = []
        for group in _strong_groups(self.strict, self.order):
            if len(group) == 1 and group[0] not in self.strict.get(group[0], ()):
                continue
            found.append(self._cycle_through(sorted(group, key=self.order.__getitem__)))
        return sorted(found, key=lambda cycle: self.order[cycle[0]])

    def _cycle_through(self, group: list[str]) -> list[str]:
        members = set(group)
        start = group[0]
        # Breadth-first from start inside the group back to start: the shortest cycle.
        previous: dict[str, str] = {}
        queue = [start]
        while queue:
            node = queue.pop(0)
            for nxt in self.strict.get(node, ()):
                if nxt not in members:
                    continue
                if nxt == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(previous[path[-1]])
                    return [*reversed(path), start]
                if nxt not in previous:
                    previous[nxt] = node
                    queue.append(nxt)
        return [start, start]  # pragma: no cover - a strong group always has a cycle

    def needs(self, node: str) -> list[str]:
        """Everything *node* strictly needs, transitively, in study order (first things first)."""
        out: list[str] = []
        seen: set[str] = {node}

        def visit(current: str) -> None:
            for needed in self.strict.get(current, ()):
                if needed not in seen:
                    seen.add(needed)
                    visit(needed)
                    out.append(needed)

        visit(node)
        return out

    def topic_needs(self, node: str) -> list[str]:
        """Topics *node* or anything it strictly needs requires, in study order."""
        out: list[str] = []
        for current in [*self.needs(node), node]:
            for topic in self.topics.get(current, ()):
                if topic not in out:
                    out.append(topic)
        return out

    def teachers(self, topic: str, *, exclude: Iterable[str] = ()) -> list[str]:
        excluded = set(exclude)
        return [n for n in self.order if topic in self.teaches.get(n, ()) and n not in excluded]


def _strong_groups(edges: Mapping[str, list[str]], order: Mapping[str, int]) -> list[list[str]]:
    """Tarjan's strongly connected components, iterative (data files can be long chains)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []
    counter = 0
    for root in sorted(edges, key=lambda n: order.get(n, 0)):
        if root in index:
            continue
        work: list[tuple[str, int]] = [(root, 0)]
        while work:
            node, i = work.pop()
            if i == 0:
                index[node] = low[node] = counter
                counter += 1
                stack.append(node)
                on_stack.add(node)
            children = edges.get(node, [])
            if i < len(children):
                work.append((node, i + 1))
                child = children[i]
                if child not in index:
                    work.append((child, 0))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            for child in children:
                if child in on_stack:
                    low[node] = min(low[node], low[child])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                groups.append(group)
    return groups


# -- Ranking related materials ---------------------------------------------------------------


def match_score(wanted: Iterable[str], offered: Iterable[str]) -> float:
    """How specifically *offered* topics match *wanted* ones: shared / all topics of both.

    1.0 is an exact match (a book chapter on just this topic); a whole course touching the
    topic among seven others scores low. 0 means no shared topic.
    """
    a, b = set(wanted), set(offered)
    return len(a & b) / len(a | b) if a & b else 0.0


# -- The graph of a data file --------------------------------------------------------------


@dataclass
class Requirements:
    """The file's requirement graph, and where each requirement was written (to locate problems)."""

    graph: Graph
    #: ``(node, needed)`` -> the path of the ``requires`` entry that says so.
    written: dict[tuple[str, str], Place]
    topics: dict[str, str]
    #: Node -> (path in the file, the chapter numbers of a record).
    nodes: dict[str, Place]


def _items(data: object, key: str) -> Iterator[tuple[Place, dict]]:
    if isinstance(data, dict) and isinstance(data.get(key), list):
        for index, item in enumerate(data[key]):
            if isinstance(item, dict):
                yield (key, index), item


def _chapters(path: Place, record: dict) -> Iterator[tuple[Place, dict, int]]:
    chapters = record.get("chapters")
    if isinstance(chapters, list):
        for n, chapter in enumerate(chapters):
            number = chapter.get("number") if isinstance(chapter, dict) else None
            if isinstance(number, int) and not isinstance(number, bool):
                yield (*path, "chapters", n), chapter, number


def _strings(value: object) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _strings_or_none(value: object) -> list[str | None]:
    """A list's items, with ``None`` in place of what is not text (indexes stay those of the file)."""
    return [v if isinstance(v, str) else None for v in value] if isinstance(value, list) else []


def requirements(data: Any, sections: Iterable[str], *, in_order: str) -> Requirements:
    """The requirement graph of the data file's content *data* (valid or not: what cannot be
    read is skipped), its records in *sections*; the chapters of *in_order* are read in order."""
    topics = {
        item["id"]: str(item.get("title", item["id"]))
        for _, item in _items(data, "topics")
        if isinstance(item.get("id"), str)
    }
    records = [(path, item) for section in sections for path, item in _items(data, section)]
    graph = Graph()
    nodes: dict[str, Place] = {}
    for path, record in records:
        rid = record.get("id")
        if not isinstance(rid, str) or rid in nodes:
            continue
        nodes[rid] = path
        graph.add(rid, teaches=_strings(record.get("topics")))
        previous: int | None = None  # in a syllabus, the number of the chapter before
        for where, chapter, number in _chapters(path, record):
            node = chapter_id(rid, number)
            nodes.setdefault(node, where)
            graph.add(node, teaches=_strings(chapter.get("topics")))
            graph.require(rid, node)
            # A syllabus is read in order: a chapter requires the one before it, but only when the
            # number increases, so a misnumbered chapter (chapters_in_order reports it) is not also
            # reported as a prerequisite cycle.
            if path[0] == in_order and previous is not None and previous < number:
                graph.require(node, chapter_id(rid, previous))
            previous = number
    written: dict[tuple[str, str], Place] = {}
    for path, record in records:
        rid = record.get("id")
        if not isinstance(rid, str):
            continue
        entries = [(rid, path, record), *((chapter_id(rid, n), where, ch) for where, ch, n in _chapters(path, record))]
        for node, where, item in entries:
            for n, value in enumerate(_strings_or_none(item.get("requires"))):
                if value is None:
                    continue
                if value in topics:
                    graph.require(node, value, topic=True)
                elif value in nodes and value != node:
                    graph.require(node, value)
                    written.setdefault((node, value), (*where, "requires", n))
    return Requirements(graph, written, topics, nodes)
