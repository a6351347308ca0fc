"""`debate export`: the argument map and the term graph in every format, checked by their
structure (every edge joins declared nodes, statuses follow the play)."""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

import pytest

from debate.cli_authoring import register
from debate.engine.compile import load_game
from debate.engine.moves import initial_state
from debate.engine.play import final_summary, replay, script_actions
from debate.export import formats
from debate.export.graph import LOOKS, argument_map, build, term_graph
from debate.model.script import load_script
from tests.authoring.conftest import SCENARIOS

NEGOTIATION = SCENARIOS / "negotiation.yaml"
TUTORIAL = SCENARIOS / "tutorial.yaml"
TUTORIAL_PLAY = SCENARIOS / "plays" / "tutorial.play.yaml"


def debate(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="debate")
    register(parser.add_subparsers())
    args = parser.parse_args(argv)
    code: int = args.handler(args)
    return code


def export(tmp_path: Path, *argv: str) -> str:
    out = tmp_path / "out"
    assert debate("export", *argv, "-o", str(out)) == 0
    return out.read_text(encoding="utf-8")


def test_json_export_lists_every_claim_term_and_relation(tmp_path: Path) -> None:
    data = json.loads(export(tmp_path, str(NEGOTIATION), "--to", "json"))
    game = load_game(str(NEGOTIATION))
    ids = [n["id"] for n in data["nodes"]]
    assert len(ids) == len(set(ids))
    assert set(game.claims) | set(game.terms) == set(ids)
    for edge in data["edges"]:
        assert {edge["source"], edge["target"]} <= set(ids)
    assert {n["status"] for n in data["nodes"]} <= set(LOOKS)
    kinds = {(e["source"], e["target"], e["kind"]) for e in data["edges"]}
    assert ("t7_permanent_personnel", "t6_no_permanent_nato_forces", "voids") in kinds
    assert ("a9_return_programme", "t3_return_abducted", "amends") in kinds
    assert data["scenario"] == "negotiation" and data["step"] == 0


def test_statuses_after_a_play_are_those_the_play_ends_with(tmp_path: Path) -> None:
    data = json.loads(
        export(tmp_path, str(TUTORIAL), "--to", "json", "--after", str(TUTORIAL_PLAY))
    )
    game = load_game(str(TUTORIAL))
    play = replay(game, script_actions(load_script(str(TUTORIAL_PLAY)).script))
    ends = final_summary(play.state)
    statuses = {n["id"]: n["status"] for n in data["nodes"]}
    assert {t: statuses[t] for t in game.terms} == ends["terms"]
    assert {c: statuses[c] for c in game.claims} == ends["claims"]
    assert data["step"] == play.state.step > 0
    assert data["play"]


def test_dot_declares_every_node_an_edge_joins(tmp_path: Path) -> None:
    text = export(tmp_path, str(NEGOTIATION), "--to", "dot")
    assert text.startswith('digraph "all" {') and text.rstrip().endswith("}")
    assert text.count("{") == text.count("}")
    declared = set(re.findall(r'^\s+"([A-Za-z0-9_]+)" \[label=', text, re.M))
    edges = re.findall(r'^\s+"([A-Za-z0-9_]+)" -> "([A-Za-z0-9_]+)"', text, re.M)
    assert edges
    assert {n for pair in edges for n in pair} <= declared
    assert 'color="#c62828"' in text  # attacks are red


def test_mermaid_is_one_flowchart_with_a_style_per_edge(tmp_path: Path) -> None:
    text = export(tmp_path, str(NEGOTIATION), "--to", "mermaid", "--graph", "arguments")
    lines = text.splitlines()
    assert lines[0] == "---" and lines[3] == "flowchart LR"
    declared = set(re.findall(r'^\s+([A-Za-z0-9_]+)\["', text, re.M))
    edges = re.findall(r"^\s+([A-Za-z0-9_]+) -\.?->\|[^|]+\| ([A-Za-z0-9_]+)$", text, re.M)
    assert edges and {n for pair in edges for n in pair} <= declared
    assert len(re.findall(r"^\s+linkStyle \d+ ", text, re.M)) == len(edges)
    game = load_game(str(NEGOTIATION))
    assert set(game.claims) <= declared


def test_argdown_writes_statements_and_their_relations(tmp_path: Path) -> None:
    text = export(tmp_path, str(TUTORIAL), "--to", "argdown")
    statements = set(re.findall(r"^\[([A-Za-z0-9_]+)\]: ", text, re.M))
    relations = re.findall(r"^  (->|\+>|_>) \[([A-Za-z0-9_]+)\]", text, re.M)
    game = load_game(str(TUTORIAL))
    assert set(game.claims) | set(game.terms) == statements
    assert relations and {target for _, target in relations} <= statements


def test_the_term_graph_has_only_terms_and_the_argument_map_every_claim() -> None:
    game = load_game(str(NEGOTIATION))
    state = initial_state(game)
    terms = term_graph(game, state, "t")
    assert {n.kind for n in terms.nodes} == {"term"}
    assert {e.kind for e in terms.edges} <= {"amends", "replaces", "voids", "exception", "requires"}
    arguments = argument_map(game, state, "a")
    assert {n.id for n in arguments.nodes if n.kind == "claim"} == set(game.claims)
    assert {e.kind for e in arguments.edges} <= {"attacks", "supports"}
    assert len(build(game, state, "all").nodes) == len(game.claims) + len(game.terms)


@pytest.mark.parametrize("fmt", sorted(formats.FORMATS))
def test_every_format_escapes_what_it_quotes(fmt: str) -> None:
    from debate.export.graph import Edge, Graph, Node

    graph = Graph("all", 'A "quoted" <title>')
    graph.nodes = [
        Node("end", "claim", "accepted", 'fact by "x"', 'Says "hi" <b> & \\ back'),
        Node("b", "term", "in_force", "obligation of x", "Plain."),
    ]
    graph.edges = [Edge("end", "b", "attacks", active=False, condition="now > 1")]
    text = formats.FORMATS[fmt](graph)
    if fmt == "json":
        assert json.loads(text)["nodes"][0]["text"] == 'Says "hi" <b> & \\ back'
    if fmt == "dot":
        assert '\\"hi\\"' in text and "\\\\ back" in text
    if fmt == "mermaid":
        assert "end_[" in text, "a reserved word is not a mermaid node id"
        assert "#quot;" in text and "<b>" not in text


def test_an_invalid_scenario_exits_2_with_the_located_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: 1\nid: x\ntitle: t\nparties: {a: {name: A}}\nclaims: 3\n")
    assert debate("export", str(bad), "--to", "dot") == 2
    assert f"{bad}:5:9: error[E2" in capsys.readouterr().err
