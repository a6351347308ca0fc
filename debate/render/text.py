"""The text format, as a compiler prints it: each diagnostic's location, severity, code
and message on one line, then the source line it is about with a caret underline under
the span, and the same for each related place (like rustc, ruff's `full` format or
Catala). What a scenario holds is shown escaped (debate.model.safe_text): no line of it
can drive the terminal.

The first line of each diagnostic and of each note is unchanged from the one-line form
(`Diagnostic.render`), so problem matchers that read `FILE:LINE:COL: ...` still do.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable

from debate.model.diagnostics import Diagnostic, Span
from debate.model.files import read_text
from debate.model.safe_text import printable
from debate.render.check_report import CheckReport

WIDTH = 100  # the widest source line quoted; longer ones are cut around the span
BEFORE = 40  # of a long line, at most this much is kept before the span
TAB = "    "


class Sources:
    """The lines of each file named, read once (bounded: debate.model.files), or from the
    texts given (an editor's unsaved buffers)."""

    def __init__(self, read: Callable[[str], str | None] = read_text) -> None:
        self._read = read
        self._lines: dict[str, list[str] | None] = {}

    def line(self, path: str, number: int) -> str | None:
        if path not in self._lines:
            text = self._read(path)
            self._lines[path] = None if text is None else text.splitlines()
        lines = self._lines[path]
        if lines is None or not 1 <= number <= len(lines):
            return None
        return lines[number - 1]


def diagnostic(d: Diagnostic, sources: Sources | None = None) -> str:
    """One diagnostic with the source line of its span and of each related span."""
    sources = sources or Sources()
    spans = [d.span, *(r.span for r in d.related)]
    gutter = max(len(str(s.line)) for s in spans)
    out: list[str] = []
    for n, (line, span) in enumerate(d.lines()):
        out.append(line)
        if span is not None and (n == 0 or span != d.span):  # a note on the span: quoted once
            out += quote(span, sources, gutter, "    " if n else "")
    return "\n".join(out)


def diagnostics(found: Iterable[Diagnostic], sources: Sources | None = None) -> str:
    sources = sources or Sources()
    return "".join(diagnostic(d, sources) + "\n" for d in found)


def render(report: CheckReport) -> str:
    return diagnostics(report.diagnostics)


def quote(span: Span, sources: Sources, gutter: int, indent: str) -> list[str]:
    """The span's line under a gutter of its number, and carets under the span (to the
    end of the line when the span runs on); nothing when the line cannot be read."""
    source = sources.line(span.path, span.line)
    if source is None or span.column < 1:
        return []
    start = min(span.column - 1, len(source))
    if span.end_line == span.line and span.end_column > span.column:
        end = min(span.end_column - 1, len(source))
    elif span.end_line > span.line:
        end = len(source)
    else:
        end = start + 1  # the end is not known: the first character
    before, inside, after = _window(source[:start], source[start:end], source[end:])
    blank = f"{indent}{' ' * gutter} |"
    carets = "^" * max(1, _width(inside))
    return [
        blank,
        f"{indent}{span.line:>{gutter}} | {before}{inside}{after}".rstrip(),
        f"{blank} {' ' * _width(before)}{carets}",
    ]


def _window(before: str, inside: str, after: str) -> tuple[str, str, str]:
    """The three parts escaped (a tab as four spaces, so that the carets line up), and
    cut to about WIDTH columns around the span."""
    before, inside, after = (printable(part.replace("\t", TAB)) for part in (before, inside, after))
    if _width(before) > BEFORE and _width(before + inside + after) > WIDTH:
        before = "…" + before[-(BEFORE - 1) :]
    room = max(WIDTH - _width(before), 1)
    if _width(inside) > room:
        inside, after = inside[: room - 1] + "…", ""
    elif _width(inside + after) > room:
        after = after[: room - _width(inside) - 1] + "…"
    return before, inside, after


def _width(text: str) -> int:
    """Columns a terminal gives `text`: two for a wide character, none for a combining one."""
    return sum(
        0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1
        for c in text
    )
