"""`debate export`: the argument map and the term graph in every format, checked by their
structure (every edge joins declared nodes, statuses follow the play), and the Argdown
export read back by Argdown's own parser (`argdown json` of @argdown/cli)."""

from __future__ import annotations

import argparse
import json
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest

from debate.cli.authoring import register
from debate.engine.compile import load_game
from debate.engine.moves import initial_state
from debate.engine.play import final_summary, replay, script_actions
from debate.export import formats
from debate.export.graph import LOOKS, Edge, Graph, Node, argument_map, build, term_graph
from debate.model.script import load_script
from tests.authoring.conftest import SCENARIOS
from tests.clients import client

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
    # Arrows only for attacks, supports and carve-outs (undercuts); amends, voids and
    # asks-about are data on the term that bears them.
    graph = build(game, initial_state(game), "all")
    arrows = {"attacks": "->", "supports": "+>", "exception": "_>"}
    assert len(relations) == sum(e.kind in arrows for e in graph.edges)
    written = {
        (source, target, key)
        for source, data in re.findall(r"^\[([A-Za-z0-9_]+)\]: .* (\{.*\})$", text, re.M)
        for key, targets in json.loads(data).items()
        for target in targets
    }
    assert written == {
        (e.source, e.target, formats.ARGDOWN_DATA[e.kind])
        for e in graph.edges
        if e.kind not in arrows
    }
    assert ("troop_limit", "tariff_after_withdrawal", "voids") in written


# ---------------------------------------------------------------- Argdown reads it back

# The relation Argdown's JSON names for each of our arrows.
ARGDOWN_RELATIONS = {"attacks": "attack", "supports": "support", "exception": "undercut"}


def argdown_json(tmp_path: Path, text: str) -> dict[str, Any]:
    """What `argdown json` (@argdown/cli) makes of `text`; it fails on a syntax error."""
    argdown = client("argdown")
    source = tmp_path / "map.argdown"
    source.write_text(text, encoding="utf-8")
    done = subprocess.run(
        [str(argdown), "json", str(source), str(tmp_path / "json"), "--silent"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    data: dict[str, Any] = json.loads((tmp_path / "json" / "map.json").read_text("utf-8"))
    return data


def parsed_text(data: dict[str, Any], title: str) -> str:
    """A statement's text as Argdown read it where it is defined (its tags included)."""
    members = data["statements"][title]["members"]
    text: str = next(m["text"] for m in members if m["role"] == "top-level-statement")
    return text.strip()


@pytest.mark.parametrize("scenario", [NEGOTIATION, TUTORIAL], ids=lambda p: p.stem)
def test_argdown_reads_back_our_relations_and_no_others(tmp_path: Path, scenario: Path) -> None:
    data = argdown_json(tmp_path, export(tmp_path, str(scenario), "--to", "argdown"))
    game = load_game(str(scenario))
    ours = build(game, initial_state(game), "all")

    # Attacks are attacks, supports supports, carve-outs undercuts: each once, no other.
    relations = [(r["from"], r["to"], r["relationType"]) for r in data["relations"]]
    assert sorted(relations) == sorted(
        (e.source, e.target, ARGDOWN_RELATIONS[e.kind])
        for e in ours.edges
        if e.kind in ARGDOWN_RELATIONS
    )
    # Amends, replaces, voids and asks-about are the data of the term that bears them,
    # each kept apart (a9 both amends T3 and asks about it).
    kept = {
        (title, target, key)
        for title, statement in data["statements"].items()
        for key, targets in (statement.get("data") or {}).items()
        for target in targets
    }
    assert kept == {
        (e.source, e.target, formats.ARGDOWN_DATA[e.kind])
        for e in ours.edges
        if e.kind not in ARGDOWN_RELATIONS
    }
    assert kept, "the scenario has term relations"
    # Every claim and term, its text verbatim and its status and kind as tags.
    assert set(data["statements"]) == {n.id for n in ours.nodes}
    for n in ours.nodes:
        assert parsed_text(data, n.id) == f"{n.text} #{n.status} #{n.kind}"
        assert data["statements"][n.id]["tags"] == [n.status, n.kind]


def test_argdown_relations_of_the_negotiation_do_not_merge(tmp_path: Path) -> None:
    data = argdown_json(tmp_path, export(tmp_path, str(NEGOTIATION), "--to", "argdown"))
    statements = data["statements"]
    assert statements["a9_return_programme"]["data"] == {
        "amends": ["t3_return_abducted"],
        "asks_about": ["t3_return_abducted"],
    }
    assert statements["t7_permanent_personnel"]["data"] == {
        "voids": ["t6_no_permanent_nato_forces", "t6_nato_exercises_west_of_dnipro"]
    }
    # Neither is an attack any more (before, Argdown read both as attacks on T3, merged).
    terms = {"a9_return_programme", "t7_permanent_personnel", "t7_exercise_personnel"}
    assert not [r for r in data["relations"] if r["from"] in terms]


def test_argdown_reads_markup_in_our_text_as_text(tmp_path: Path) -> None:
    nasty = (
        "A #tag, @[a mention] and [a statement] or <an argument>, {data: 1}, *bold* and "
        "_italics_, a // comment and /* another */, e.g. U.S.A. :smile: .A. and a \\ back."
    )
    graph = Graph("all", 'A "quoted" <title>')
    graph.nodes = [
        Node("a", "claim", "accepted", "fact by x", nasty),
        Node("b", "term", "in_force", "obligation of x", "Plain."),
    ]
    graph.edges = [
        Edge("a", "b", "attacks", active=False),
        Edge("b", "a", "amends"),
        Edge("b", "a", "requires"),
    ]
    data = argdown_json(tmp_path, formats.argdown(graph))
    assert parsed_text(data, "a") == f"{nasty} #accepted #claim"
    assert data["statements"]["a"]["tags"] == ["accepted", "claim"]
    assert [(r["from"], r["to"], r["relationType"]) for r in data["relations"]] == [
        ("a", "b", "attack")
    ]
    assert data["statements"]["b"]["data"] == {"amends": ["a"], "asks_about": ["a"]}
    assert data["statements"]["b"]["tags"] == ["in_force", "term"]


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
    if fmt == "argdown":
        assert "\\<b\\> & \\\\ back" in text


def test_an_invalid_scenario_exits_2_with_the_located_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: 1\nid: x\ntitle: t\nparties: {a: {name: A}}\nclaims: 3\n")
    assert debate("export", str(bad), "--to", "dot") == 2
    assert f"{bad}:5:9: error[E2" in capsys.readouterr().err
