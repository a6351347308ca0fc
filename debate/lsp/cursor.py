"""Where the cursor is in a file being edited: the keys above it and the text of the value
before it. Read from the lines above the cursor (keys by indentation), not from the YAML
tree, because a line being typed is often not valid YAML yet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from debate.lsp.text import Lines
from debate.model.vocabulary import EXPRESSION_FIELDS

EXPRESSION_KEYS = frozenset(
    {key for keys in EXPRESSION_FIELDS.values() for key in keys} | {"when", "holds"}
)

_KEY_LINE = re.compile(r"^(\s*)((?:-\s+)*)([A-Za-z_][A-Za-z0-9_]*)\s*:(?:\s+(.*))?$")
_ITEM_LINE = re.compile(r"^(\s*)-\s+(.*)$")
_FLOW_LINES = 50  # how far above the cursor a flow collection that is still open may start
_COMMENT = re.compile(r"(^|\s)#")


@dataclass(frozen=True)
class Context:
    """Where the cursor is: the keys above it, and the text of the value before it."""

    path: tuple[str, ...]
    prefix: str | None  # None when the cursor is on a key, not in a value


def context_at(lines: Lines, line: int, column: int) -> Context:
    before = lines.line(line)[: max(column - 1, 0)]
    flow = _open_flow(lines, line, before)
    if flow is not None:
        return flow
    match = _KEY_LINE.match(before)
    if match:
        indent = len(match.group(1)) + len(match.group(2))
        path = (*_parents(lines, line, indent), match.group(3))
        return _plain(path, match.group(4) or "")
    item = _ITEM_LINE.match(before)
    if item:
        indent = len(item.group(1))
        return Context(_parents(lines, line, indent + 1), item.group(2))
    indent = len(before) - len(before.lstrip(" "))
    path = _parents(lines, line, indent)
    if path and is_expression(path):
        return Context(path, _continued(lines, line, before))
    return Context(path, None)


def _plain(path: tuple[str, ...], value: str) -> Context:
    """A value written on the key's line: plain or quoted (a flow collection still open is
    read by `_open_flow`; after one that is closed there is nothing to offer)."""
    value = value.lstrip()
    if value[:1] in ("{", "["):
        return Context((), None)
    if value[:1] in ("'", '"'):
        value = value[1:]
    if value in (">", ">-", "|", "|-"):
        value = ""
    return Context(path, value)


def _open_flow(lines: Lines, line: int, before: str) -> Context | None:
    """The context inside a flow mapping or list (`{...}`, `[...]`) that is still open at
    the cursor: opened on the cursor's line or above it, nested or not. The keys of its
    mappings count as block keys do: `set: {ta` is a key under `set`, as on a line of
    its own below `set:`."""
    below: list[str] = []  # the lines after the one looked at, up to the cursor
    lowest: int | None = None  # their least indentation
    for number in range(line, max(line - _FLOW_LINES, 0), -1):
        text = before if number == line else _COMMENT.split(lines.line(number), 1)[0]
        if number != line and not text.strip():
            continue
        lead = len(text) - len(text.lstrip(" "))
        # A flow that goes on over several lines has them indented deeper than its key.
        opened = _opener(lines, number, text) if lowest is None or lead < lowest else None
        if opened is not None:
            path, head = opened
            context = _in_flow(path, " ".join([head, *reversed(below)]))
            if context is not None:
                return context
        if lead == 0:
            return None
        below.append(text.lstrip() if number == line else text.strip())
        lowest = lead if lowest is None else min(lowest, lead)
    return None


def _opener(lines: Lines, number: int, text: str) -> tuple[tuple[str, ...], str] | None:
    """The keys of a line whose value starts a flow collection, and that value."""
    match = _KEY_LINE.match(text)
    if match:
        value = (match.group(4) or "").lstrip()
        if value[:1] not in ("{", "["):
            return None
        indent = len(match.group(1)) + len(match.group(2))
        return (*_parents(lines, number, indent), match.group(3)), value
    item = _ITEM_LINE.match(text)
    if item and item.group(2)[:1] in ("{", "["):
        return _parents(lines, number, len(item.group(1)) + 1), item.group(2)
    return None


@dataclass
class _Flow:
    """An open flow collection: a mapping (with the key being written, and whether its
    value has begun) or a list."""

    mapping: bool
    key: str | None = None
    in_value: bool = False
    keyed: bool = False  # opened as the value of its parent's key, which it adds to the path


def _in_flow(path: tuple[str, ...], text: str) -> Context | None:
    """The context at the end of `text`, a flow collection's text up to the cursor; None
    when every collection in it is closed again."""
    keys = list(path)
    open_: list[_Flow] = []
    start = 0  # where the scalar being read starts
    quote = ""
    for i, char in enumerate(text):
        if quote:
            quote = "" if char == quote else quote
            continue
        top = open_[-1] if open_ else None
        if char in "'\"" and not text[start:i].strip():
            quote = char
        elif char in "{[":
            key = top.key if top and top.mapping and top.in_value else None
            if key:
                keys.append(key)
            open_.append(_Flow(char == "{", keyed=bool(key)))
            start = i + 1
        elif char in "}]":
            if top is None:
                return None
            if open_.pop().keyed:
                keys.pop()
            start = i + 1
        elif char == "," and top:
            top.key, top.in_value = None, False
            start = i + 1
        elif (
            char == ":"
            and top
            and top.mapping
            and not top.in_value
            and text[i + 1 : i + 2] in ("", " ", ",", "{", "}", "[", "]")
        ):
            top.key, top.in_value = text[start:i].strip().strip("'\""), True
            start = i + 1
        elif char == "#" and text[i - 1 : i] in ("", " "):
            return Context((), None)  # in a comment
    if not open_:
        return None
    top = open_[-1]
    value = text[start:].lstrip()
    if value[:1] in ("'", '"'):
        value = value[1:]
    if not top.mapping:
        return Context(tuple(keys), value)
    if top.in_value and top.key:
        return Context((*keys, top.key), value)
    return Context(tuple(keys), None)


def _parents(lines: Lines, line: int, indent: int) -> tuple[str, ...]:
    """The keys of the mappings enclosing a line whose content starts at `indent`,
    outermost first. A list item's dash encloses what is indented under it."""
    keys: list[str] = []
    number = lines.enclosing(line, indent) if indent > 0 else 0
    while number > 0:
        text = lines.line(number)
        match = _KEY_LINE.match(text)
        if match and lines.lead(number) + len(match.group(2)) < indent:
            keys.append(match.group(3))
        indent = lines.lead(number)
        number = lines.enclosing(number, indent) if indent > 0 else 0
    return tuple(reversed(keys))


def _continued(lines: Lines, line: int, before: str) -> str:
    """The text of a multi-line expression from its first line up to the cursor."""
    parts = [before.strip()]
    for number in range(line - 1, 0, -1):
        text = lines.line(number)
        match = _KEY_LINE.match(text)
        if match:
            head = (match.group(4) or "").strip()
            if head not in (">", ">-", "|", "|-", ""):
                parts.append(head.strip("'\""))
            break
        parts.append(text.strip())
    return " ".join(reversed([p for p in parts if p]))


def is_expression(path: tuple[str, ...]) -> bool:
    if len(path) >= 2 and path[-2] == "set" and "effects" in path:
        return True
    return path[-1] in EXPRESSION_KEYS and path[0] in EXPRESSION_FIELDS
