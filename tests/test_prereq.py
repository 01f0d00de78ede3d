"""The prerequisite graph (llm_catalog.data.prereq): pure unit tests on small hand-made graphs.

Expected values come from the module's contract: edges are strict (a node needs every node it
points to), requiring a book means all its chapters, a syllabus is read in order, a topic
requirement is met by any material teaching it, each cycle is found whole and once, and the match
score is shared topics / all topics of both. No Sphinx.
"""

from __future__ import annotations

import signal

import pytest

from llm_catalog.data.prereq import Graph, chapter_id, match_score, requirements, split_id


@pytest.fixture(autouse=True)
def _answered_at_once():
    """Graphs this small are answered at once: a search that never ends fails the test instead."""

    def stop(signum, frame):
        raise TimeoutError("the graph search did not end")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, 2)
    yield
    signal.setitimer(signal.ITIMER_REAL, 0)
    signal.signal(signal.SIGALRM, previous)


def graph(*nodes: str, edges: tuple[tuple[str, str], ...] = ()) -> Graph:
    g = Graph()
    for node in nodes:
        g.add(node)
    for node, needed in edges:
        g.require(node, needed)
    return g


# -- ids --------------------------------------------------------------------------------------


def test_chapter_ids_round_trip():
    assert chapter_id("slp3", 7) == "slp3#7"
    assert split_id("slp3#7") == ("slp3", 7)
    assert split_id("slp3") == ("slp3", None)


# -- cycles -------------------------------------------------------------------------------------


def test_no_cycle_in_a_chain():
    assert graph("a", "b", "c", edges=(("a", "b"), ("b", "c"))).cycles() == []


def test_a_node_requiring_itself_is_a_cycle():
    g = graph("a", "b", edges=(("a", "a"), ("b", "a")))
    assert g.cycles() == [["a", "a"]]


def test_a_two_node_cycle_starts_at_the_node_declared_first():
    assert graph("b", "a", edges=(("a", "b"), ("b", "a"))).cycles() == [["b", "a", "b"]]


def test_a_longer_cycle_is_found_whole_in_edge_order():
    g = graph("a", "b", "c", "d", edges=(("a", "b"), ("b", "c"), ("c", "a"), ("d", "a")))
    assert g.cycles() == [["a", "b", "c", "a"]]


def test_the_shortest_cycle_through_the_first_node_is_given_once_per_group():
    # One strongly connected group a, b, c, d; a's shortest way back is a -> d -> a.
    g = graph("a", "b", "c", "d", edges=(("a", "b"), ("b", "c"), ("c", "a"), ("a", "d"), ("d", "a")))
    assert g.cycles() == [["a", "d", "a"]]


def test_cycles_come_in_data_order_of_their_first_node():
    # Declared z, a, b, y: the z-y cycle comes first (z is declared first, though last in the
    # alphabet), and each cycle is placed by its first node (a before y).
    g = graph("z", "a", "b", "y", edges=(("z", "y"), ("y", "z"), ("b", "a"), ("a", "b")))
    assert g.cycles() == [["z", "y", "z"], ["a", "b", "a"]]


def test_a_cycle_behind_a_first_requirement_is_still_found():
    # a's first requirement leads nowhere; its second closes a cycle.
    g = graph("a", "x", "b", edges=(("a", "x"), ("a", "b"), ("b", "a")))
    assert g.cycles() == [["a", "b", "a"]]


def test_a_cycle_reached_through_a_visited_node():
    g = graph("s", "a", "b", "c", edges=(("s", "a"), ("s", "b"), ("a", "c"), ("b", "c"), ("c", "b")))
    assert g.cycles() == [["b", "c", "b"]]


def test_two_groups_joined_one_way_are_two_cycles():
    g = graph("a", "b", "c", "d", edges=(("a", "b"), ("b", "a"), ("b", "c"), ("c", "d"), ("d", "c")))
    assert g.cycles() == [["a", "b", "a"], ["c", "d", "c"]]


def test_a_requirement_on_an_undeclared_node_is_not_a_cycle():
    g = graph("a", edges=(("a", "ghost"),))
    assert g.cycles() == []
    assert g.needs("a") == ["ghost"]
    assert g.topic_needs("a") == []


# -- needs and topic needs ------------------------------------------------------------------


def test_needs_is_transitive_in_study_order_without_repeats():
    # a needs b and c, both need d: d first, each once, and never a itself.
    g = graph("a", "b", "c", "d", edges=(("a", "b"), ("a", "c"), ("b", "d"), ("c", "d")))
    assert g.needs("a") == ["d", "b", "c"]
    assert g.needs("d") == []


def test_needs_stops_at_a_cycle():
    g = graph("a", "b", edges=(("a", "b"), ("b", "a")))
    assert g.needs("a") == ["b"]


def test_topic_needs_gathers_the_topics_of_everything_needed_first():
    g = graph("a", "b", "c", edges=(("a", "b"), ("b", "c")))
    g.require("c", "t-basics", topic=True)
    g.require("a", "t-own", topic=True)
    g.require("b", "t-basics", topic=True)
    assert g.topic_needs("a") == ["t-basics", "t-own"]
    assert g.topic_needs("c") == ["t-basics"]
    assert g.needs("a") == ["c", "b"]  # topic requirements are kept apart from strict ones


def test_require_keeps_one_edge_per_pair():
    g = graph("a", "b", edges=(("a", "b"), ("a", "b")))
    assert g.strict["a"] == ["b"]


# -- teachers ---------------------------------------------------------------------------------


def test_teachers_are_every_material_teaching_the_topic_in_data_order():
    g = Graph()
    g.add("c", teaches=["attention"])
    g.add("a", teaches=["tokenization"])
    g.add("b", teaches=["attention", "tokenization"])
    assert g.teachers("attention") == ["c", "b"]
    assert g.teachers("tokenization") == ["a", "b"]
    assert g.teachers("missing") == []


def test_teachers_leave_out_the_excluded_ones():
    g = Graph()
    g.add("c", teaches=["attention"])
    g.add("a", teaches=["tokenization"])
    g.add("b", teaches=["attention"])
    assert g.teachers("attention", exclude=["c"]) == ["b"]
    assert g.teachers("attention", exclude=iter(["b", "a"])) == ["c"]


# -- match score ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("wanted", "offered", "score"),
    [
        (["x"], ["x"], 1.0),
        (["x"], ["x", "y", "z", "w"], 0.25),
        (["x", "y"], ["y", "z"], 1 / 3),
        (["x"], ["y"], 0.0),
        ([], [], 0.0),
        (["x"], [], 0.0),
        (["x", "x"], ["x", "y"], 0.5),
    ],
)
def test_match_score_is_shared_topics_over_all_topics(wanted, offered, score):
    assert match_score(wanted, offered) == pytest.approx(score)


def test_match_score_reads_any_iterable_of_topics():
    assert match_score(iter(["x", "x"]), (t for t in ["x", "y"])) == 0.5


def test_a_specific_match_scores_above_a_broad_one():
    assert match_score(["x"], ["x"]) > match_score(["x"], ["x", "a", "b"]) > match_score(["x"], ["a"])


# -- requirements(): the graph of a data file ----------------------------------------------


def data(**sections):
    return {"topics": [{"id": "t-attention", "title": "Attention"}, {"id": "t-bare"}], **sections}


def test_requiring_a_book_means_all_its_chapters():
    found = requirements(
        data(books=[{"id": "slp3", "chapters": [{"number": 1}, {"number": 2}]}]),
        ["books", "syllabi"],
        in_order="syllabi",
    )
    assert found.graph.strict["slp3"] == ["slp3#1", "slp3#2"]
    assert found.graph.strict["slp3#2"] == []  # a book's chapters are not read in order
    assert found.topics == {"t-attention": "Attention", "t-bare": "t-bare"}


def test_a_syllabus_is_read_in_order_when_its_numbers_increase():
    found = requirements(
        data(syllabi=[{"id": "cs", "chapters": [{"number": 1}, {"number": 2}, {"number": 4}, {"number": 3}]}]),
        ["syllabi"],
        in_order="syllabi",
    )
    g = found.graph
    assert g.strict["cs#1"] == []
    assert g.strict["cs#2"] == ["cs#1"]
    assert g.strict["cs#4"] == ["cs#2"]
    assert g.strict["cs#3"] == []  # misnumbered: chapters_in_order reports it, not a cycle
    assert g.cycles() == []


def test_nodes_and_written_requirements_keep_their_places_in_the_file():
    found = requirements(
        data(
            books=[
                {"id": "a", "chapters": [{"number": 1, "requires": ["b"]}]},
                {"id": "b", "requires": ["a#1", "t-attention"], "topics": ["t-bare"]},
            ]
        ),
        ["books"],
        in_order="syllabi",
    )
    assert found.nodes == {"a": ("books", 0), "a#1": ("books", 0, "chapters", 0), "b": ("books", 1)}
    assert found.written == {
        ("a#1", "b"): ("books", 0, "chapters", 0, "requires", 0),
        ("b", "a#1"): ("books", 1, "requires", 0),
    }
    assert found.graph.topics["b"] == ["t-attention"]
    assert found.graph.teaches["b"] == {"t-bare"}
    assert found.graph.cycles() == [["a#1", "b", "a#1"]]


def test_what_cannot_be_read_is_skipped_and_later_entries_still_count():
    found = requirements(
        data(
            books=[
                {"title": "no id", "requires": ["c"]},
                {"id": "b", "requires": [5, {"not": "text"}, ["x"], None, "c", "b", "unknown"]},
                {"id": "c"},
                {"id": "b", "requires": ["c"]},
            ]
        ),
        ["books"],
        in_order="syllabi",
    )
    assert found.graph.strict["b"] == ["c"]
    assert found.written == {("b", "c"): ("books", 1, "requires", 4)}
    assert list(found.nodes) == ["b", "c"]
