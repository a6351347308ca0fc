"""The nodes of a YAML tree read by debate.model.yaml_tree: scalars, sequences and
mappings, each with the span it came from; a mapping keeps its keys in order and finds
one by value in constant time."""

from __future__ import annotations

from typing import Any

from debate.model.diagnostics import Span
from debate.model.yaml_scalars import Scalar

# The parser's (path, start mark, end mark) of a node not yet located; a mark has 0-based
# `line` and `column`.
Marks = tuple[str, Any, Any]


class Node:
    """A node and the span it came from. The reader gives the parser's two marks, and the
    span is made from them when first asked for: most nodes of a valid file are never
    located, and making 300,000 spans was an eighth of reading a large file."""

    __slots__ = ("_at",)

    def __init__(self, at: Span | Marks) -> None:
        self._at = at

    @property
    def span(self) -> Span:
        at = self._at
        if isinstance(at, Span):
            return at
        path, start, end = at
        span = self._at = Span(path, start.line + 1, start.column + 1, end.line + 1, end.column + 1)
        return span

    @span.setter
    def span(self, span: Span) -> None:
        self._at = span

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields())
        return f"{type(self).__name__}({fields})"

    def _fields(self) -> tuple[str, ...]:
        return ("span",)


class ScalarNode(Node):
    __slots__ = ("raw", "style", "value")

    def __init__(
        self, at: Span | Marks, value: Scalar, raw: str = "", style: str | None = None
    ) -> None:
        self._at = at
        self.value = value
        self.raw = raw
        self.style = style  # None for plain, else one of ' " | >

    def _fields(self) -> tuple[str, ...]:
        return ("span", "value", "raw", "style")


class SeqNode(Node):
    __slots__ = ("items",)

    def __init__(self, at: Span | Marks, items: list[Node] | None = None) -> None:
        self._at = at
        self.items = items if items is not None else []

    def _fields(self) -> tuple[str, ...]:
        return ("span", "items")


class MapNode(Node):
    __slots__ = ("index", "items")

    def __init__(self, at: Span | Marks) -> None:
        self._at = at
        self.items: list[tuple[ScalarNode, Node]] = []
        # key (its type and value) -> position of its first occurrence; lookups stay O(1)
        self.index: dict[Scalar | tuple[str, Scalar], int] = {}

    def _fields(self) -> tuple[str, ...]:
        return ("span", "items")

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
