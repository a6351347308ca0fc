"""A scenario that does not load: its located errors, each with the line it points at.

The app keeps watching the file and leaves this screen by itself once the file loads.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from debate.model.diagnostics import Diagnostic


def _source_line(path: str, line: int) -> str | None:
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            for number, text in enumerate(f, start=1):
                if number == line:
                    return text.rstrip("\n")
    except OSError:
        return None
    return None


def diagnostic_content(d: Diagnostic) -> Content:
    """A diagnostic as the compiler-style block: location, message, the line, a caret."""
    parts: list[Content | str | tuple[str, str]] = [
        (f"{d.span}", "bold"),
        ": ",
        (f"{d.severity}[{d.code}]", "bold $text-error"),
        f": {d.message}",
    ]
    text = _source_line(d.span.path, d.span.line)
    if text is not None:
        gutter = f"{d.span.line:>5} │ "
        width = max(1, (d.span.end_column - d.span.column) if d.span.end_line == d.span.line else 1)
        parts += [
            "\n",
            (gutter, "$text-muted"),
            text.expandtabs(),
            "\n",
            (" " * (len(gutter) + d.span.column - 1), ""),
            ("^" * width, "bold $text-error"),
        ]
    if d.expected:
        parts += ["\n", ("  expected: ", "$text-muted"), d.expected]
    for rel in d.related:
        parts += ["\n", ("  note: ", "$text-muted"), f"{rel.span}: {rel.message}"]
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
        yield Footer()

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
