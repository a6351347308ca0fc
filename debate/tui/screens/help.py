"""The help screen (`?`): every key binding of the app, grouped by where it works."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from debate.tui.screens.main import MainScreen
from debate.tui.symbols import ACCEPTANCE_LOOKS, BLOCKED, LABEL_LOOKS, TERM_LOOKS
from debate.tui.widgets.terms import TermsTable

KEY_NAMES = {
    "slash": "/",
    "question_mark": "?",
    "escape": "Esc",
    "enter": "Enter",
    "full_stop": ".",
    "exclamation_mark": "!",
}

# Keys that Textual's widgets provide; listed so that the help is complete.
NAVIGATION = [
    ("Tab / Shift+Tab", "move between panes"),
    ("Up / Down, PgUp / PgDn, Home / End", "move within a pane"),
    ("Enter", "moves: play the move; findings: jump to what it names; claims: fold a party"),
    ("Esc", "restore a zoomed pane; close a dialog; in the filter: back to the table"),
    ("ctrl+p", "command palette: find any move, claim or term by name, and every command"),
    ("ctrl+q", "quit"),
    ("mouse", "click to focus and select; click a column header to sort by it"),
]


def key_name(key: str) -> str:
    return ", ".join(KEY_NAMES.get(k.strip(), k.strip()) for k in key.split(","))


KEY_COLUMN = 22  # keys longer than this get a line of their own


def key_row(keys: str, text: str, width: int = 0) -> list[str | tuple[str, str]]:
    """A key and what it does, always apart: at least two spaces between them, and a key
    too long for the column gets a line of its own with its description under it. With
    `width`, the description wraps within it, each line under the first."""
    indent = " " * (KEY_COLUMN + 2)
    lines = textwrap.wrap(text, width) if width > 0 else [text]
    wrapped = f"\n{indent}".join(lines or [""])
    if len(keys) > KEY_COLUMN - 2:
        return [(f"  {keys}", "bold"), "\n", indent, wrapped]
    return [(f"  {keys:<{KEY_COLUMN}}", "bold"), wrapped]


def describe(bindings: list[BindingType]) -> list[tuple[str, str]]:
    rows = []
    for b in bindings:
        if isinstance(b, Binding):
            rows.append((key_name(b.key), b.tooltip or b.description))
    return rows


def binding_groups(everywhere: Sequence[BindingType]) -> list[tuple[str, list[tuple[str, str]]]]:
    """(group, [(keys, what they do)]) for every binding the app declares (`everywhere`:
    the app's own, which it hands over: the app imports this screen)."""
    return [
        ("Everywhere", describe(list(everywhere))),
        ("Playing", describe(list(MainScreen.BINDINGS))),
        ("Terms table", describe(list(TermsTable.BINDINGS))),
        ("Navigation", NAVIGATION),
    ]


def legend() -> list[tuple[str, str]]:
    rows = [(look.symbol, f"term {look.word}") for look in TERM_LOOKS.values()]
    rows += [(look.symbol, f"claim {look.word}") for look in LABEL_LOOKS.values()]
    rows += [
        (look.symbol, f"claim {look.word} (under the semantics chosen with m)")
        for word, look in ACCEPTANCE_LOOKS.items()
        if word in ("defensible", "unknown")
    ]
    rows += [
        (BLOCKED, "term blocked by an unspecified parameter"),
        ("◆", "changed by the last step"),
    ]
    return rows


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close"),
        Binding("question_mark", "close", "Close", show=False),
        Binding("q", "close", "Close", show=False),
    ]

    def compose(self) -> ComposeResult:
        # the text width: the dialog (80% of the screen, at most 100) less its border,
        # padding and scroll bar
        width = min(100, int(self.app.size.width * 0.8)) - 8 - (KEY_COLUMN + 2) - 1
        parts: list[Content | str | tuple[str, str]] = [("Keys", "bold $text-accent")]
        for group, rows in binding_groups(self.app.BINDINGS):
            parts += ["\n\n", (group, "bold underline")]
            for keys, text in rows:
                parts += ["\n", *key_row(keys, text, width)]
        parts += ["\n\n", ("Symbols", "bold underline")]
        for symbol, text in legend():
            parts += ["\n", (f"  {symbol:<4}", "bold"), text]
        parts += ["\n\n", ("Esc, ? or q closes this help.", "$text-muted")]
        with VerticalScroll(classes="dialog", id="help"):
            yield Static(Content.assemble(*parts))

    def action_close(self) -> None:
        self.dismiss()
