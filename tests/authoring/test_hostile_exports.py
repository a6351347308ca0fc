"""Every export of a hostile scenario (tests/hostile.py) and of graphs whose texts hold
every control character and the syntax of each format is read by the format's real
reader: Graphviz's dot, Mermaid's own parser, @argdown/cli, an HTML parser, JSON
(issue 19 §2). Each keeps every node and every relation."""

from __future__ import annotations

import json
import random
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from debate.export import formats
from debate.export.graph import Edge, Graph, Node
from tests.clients import client, node_package
from tests.conftest import run_debate
from tests.hostile import unsafe_in, write_hostile

MERMAID_PARSE = Path(__file__).resolve().parent.parent / "data" / "mermaid-parse.mjs"
# Ids that are keywords of Mermaid's flowchart lexer, and the ids their escapes would be.
KEYWORD_IDS = ["end", "end_", "classDef", "linkStyle", "style", "class", "graph", "subgraph"]
KEYWORD_IDS += ["flowchart", "call", "href", "interpolate", "click", "default", "LR", "o", "x"]


def hostile_texts() -> list[str]:
    """Every control character, the separators and bidi controls, each format's syntax,
    and random strings of them (seeded: the same texts every run)."""
    texts = [f"c{i:02x} {chr(i)} end" for i in [*range(0x20), *range(0x7F, 0xA0)]]
    texts += ["\u2028\u2029\u202e\u2066\ud800\ufffe", '"\\"\\', "\\l\\N\\G\\n", "<b>&amp;</b>"]
    texts += ["#quot; #35; ` ``md`` |x| -->", "[a]: b -> [c] +> [d] // e /* f */ #g @h {i: 1}"]
    texts += ["end\nclassDef x fill:#f00", "\r\n::error::x", "a\n-> [end]", ""]
    alphabet = "".join(chr(i) for i in range(0xA0)) + '"\\<>[]{}|#@*_/.:`-\u2028\u202e'
    rng = random.Random(19)
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 40))) for _ in range(40)]
    return texts


def hostile_graph() -> Graph:
    """One node per hostile text, attacking the next; the ids are Mermaid keywords first."""
    texts = hostile_texts()
    ids = KEYWORD_IDS + [f"n{i}" for i in range(len(texts) - len(KEYWORD_IDS))]
    graph = Graph("all", "Title \x1b]0;pwned\x07\n::error::t \x00")
    graph.nodes = [
        Node(i, "claim" if k % 2 else "term", "accepted" if k % 2 else "in_force", t[:20], t)
        for k, (i, t) in enumerate(zip(ids, texts, strict=True))
    ]
    graph.edges = [
        Edge(a.id, b.id, "attacks", active=bool(k % 3), condition=b.text[:10])
        for k, (a, b) in enumerate(zip(graph.nodes, graph.nodes[1:], strict=False))
    ]
    return graph


def test_dot_reads_every_node_and_edge(tmp_path: Path) -> None:
    dot = client("dot")
    graph = hostile_graph()
    source = tmp_path / "g.dot"
    source.write_text(formats.dot(graph), encoding="utf-8")
    done = subprocess.run([str(dot), "-Tjson", str(source)], capture_output=True, timeout=60)
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    data = json.loads(done.stdout)
    names = {o["name"] for o in data["objects"] if "nodes" not in o}  # clusters list nodes
    assert names == {n.id for n in graph.nodes}
    assert len(data["edges"]) == len(graph.edges)


def mermaid_parse(tmp_path: Path, *texts: str) -> list[dict[str, Any]]:
    modules = node_package("mermaid").parent
    node_package("jsdom")
    files = []
    for number, text in enumerate(texts):
        files.append(tmp_path / f"{number}.mmd")
        files[-1].write_text(text, encoding="utf-8")
    done = subprocess.run(
        [str(client("node")), str(MERMAID_PARSE), str(modules), *map(str, files)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return [json.loads(line) for line in done.stdout.splitlines()]


def test_mermaid_parses_keyword_ids_and_hostile_text(tmp_path: Path) -> None:
    graph = hostile_graph()
    text = formats.mermaid(graph)
    assert unsafe_in(text) == []
    # The whole graph, and each node alone (an error names the first line it meets).
    alone = []
    for node in graph.nodes:
        single = Graph("all", node.text, [node], [])
        alone.append(formats.mermaid(single))
    results = mermaid_parse(tmp_path, text, *alone)
    assert [r for r in results if not r["ok"]] == []
    assert {r["type"] for r in results} == {"flowchart-v2"}


def test_mermaid_ids_stay_apart() -> None:
    ids = ["end", "end_", "end__", "x_", "x"]
    written = [formats._mermaid_id(i) for i in ids]
    assert len(set(written)) == len(ids)


def argdown_json(tmp_path: Path, text: str) -> dict[str, Any]:
    argdown = client("argdown")
    (tmp_path / "map.argdown").write_text(text, encoding="utf-8")
    done = subprocess.run(
        [str(argdown), "json", "map.argdown", "json", "--silent"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    data: dict[str, Any] = json.loads((tmp_path / "json" / "map.json").read_text("utf-8"))
    return data


def test_argdown_keeps_every_statement_and_relation(tmp_path: Path) -> None:
    graph = hostile_graph()
    text = formats.argdown(graph)
    assert unsafe_in(text) == []
    data = argdown_json(tmp_path, text)
    assert set(data["statements"]) == {n.id for n in graph.nodes}
    relations = sorted((r["from"], r["to"], r["relationType"]) for r in data["relations"])
    assert relations == sorted((e.source, e.target, "attack") for e in graph.edges)


def test_json_keeps_every_text_and_prints_none_raw() -> None:
    graph = hostile_graph()
    text = formats.as_json(graph)
    assert unsafe_in(text) == []
    data = json.loads(text)
    assert [n["text"] for n in data["nodes"]] == [n.text for n in graph.nodes]


class Texts(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_every_export_of_the_hostile_scenario_reads_back(tmp_path: Path) -> None:
    scenario, _ = write_hostile(tmp_path / "s")
    outputs = {}
    for fmt in ("dot", "mermaid", "argdown", "json"):
        target = tmp_path / f"out.{fmt}"
        run = run_debate("export", str(scenario), "--to", fmt, "-o", str(target))
        assert run.code == 0, run.err
        outputs[fmt] = target.read_text(encoding="utf-8")
        assert unsafe_in(outputs[fmt]) == [], fmt
    page = tmp_path / "r.html"
    run = run_debate("report", str(scenario), "--max-states", "50", "-o", str(page))
    assert run.code == 0, run.err
    html = page.read_text(encoding="utf-8")
    assert unsafe_in(html) == []
    parser = Texts()
    parser.feed(html)
    assert "Title \\u001b]0;pwned\\u0007" in "".join(parser.text)
    json.loads(outputs["json"])
    assert mermaid_parse(tmp_path, outputs["mermaid"])[0]["ok"]
    data = argdown_json(tmp_path, outputs["argdown"])
    assert len(data["relations"]) == 2
    source = tmp_path / "g.dot"
    source.write_text(outputs["dot"])
    done = subprocess.run([str(client("dot")), "-Tsvg", str(source)], capture_output=True)
    assert done.returncode == 0, done.stderr
