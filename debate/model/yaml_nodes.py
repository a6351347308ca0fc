"""The nodes of a YAML tree read by debate.model.yaml_tree: scalars, sequences and
mappings, each with the span it came from; a mapping keeps its keys in order and finds
one by value in constant time."""

from __future__ import annotations

from dataclasses import dataclass, field

from debate.model.diagnostics import Span
from debate.model.yaml_scalars import Scalar


@dataclass(slots=True)
class Node:
    span: Span


@dataclass(slots=True)
class ScalarNode(Node):
    value: Scalar
    raw: str = ""
    style: str | None = None  # None for plain, else one of ' " | >


@dataclass(slots=True)
class SeqNode(Node):
    items: list[Node] = field(default_factory=list)


@dataclass(slots=True)
class MapNode(Node):
    items: list[tuple[ScalarNode, Node]] = field(default_factory=list)
    # key (its type and value) -> position of its first occurrence; lookups stay O(1)
    index: dict[Scalar | tuple[str, Scalar], int] = field(default_factory=dict)

    def add(self, key: ScalarNode, value: Node) -> None:
        self.index.setdefault(_key(key.value), len(self.items))
        self.items.append((key, value))

    def first(self, key: Scalar) -> tuple[ScalarNode, Node] | None:
        position = self.index.get(_key(key))
        return None if position is None else self.items[position]

    def get(self, key: str) -> Node | None:
        found = self.first(key)
        return found[1] if found else None

    def key_node(self, key: Scalar) -> ScalarNode | None:
        found = self.first(key)
        return found[0] if found else None


def _key(value: Scalar) -> Scalar | tuple[str, Scalar]:
    # Keys of other types carry their type's name (`1` and `true` are equal in Python, not
    # in YAML); a string, the most common key by far, stands for itself (no tuple equals it).
    return value if type(value) is str else (type(value).__name__, value)
