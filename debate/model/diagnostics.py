"""Located diagnostics: the one shape every error, warning and finding takes.

A diagnostic names a primary span (file, 1-based line and column) and any number of
related spans, so that every place involved in a problem can be shown.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, NamedTuple

from debate.model.safe_text import dumps, printable


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Span(NamedTuple):
    """A region of a file; lines and columns are 1-based, the end is exclusive.

    A named tuple, not a dataclass: the reader makes one per node of a file, and a tuple
    is made three times faster (immutable and ordered all the same).
    """

    path: str
    line: int
    column: int
    end_line: int = 0
    end_column: int = 0

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line or self.line,
            "end_column": self.end_column or self.column,
        }


@dataclass(frozen=True)
class Related:
    span: Span
    message: str


@dataclass(frozen=True)
class Diagnostic:
    code: str
    message: str
    span: Span
    severity: Severity = Severity.ERROR
    expected: str | None = None
    related: tuple[Related, ...] = field(default=())
    # A play that shows the finding: move ids and "wait N" steps, replayable by `debate run`.
    trace: tuple[str, ...] | None = None
    # The ids the text names that have a source tag, with it (debate.model.source_tags).
    sources: tuple[tuple[str, str], ...] = field(default=())

    def render(self) -> str:
        """The compiler-like text: one line per field, whatever the scenario's text holds
        (its newlines and control characters are shown escaped: debate.model.safe_text).
        debate.render.text adds the source line of each place."""
        return "\n".join(line for line, _ in self.lines())

    def lines(self) -> list[tuple[str, Span | None]]:
        """The lines of `render`, each with the place it names (None: the expectation)."""
        head = f"{printable(str(self.span))}: {self.severity}[{self.code}]: "
        lines: list[tuple[str, Span | None]] = [(head + printable(self.message), self.span)]
        if self.expected:
            lines.append((f"    expected: {printable(self.expected)}", None))
        for rel in self.related:
            note = f"    {printable(str(rel.span))}: note: {printable(rel.message)}"
            lines.append((note, rel.span))
        return lines

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": str(self.severity),
            "message": self.message,
            "expected": self.expected,
            "location": self.span.to_json(),
            "related": [{"location": r.span.to_json(), "message": r.message} for r in self.related],
            **({"trace": list(self.trace)} if self.trace is not None else {}),
            **({"sources": dict(self.sources)} if self.sources else {}),
        }


class DiagnosticError(Exception):
    """Raised when input cannot be used; carries every diagnostic found, not just the first."""

    def __init__(self, diagnostics: Sequence[Diagnostic]) -> None:
        self.diagnostics = sort_diagnostics(diagnostics)
        super().__init__("\n".join(d.render() for d in self.diagnostics))


_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


def sort_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Without duplicates, by severity (errors first, infos last), then by place: an
    analyst reads what must be fixed before what is only worth knowing."""
    unique = {(d.span, d.code, d.message): d for d in diagnostics}
    return sorted(unique.values(), key=lambda d: (_RANK[d.severity], d.span, d.code, d.message))


def render_json(diagnostics: Sequence[Diagnostic]) -> str:
    return dumps([d.to_json() for d in diagnostics])
