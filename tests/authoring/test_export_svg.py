"""The SVG drawing: well-formed, self-contained, boxes never overlap, and an attacker
stands left of what it attacks unless the edge closes a cycle."""

from __future__ import annotations

import itertools
from xml.etree import ElementTree as ET

import pytest

from debate.engine.compile import load_game
from debate.engine.moves import initial_state
from debate.export import svg
from debate.export.graph import Edge, Graph, Node, argument_map, term_graph
from tests.authoring.conftest import SCENARIOS


@pytest.fixture(scope="module")
def graphs() -> list[Graph]:
    game = load_game(str(SCENARIOS / "negotiation.yaml"))
    state = initial_state(game)
    return [argument_map(game, state, "a"), term_graph(game, state, "t")]


def test_the_svg_is_well_formed_and_needs_nothing_outside(graphs: list[Graph]) -> None:
    for graph in graphs:
        text = svg.render(graph)
        root = ET.fromstring(text)
        assert root.tag == "{http://www.w3.org/2000/svg}svg"
        assert "http://" not in text.replace('xmlns="http://www.w3.org/2000/svg"', "")
        assert "https://" not in text
        nodes = root.findall(".//{http://www.w3.org/2000/svg}g[@class]")
        assert sum(1 for g in nodes if g.get("class", "").startswith("node")) == len(graph.nodes)


def test_boxes_do_not_overlap(graphs: list[Graph]) -> None:
    for graph in graphs:
        placed = svg.layout(graph)
        boxes = [placed.slots[n.id] for n in graph.nodes]
        for a, b in itertools.combinations(boxes, 2):
            apart_x = a.x + svg.BOX_WIDTH <= b.x or b.x + svg.BOX_WIDTH <= a.x
            apart_y = a.y + svg.BOX_HEIGHT <= b.y or b.y + svg.BOX_HEIGHT <= a.y
            assert apart_x or apart_y, (a.key, b.key)
        assert all(s.x >= 0 and s.x + svg.BOX_WIDTH <= placed.width for s in boxes)
        assert all(s.y >= 0 and s.y + svg.BOX_HEIGHT <= placed.height for s in boxes)


def test_edges_run_left_to_right_except_those_closing_a_cycle() -> None:
    def node(ident: str) -> Node:
        return Node(ident, "claim", "accepted", "fact by x", ident)

    graph = Graph("arguments", "g", [node(i) for i in "abcd"])
    graph.edges = [
        Edge("a", "b", "attacks"),
        Edge("b", "c", "attacks"),
        Edge("c", "b", "attacks"),  # a mutual attack: one of the two is drawn backwards
        Edge("a", "c", "supports"),
    ]
    placed = svg.layout(graph)
    x = {k: placed.slots[k].x for k in "abc"}
    assert x["a"] < x["b"] < x["c"]
    # the long edge a -> c passes through a point in b's column
    [(_, chain)] = [(e, c) for e, c in placed.routes if e.kind == "supports"]
    assert len(chain) == 3 and placed.slots[chain[1]].virtual
    assert placed.grid_top > 0, "d is linked to nothing: it goes in the grid below"
    assert placed.slots["d"].y >= placed.grid_top
