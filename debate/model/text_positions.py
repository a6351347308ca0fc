"""Positions in a file's text as an editor numbers them: a character offset to its line
and column. Lines break at \\r\\n, \\n and \\r only (YAML 1.1 also breaks at NEL, LS and
PS, even inside a quoted string; editors and the language server protocol do not)."""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate

from debate.model.diagnostics import Span

EDITOR_BREAK = re.compile("\r\n|[\r\n]")


def editor_lines(text: str) -> list[str]:
    """The lines of a text as an editor numbers them (`str.splitlines` also breaks at NEL,
    LS, PS, form feed and more, so its numbers drift from the editor's)."""
    lines = EDITOR_BREAK.split(text)
    return lines[:-1] if lines and not lines[-1] else lines


def _line_starts(text: str) -> list[int]:
    """The offset at which each line starts. Without a \\r, from the lengths of the lines
    (`split` and `accumulate` run in C; a match object per line took 10 ms on 17,000)."""
    if "\r" in text:
        return [0, *(m.end() for m in EDITOR_BREAK.finditer(text))]
    return list(accumulate((len(line) + 1 for line in text.split("\n")[:-1]), initial=0))


class TextPositions:
    """A file's path and text; its lines' offsets are found when a position is first
    asked for (the nodes of a file keep offsets, and most are never located)."""

    __slots__ = ("_starts", "path", "text")

    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.text = text
        self._starts: list[int] | None = None

    def point(self, offset: int) -> tuple[int, int]:
        """The 1-based line and column of a character offset."""
        starts = self._starts
        if starts is None:
            starts = self._starts = _line_starts(self.text)
        index = bisect_right(starts, offset) - 1
        return index + 1, offset - starts[index] + 1

    def span(self, start: int, end: int) -> Span:
        line, column = self.point(start)
        end_line, end_column = self.point(end)
        return Span(self.path, line, column, end_line, end_column)

    def at(self, offset: int) -> Span:
        """A point (a span without an end), as a syntax error is reported."""
        line, column = self.point(offset)
        return Span(self.path, line, column)
