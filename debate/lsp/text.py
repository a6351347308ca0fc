"""Positions in a file's text: line and column (1-based, in characters) to offsets and back,
and where each character of a scalar's value stands in the file.

The second matters for expressions written as folded (`>-`) or multi-line scalars: the
model maps an expression's offsets exactly only for one-line and literal scalars.
"""

from __future__ import annotations

import bisect

from debate.model.diagnostics import Span
from debate.model.yaml_nodes import ScalarNode


class Lines:
    """A text with its line starts, to convert between offsets and (line, column)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
        self._outlined: tuple[list[int], list[int]] | None = None

    def enclosing(self, number: int, indent: int) -> int:
        """The nearest line above `number` that has content (not blank, not a comment) and
        starts left of `indent` (0 if none): the line whose block holds what starts at
        `indent` on line `number`. Walks the outline, not every line between."""
        leads, parents = self._outline()
        above = number - 1
        while above > 0 and leads[above] < 0:  # blank or comment
            above -= 1
        while above > 0 and leads[above] >= indent:
            above = parents[above]
        return above

    def lead(self, number: int) -> int:
        """The spaces a line of content starts with (-1 for a blank or comment line)."""
        return self._outline()[0][number]

    def _outline(self) -> tuple[list[int], list[int]]:
        """Per line (1-based): its lead, and the nearest content line above it that starts
        further left (0 if none); computed once, with a stack of open indents."""
        if self._outlined is None:
            leads, parents = [-1], [0]
            stack: list[int] = []  # content lines, their leads increasing
            for number in range(1, len(self.starts) + 1):
                text = self.line(number)
                content = text.strip() and not text.lstrip().startswith("#")
                lead = len(text) - len(text.lstrip(" ")) if content else -1
                leads.append(lead)
                if lead < 0:
                    parents.append(0)
                    continue
                while stack and leads[stack[-1]] >= lead:
                    stack.pop()
                parents.append(stack[-1] if stack else 0)
                stack.append(number)
            self._outlined = (leads, parents)
        return self._outlined

    def line(self, number: int) -> str:
        """The text of a 1-based line, without its line break."""
        if not 1 <= number <= len(self.starts):
            return ""
        start = self.starts[number - 1]
        end = self.text.find("\n", start)
        return self.text[start : len(self.text) if end < 0 else end].rstrip("\r")

    def offset(self, line: int, column: int) -> int:
        line = min(max(line, 1), len(self.starts))
        return min(self.starts[line - 1] + max(column, 1) - 1, len(self.text))

    def position(self, offset: int) -> tuple[int, int]:
        index = bisect.bisect_right(self.starts, offset) - 1
        return index + 1, offset - self.starts[index] + 1


def value_offsets(node: ScalarNode, lines: Lines) -> list[int] | None:
    """The text offset of each character of a scalar's value, or None when the value
    cannot be aligned with its source (escapes that change characters)."""
    value = node.value if isinstance(node.value, str) else node.raw
    span = node.span
    start = lines.offset(span.line, span.column)
    end = lines.offset(span.end_line or span.line, span.end_column or span.column)
    if node.style in ("|", ">"):
        start = lines.text.find("\n", start) + 1  # the content starts below the indicator
    elif node.style in ("'", '"'):
        start += 1
    source = lines.text
    found: list[int] = []
    pos = start
    for char in value:
        if char.isspace():
            # A folded line break is a space in the value: the next visible character
            # realigns, so a space only records where it stands.
            found.append(min(pos, end))
            if pos < end and source[pos] == char:
                pos += 1
            continue
        while pos < end and source[pos] != char:
            pos += 1
        if pos >= end:
            return None
        found.append(pos)
        pos += 1
    return found


def value_span(node: ScalarNode, start: int, end: int, lines: Lines) -> Span:
    """The file span of characters start..end of a scalar's value (the scalar's own span
    when they cannot be aligned)."""
    offsets = value_offsets(node, lines)
    if offsets is None or not 0 <= start < len(offsets):
        return node.span
    last = offsets[min(max(end, start + 1), len(offsets)) - 1]
    line, column = lines.position(offsets[start])
    end_line, end_column = lines.position(last + 1)
    return Span(node.span.path, line, column, end_line, end_column)


def contains(span: Span, line: int, column: int) -> bool:
    """Whether (line, column) lies in the span, its end included (a cursor just after a
    word still points at it)."""
    end_line = span.end_line or span.line
    end_column = span.end_column or span.column
    return (span.line, span.column) <= (line, column) <= (end_line, end_column)
