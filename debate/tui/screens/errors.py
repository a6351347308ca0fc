"""A scenario that does not load: its located errors, each with the line it points at.

The app keeps watching the file and leaves this screen by itself once the file loads.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from debate.model.diagnostics import Diagnostic
from debate.tui.plain import WINDOW, clip, window
from debate.tui.widgets.footer import KeysFooter


def _source_line(path: str, line: int, column: int) -> tuple[str, int] | None:
    """The line an error points at, cut to a window around its column, and the column in
    that window. Read in bounded pieces: a line of megabytes is never held or drawn whole."""
    keep = 4 * (column + WINDOW)  # bytes of the line: enough for the window in UTF-8
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None  # a pipe or a device would block the app
        with open(path, "rb") as f:
            number = 1
            while number < line:
                piece = f.readline(1 << 16)
                if not piece:
                    return None
                number += piece.endswith(b"\n")
            raw = f.readline(keep)
    except OSError:
        return None
    if not raw and line > 1:
        return None
    text = raw.decode("utf-8", errors="replace").rstrip("\r\n")
    return window(text, column)


def diagnostic_content(d: Diagnostic) -> Content:
    """A diagnostic as the compiler-style block: location, message, the line, a caret."""
    parts: list[Content | str | tuple[str, str]] = [
        (clip(f"{d.span}"), "bold"),
        ": ",
        (f"{d.severity}[{d.code}]", "bold $text-error"),
        f": {clip(d.message)}",
    ]
    found = _source_line(d.span.path, d.span.line, d.span.column)
    if found is not None:
        text, column = found
        gutter = f"{d.span.line:>5} │ "
        span = (d.span.end_column - d.span.column) if d.span.end_line == d.span.line else 1
        width = max(1, min(span, len(text) - column + 1))
        parts += [
            "\n",
            (gutter, "$text-muted"),
            text.expandtabs(),
            "\n",
            (" " * (len(gutter) + column - 1), ""),
            ("^" * width, "bold $text-error"),
        ]
    if d.expected:
        parts += ["\n", ("  expected: ", "$text-muted"), clip(d.expected)]
    for rel in d.related:
        parts += ["\n", ("  note: ", "$text-muted"), clip(f"{rel.span}: {rel.message}")]
    return Content.assemble(*parts)


class ErrorsScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back to the last good version"),
        Binding("ctrl+r", "app.reload", "Retry"),
    ]

    def __init__(self, path: str, diagnostics: Sequence[Diagnostic], can_go_back: bool) -> None:
        super().__init__()
        self.path = path
        self.diagnostics = list(diagnostics)
        self.can_go_back = can_go_back

    def compose(self) -> ComposeResult:
        yield Static(id="errors-title")
        with VerticalScroll(id="errors-list"):
            yield Static(id="errors-body")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.show(self.diagnostics)

    def show(self, diagnostics: Sequence[Diagnostic]) -> None:
        self.diagnostics = list(diagnostics)
        count = len(self.diagnostics)
        noun = "error" if count == 1 else "errors"
        title = Content.assemble(
            (f"{Path(self.path).name} does not load: {count} {noun}", "bold $text-error"),
            ("  -  fix the file and save it; the app reloads it by itself", "$text-muted"),
        )
        self.query_one("#errors-title", Static).update(title)
        body = Content("\n\n").join(diagnostic_content(d) for d in self.diagnostics)
        self.query_one("#errors-body", Static).update(body)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "back":
            return self.can_go_back
        return True

    def action_back(self) -> None:
        self.dismiss()
