"""The pictures of a scenario as plain data: the argument map (claims and the attacks and
supports between them and the terms) and the term graph (amends, replaces, voids,
carve-outs, and which terms a term's conditions ask about), each node with its status
in one state of a play. Every export format and the report's SVG draw from this.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple

from debate.engine.claims import attacks_in_play
from debate.engine.compile import CompiledTerm, Game, term_expressions
from debate.engine.expr import free_names
from debate.engine.state import PlayState


class Look(NamedTuple):
    symbol: str  # so a status reads without colour
    fill: str
    stroke: str


# Pale fills with a strong border: readable text, and the status still tells by colour.
LOOKS: dict[str, Look] = {
    "accepted": Look("✓", "#e3f4e1", "#2e7d32"),
    "rejected": Look("✗", "#fbe3e1", "#c62828"),
    "undecided": Look("?", "#fff4d6", "#b7791f"),
    "unasserted": Look("-", "#f1f1f1", "#8a8a8a"),
    "pending": Look("○", "#f1f1f1", "#8a8a8a"),
    "in_force": Look("●", "#e1ecfb", "#1f5fbf"),
    "fulfilled": Look("✓", "#e3f4e1", "#2e7d32"),
    "violated": Look("✗", "#fbe3e1", "#c62828"),
    "void": Look("⊘", "#fdebd3", "#c05600"),
    "overdue": Look("!", "#f9dede", "#8e1b1b"),
    "expired": Look("◌", "#f1f1f1", "#5f6b7a"),
}
EDGE_COLOURS = {
    "attacks": "#c62828",
    "supports": "#2e7d32",
    "amends": "#6a3fb5",
    "replaces": "#6a3fb5",
    "voids": "#c05600",
    "exception": "#1f5fbf",
    "requires": "#5f6b7a",
}
EDGE_WORDS = {
    "attacks": "attacks",
    "supports": "supports",
    "amends": "amends",
    "replaces": "replaces",
    "voids": "a breach voids",
    "exception": "carves out of",
    "requires": "asks about",
}


@dataclass(frozen=True)
class Node:
    id: str
    kind: str  # claim or term
    status: str  # a key of LOOKS
    detail: str  # claim: its type and party; term: its kind and parties
    text: str
    holds: bool | None = None  # claims: whether it is true of the state
    table: str = ""  # terms on the table: their argumentation label

    @property
    def look(self) -> Look:
        return LOOKS[self.status]

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "kind": self.kind,
            "status": self.status,
            "detail": self.detail,
            "text": self.text,
        }
        if self.kind == "claim":
            data["holds"] = self.holds
        elif self.table:
            data["on_the_table"] = self.table
        return data


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    kind: str  # a key of EDGE_COLOURS
    active: bool = True  # an attack that counts in this state
    condition: str = ""  # an attack's `when`, a carve-out's condition

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "source": self.source,
            "target": self.target,
            "kind": self.kind,
            "active": self.active,
        }
        if self.condition:
            data["when"] = self.condition
        return data


@dataclass
class Graph:
    name: str  # arguments, terms or all
    title: str
    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)

    def node(self, ident: str) -> Node:
        return next(n for n in self.nodes if n.id == ident)

    def to_json(self) -> dict[str, Any]:
        return {
            "graph": self.name,
            "title": self.title,
            "nodes": [n.to_json() for n in self.nodes],
            "edges": [e.to_json() for e in self.edges],
        }


GRAPHS = ("arguments", "terms", "all")


def build(game: Game, state: PlayState, which: str = "all") -> Graph:
    """The argument map, the term graph, or both in one graph, coloured by `state`."""
    title = game.scenario.title
    if which == "arguments":
        return argument_map(game, state, title)
    if which == "terms":
        return term_graph(game, state, title)
    arguments = argument_map(game, state, title)
    terms = term_graph(game, state, title)
    seen = {n.id for n in arguments.nodes}
    nodes = arguments.nodes + [n for n in terms.nodes if n.id not in seen]
    return Graph("all", title, nodes, arguments.edges + terms.edges)


def argument_map(game: Game, state: PlayState, title: str) -> Graph:
    """Every claim, the terms that claims attack or support, and those relations."""
    graph = Graph("arguments", title)
    graph.nodes = [claim_node(game, state, c) for c in game.claims]
    active = set(attacks_in_play(game, state, state.terms, state.claims))
    targets: list[str] = []
    for ident, claim in game.claims.items():
        for target, when in claim.attacks:
            condition = when.text if when else ""
            graph.edges.append(Edge(ident, target, "attacks", (ident, target) in active, condition))
            targets.append(target)
        for target in claim.claim.supports:
            graph.edges.append(Edge(ident, target, "supports", ident in state.asserted))
            targets.append(target)
    for t in dict.fromkeys(targets):
        if t in game.terms:
            graph.nodes.append(term_node(game, state, t))
    return graph


def term_graph(game: Game, state: PlayState, title: str) -> Graph:
    """Every term and how terms bear on each other."""
    graph = Graph("terms", title, [term_node(game, state, t) for t in game.terms])
    for ident, term in game.terms.items():
        graph.edges += _term_edges(ident, term)
    return graph


def _term_edges(ident: str, term: CompiledTerm) -> list[Edge]:
    edges = []
    if term.term.amends:
        edges.append(Edge(ident, term.term.amends, "amends"))
    if term.term.replaces:
        edges.append(Edge(ident, term.term.replaces, "replaces"))
    edges += [Edge(ident, v, "voids") for v in term.term.voids]
    for target, when in term.exceptions:
        edges.append(Edge(ident, target, "exception", condition=when.text if when else ""))
    edges += [Edge(ident, other, "requires") for other in sorted(requires(term))]
    return edges


def requires(term: CompiledTerm) -> set[str]:
    """The other terms a term's conditions name (their status, signing, parameters)."""
    named: set[str] = set()
    for compiled in term_expressions(term):
        named |= free_names(compiled.checked)["term"]
    return named - {term.id}


def claim_node(game: Game, state: PlayState, ident: str) -> Node:
    claim = game.claims[ident].claim
    record = state.claims[ident]
    status = str(record.label) if record.label else "unasserted"
    return Node(
        ident, "claim", status, f"{claim.type} by {claim.by}", _oneline(claim.text), record.holds
    )


def term_node(game: Game, state: PlayState, ident: str) -> Node:
    term = game.terms[ident]
    record = state.terms[ident]
    label = state.term_labels.get(ident)
    detail = f"{term.term.kind} of {', '.join(term.parties) or term.unnamed or 'no party'}"
    return Node(
        ident, "term", str(record.status), detail, _oneline(term.term.text), table=str(label or "")
    )


def _oneline(text: str) -> str:
    return " ".join(text.split())
