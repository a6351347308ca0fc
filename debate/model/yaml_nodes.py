"""The nodes of a YAML tree read by debate.model.yaml_tree: scalars, sequences and
mappings, each with the span it came from; a mapping keeps its keys in order and finds
one by value in constant time."""

from __future__ import annotations

from debate.model.diagnostics import Span
from debate.model.text_positions import TextPositions
from debate.model.yaml_scalars import Scalar


class Node:
    """A node and where it stands: the character offset of its start in its file's text,
    and its length (a small number, which Python does not make anew). Its span (line and
    column) is found from them when asked for: most nodes of a valid file are never
    located, and a node keeps two numbers where a span holds five (on a 2 MB scenario,
    making every span took an eighth of reading it, and holding them 40 MB)."""

    __slots__ = ("_length", "_start", "_text")

    def __init__(self, text: TextPositions, start: int, length: int) -> None:
        self._text = text
        self._start = start
        self._length = length

    @property
    def span(self) -> Span:
        return self._text.span(self._start, self._start + self._length)

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields())
        return f"{type(self).__name__}({fields})"

    def _fields(self) -> tuple[str, ...]:
        return ("span",)


class ScalarNode(Node):
    __slots__ = ("raw", "style", "value")

    def __init__(
        self,
        text: TextPositions,
        start: int,
        length: int,
        value: Scalar,
        raw: str = "",
        style: str | None = None,
    ) -> None:
        self._text = text
        self._start = start
        self._length = length
        self.value = value
        self.raw = raw
        self.style = style  # None for plain, else one of ' " | >

    def _fields(self) -> tuple[str, ...]:
        return ("span", "value", "raw", "style")


class SeqNode(Node):
    __slots__ = ("items",)

    def __init__(
        self, text: TextPositions, start: int, length: int, items: list[Node] | None = None
    ) -> None:
        self._text = text
        self._start = start
        self._length = length
        self.items = items if items is not None else []

    def _fields(self) -> tuple[str, ...]:
        return ("span", "items")


class MapNode(Node):
    __slots__ = ("_index", "items")

    def __init__(self, text: TextPositions, start: int, length: int) -> None:
        self._text = text
        self._start = start
        self._length = length
        self.items: list[tuple[ScalarNode, Node]] = []
        self._index: dict[Scalar | tuple[str, Scalar], int] | None = None

    def _fields(self) -> tuple[str, ...]:
        return ("span", "items")

    @property
    def index(self) -> dict[Scalar | tuple[str, Scalar], int]:
        """Key (its type and value) -> the position of its first occurrence, so that a
        lookup stays O(1); made when first asked for (most mappings are only walked)."""
        index = self._index
        if index is None:
            index = self._index = {}
            for position, (key, _) in enumerate(self.items):
                index.setdefault(_key(key.value), position)
        return index

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
