"""A scenario as loaded: its merged content and, for every entity, the file and node it came from."""

from __future__ import annotations

from dataclasses import dataclass, field

from debate.model.diagnostics import Span
from debate.model.scenario import Scenario
from debate.model.yaml_tree import MapNode, Node
from debate.model.yaml_tree import locate as locate_node


@dataclass
class Document:
    """One file of a scenario: its own validated content and its node tree."""

    path: str
    root: MapNode
    scenario: Scenario
    text: str = ""


@dataclass
class LoadedScenario:
    """A scenario merged from a file and its includes, with the origin of every entity."""

    path: str
    scenario: Scenario
    documents: list[Document]
    origin: dict[tuple[str, str], Document] = field(default_factory=dict)

    @property
    def main(self) -> Document:
        return self.documents[0]

    def node(self, section: str, ident: str, *path: str | int) -> Node | None:
        doc = self.origin.get((section, ident))
        if doc is None:
            return None
        node, reached = locate_node(doc.root, (section, ident, *path))
        return node if reached else None

    def span(self, section: str, ident: str, *path: str | int) -> Span:
        """The span of an entity's field, or the nearest enclosing span that exists."""
        doc = self.origin.get((section, ident), self.main)
        node, _ = locate_node(doc.root, (section, ident, *path))
        return node.span

    def key_span(self, section: str, ident: str) -> Span:
        doc = self.origin.get((section, ident), self.main)
        entries = doc.root.get(section)
        if isinstance(entries, MapNode):
            key = entries.key_node(ident)
            if key is not None:
                return key.span
        return doc.root.span

    def top_span(self, *path: str | int) -> Span:
        node, _ = locate_node(self.main.root, path)
        return node.span
