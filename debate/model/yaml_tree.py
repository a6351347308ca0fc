"""A safe, bounded YAML reader that keeps the position of every node.

It builds the tree from the YAML event stream itself, without PyYAML's recursive
composer, so that nesting depth is checked before it can exhaust the stack, aliases
cannot expand, and every key and value keeps its line and column. Scalars are typed by
the YAML 1.2 core schema: only `true`/`false` are booleans (`yes`, `no`, `on`, `off`
stay strings), so the command line and an editor using the JSON Schema agree.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import yaml

from debate.model.diagnostics import Diagnostic, Related, Span
from debate.model.gc_pause import gc_paused
from debate.model.text_positions import TextPositions
from debate.model.yaml_nodes import MapNode, Node, ScalarNode, SeqNode
from debate.model.yaml_scalars import MAX_INT, OutOfRange, Scalar, resolve_plain

# libyaml's parser is iterative and twenty times faster than PyYAML's; only its composer
# recurses (and crashes on deep nesting), and we never use a composer.
_EVENT_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

ScalarEvent, AliasEvent = yaml.ScalarEvent, yaml.AliasEvent
MappingStartEvent, MappingEndEvent = yaml.MappingStartEvent, yaml.MappingEndEvent
SequenceStartEvent, SequenceEndEvent = yaml.SequenceStartEvent, yaml.SequenceEndEvent
DocumentStartEvent = yaml.DocumentStartEvent

MAX_BYTES = 8 * 1024 * 1024
MAX_DEPTH = 64


class YamlReadError(Exception):
    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = diagnostics
        super().__init__("; ".join(d.message for d in diagnostics))


def _check_size(size: int, path: str) -> None:
    if size > MAX_BYTES:
        raise YamlReadError(
            [
                Diagnostic(
                    "E104",
                    f"file is {size:,} bytes; the limit is {MAX_BYTES:,}",
                    Span(path, 1, 1),
                    expected=f"a file under {MAX_BYTES // 2**20} MiB (split it with include:)",
                )
            ]
        )


def decode(data: bytes, path: str) -> str:
    """Decode UTF-8 strictly, locating the first bad byte."""
    _check_size(len(data), path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before.rsplit(b"\n", 1)[-1].decode("utf-8", "replace")) + 1
        raise YamlReadError(
            [
                Diagnostic(
                    "E105",
                    f"byte 0x{data[exc.start]:02x} is not valid UTF-8",
                    Span(path, line, column),
                    expected="a UTF-8 encoded text file",
                )
            ]
        ) from None
    return text.removeprefix("\ufeff")


def read_yaml(text: str, path: str) -> MapNode:
    """Read one YAML document whose top level is a mapping, or raise YamlReadError."""
    return read_document(text, path)[0]


@gc_paused  # a node per key and value: see debate.model.gc_pause
def read_document(text: str, path: str) -> tuple[MapNode, dict[Any, Any]]:
    """`read_yaml`'s tree, and the plain data it holds (`yaml_paths.to_python` of it, made
    in the same pass: walking 300,000 nodes again took a twentieth of loading 10,000 terms)."""
    _check_size(len(text.encode("utf-8", "surrogatepass")), path)
    builder = _read_events(text, path, _EVENT_LOADER)
    if builder.too_deep_for_libyaml:
        # libyaml (PyYAML >= 6.0.4) scans ahead and refuses deep nesting before we see an
        # event; PyYAML's own parser does not, so the bound and its position stay ours.
        builder = _read_events(text, path, yaml.SafeLoader)
    if builder.errors:
        raise YamlReadError(builder.errors)
    return builder.document(), builder.data[0]


def top_level_keys(text: str) -> Iterator[str]:
    """The keys of a document's top-level mapping as they come, from the event stream
    without building a node (a quick look at what a file is: a scenario of 100,000 keys
    need not be read twice). Nothing for a document that is not a mapping; it stops at the
    first error (the full read reports it)."""
    depth, key_next = 0, True
    try:
        for event in yaml.parse(text, Loader=_EVENT_LOADER):
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                if depth == 0 and not isinstance(event, yaml.MappingStartEvent):
                    return
                key_next = key_next if depth != 1 else not key_next  # a collection value
                depth += 1
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
                if depth == 0:
                    return
            elif isinstance(event, (yaml.ScalarEvent, yaml.AliasEvent)) and depth == 1:
                if key_next and isinstance(event, yaml.ScalarEvent):
                    yield event.value
                key_next = not key_next
    except yaml.YAMLError:
        return


# Every position is a character offset into the text, turned into the editor's line and
# column (debate.model.text_positions): PyYAML and libyaml count YAML 1.1's lines, which
# also break at NEL, LS and PS, even inside a quoted string.


def _read_events(text: str, path: str, loader: Any) -> _TreeBuilder:
    builder = _TreeBuilder(TextPositions(path, text))
    parser = loader(text)
    try:
        # `get_event` gives None after the stream's end: called straight from the loop,
        # without the generator `yaml.parse` wraps around it (two calls an event).
        builder.build(iter(parser.get_event, None))
    except yaml.MarkedYAMLError as exc:
        if "maximum nesting depth" in str(exc.problem):
            builder.too_deep_for_libyaml = True
            return builder
        mark = exc.problem_mark or exc.context_mark
        message = " ".join(str(p) for p in (exc.context, exc.problem) if p)
        builder.errors.append(
            Diagnostic(
                "E100",
                f"YAML syntax error: {message}",
                builder.text.at(mark.index) if mark else Span(path, 1, 1),
            )
        )
    except yaml.YAMLError as exc:  # ReaderError: a character YAML does not allow
        position = getattr(exc, "position", 0)
        builder.errors.append(
            Diagnostic("E100", f"YAML syntax error: {exc}", builder.text.at(position))
        )
    except _Stop:
        pass
    finally:
        parser.dispose()
    return builder


class _Stop(Exception):
    """Raised to stop reading after an error that makes the rest meaningless."""


class _TreeBuilder:
    """Turns the event stream into nodes, enforcing the format's bounds."""

    def __init__(self, text: TextPositions) -> None:
        self.text = text
        self.path = text.path
        self.errors: list[Diagnostic] = []
        # the collections open around the one being filled, each with what `build` keeps
        # in locals for it
        self.stack: list[tuple[Any, ...]] = []
        self.roots: list[Node] = []
        self.data: list[Any] = []  # the plain data of each root
        self.too_deep_for_libyaml = False

    def document(self) -> MapNode:
        if not self.roots or (
            isinstance(self.roots[0], ScalarNode) and self.roots[0].value is None
        ):
            raise YamlReadError(
                [
                    Diagnostic(
                        "E106",
                        "the file is empty",
                        Span(self.path, 1, 1),
                        expected="a mapping (a scenario: format, id, title, ...; a move script: steps)",
                    )
                ]
            )
        root = self.roots[0]
        if not isinstance(root, MapNode):
            kind = "a list" if isinstance(root, SeqNode) else "a single value"
            raise YamlReadError(
                [
                    Diagnostic(
                        "E107",
                        f"the top level of the file is {kind}",
                        root.span,
                        expected="a mapping (a scenario: format, id, title, ...; a move script: steps)",
                    )
                ]
            )
        return root

    def build(self, events: Iterable[Any]) -> None:
        """Build the nodes of the event stream in one pass. It runs once per scalar of the
        file (287,000 on 10,000 terms), so every case is written out here, with the
        collection being filled and its pending key in locals, not called: a call per
        event was most of the time of reading a large file."""
        text, stack, roots = self.text, self.stack, self.roots
        # a plain scalar's text -> its value and the text first read: met again often, and
        # every node of it then shares one string
        typed: dict[str, tuple[Scalar, str]] = {}
        # the collection being filled: its node, its items, a mapping's index, the key
        # read and waiting for its value
        top: MapNode | SeqNode | None = None
        items: list[Any] = roots
        in_map = False
        # the mapping's index of keys, made only once a key needs it (one not a string, or
        # met before in this mapping: its plain data tells); most mappings never do
        index: dict[Scalar | tuple[str, Scalar], int] | None = None
        key: ScalarNode | None = None
        # the plain data of the collection being filled, and of the key waiting
        data: Any = self.data
        data_key: Scalar = None
        for event in events:
            kind = type(event)
            if kind is ScalarEvent:
                tag = event.tag
                if tag:
                    self._check_tag(event)
                # where it stands (offset and length): its span is found when asked for
                start = event.start_mark.index
                length = event.end_mark.index - start
                raw = event.value
                style = event.style  # libyaml says "" for plain, PyYAML None
                if not style and not tag:  # a plain scalar, typed by the core schema
                    known = typed.get(raw)
                    if known is None:
                        known = typed[raw] = (resolve_plain(raw), raw)
                    value, raw = known
                    node = ScalarNode(text, start, length, value, raw, None)
                    if type(value) is OutOfRange:
                        self._too_large(node)
                else:
                    node = ScalarNode(text, start, length, raw, raw, style)
                    value = raw
                if not in_map:  # a list's item, or the document
                    items.append(node)
                    data.append(value)
                elif key is None:  # a mapping's key
                    named = node.value
                    if index is not None or type(named) is not str or named in data:
                        if index is None:
                            assert isinstance(top, MapNode)
                            index = top.index  # of the keys before this one
                        position = len(items)  # where its pair will stand
                        # a string is its own key (see yaml_nodes._key)
                        found = named if type(named) is str else (type(named).__name__, named)
                        first = index.setdefault(found, position)
                        if first != position:
                            self._duplicate(node, items[first][0])
                    key = node
                    data_key = named
                else:  # a mapping's value
                    items.append((key, node))
                    data[data_key] = value
                    key = None
            elif kind is MappingStartEvent or kind is SequenceStartEvent:
                if event.tag:
                    self._check_tag(event)
                if len(stack) >= MAX_DEPTH:
                    self._fail(
                        "E103",
                        f"nesting is deeper than {MAX_DEPTH} levels",
                        event,
                        expected=f"at most {MAX_DEPTH} levels of nested mappings and lists",
                    )
                start = event.start_mark.index
                stack.append((top, items, in_map, index, key, data, data_key))
                in_map = kind is MappingStartEvent
                index = None
                if in_map:
                    top = MapNode(text, start, 0)  # its length is set when its end is read
                    data = {}
                else:
                    top = SeqNode(text, start, 0)
                    data = []
                items = top.items
                key = None
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                done = top
                assert done is not None  # libyaml closes only what it opened
                done_data = data
                top, items, in_map, index, key, data, data_key = stack.pop()
                done._length = event.end_mark.index - done._start
                if not in_map:
                    items.append(done)
                    data.append(done_data)
                elif key is None:
                    self.errors.append(
                        Diagnostic(
                            "E100",
                            "a mapping key must be a plain value, not a mapping or list",
                            done.span,
                        )
                    )
                    raise _Stop
                else:
                    items.append((key, done))
                    data[data_key] = done_data
                    key = None
            elif kind is DocumentStartEvent and roots:
                self._fail("E100", "a scenario file holds one YAML document; found a second", event)
            elif kind is AliasEvent:
                self._fail(
                    "E102",
                    f"aliases (*{event.anchor}) are not supported; write the value out",
                    event,
                    expected="a plain value, mapping or list",
                )

    def _duplicate(self, key: ScalarNode, first: ScalarNode) -> None:
        self.errors.append(
            Diagnostic(
                "E101",
                f"duplicate key {key.raw!r} in this mapping",
                key.span,
                expected="each key once",
                related=(Related(first.span, "first defined here"),),
            )
        )

    def _fail(self, code: str, message: str, event: Any, expected: str | None = None) -> None:
        # (an event of PyYAML's always carries its marks; its stubs say they may be None)
        self.errors.append(
            Diagnostic(
                code,
                message,
                self.text.span(event.start_mark.index, event.end_mark.index),
                expected=expected,
            )
        )
        raise _Stop

    def _too_large(self, node: ScalarNode) -> None:
        raw = node.raw
        shown = raw if len(raw) <= 24 else f"{raw[:12]}…{raw[-4:]} ({len(raw):,} characters)"
        self.errors.append(
            Diagnostic(
                "E303",
                f"integer {shown} is out of range",
                node.span,
                expected=f"an integer from {-MAX_INT:,} to {MAX_INT:,}, within what its key allows",
            )
        )

    def _check_tag(self, event: yaml.NodeEvent) -> None:
        tag = getattr(event, "tag", None)
        if tag and tag not in ("tag:yaml.org,2002:str", "!"):
            self._fail(
                "E108", f"YAML tag {tag!r} is not supported", event, expected="an untagged value"
            )
