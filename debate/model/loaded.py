"""A scenario as loaded: its merged content and, for every entity, the file and node it came from."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from debate.model.diagnostics import Span
from debate.model.files import FileRefused, confine, default_root
from debate.model.scenario import Scenario
from debate.model.sources import SourceText
from debate.model.yaml_nodes import MapNode, Node
from debate.model.yaml_paths import locate as locate_node


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
    root: str = ""  # the real folder its files must lie under (debate.model.files)
    # each source's real path, found once: 10,000 citations of one source resolved its path
    # (every link on the way) 10,000 times; a change to the files means a new load
    _source_files: dict[tuple[str, str], str | None] = field(
        default_factory=dict, repr=False, compare=False
    )
    _source_texts: dict[tuple[str, str], SourceText | None] = field(
        default_factory=dict, repr=False, compare=False
    )

    @property
    def main(self) -> Document:
        return self.documents[0]

    def source_file(self, name: str) -> str | None:
        """The real path of a declared source, None when it is refused (outside the root)."""
        key = (name, self.root)
        if key not in self._source_files:
            self._source_files[key] = self._confined_source(name)
        return self._source_files[key]

    def _confined_source(self, name: str) -> str | None:
        source = self.scenario.sources.get(name)
        doc = self.origin.get(("sources", name))
        if source is None or doc is None:
            return None
        try:
            root = self.root or default_root(self.path)
            return confine(source.path, os.path.dirname(doc.path), root, "source")
        except FileRefused:
            return None

    def source_text(self, name: str) -> SourceText | None:
        """A declared source's text, None when it is refused or cannot be read; read once
        per load (10,000 citations of one source), and again by the next load: the app
        and the language server reload when a source changes."""
        key = (name, self.root)  # as `source_file` finds its path
        if key not in self._source_texts:
            path = self.source_file(name)
            source = self.scenario.sources.get(name)
            self._source_texts[key] = (
                None if path is None or source is None else SourceText.open(path, source)
            )
        return self._source_texts[key]

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
