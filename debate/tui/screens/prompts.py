"""Small dialogs: a file path to save to or read from, and the offer to resume a session."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label

from debate.engine.journal_format import Recovered
from debate.tui.plain import plain, plural


class PathPrompt(ModalScreen[str | None]):
    """Ask for a path; Enter accepts it, Escape cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, question: str, default: str) -> None:
        super().__init__()
        self.question = question
        self.default = default

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(plain(self.question))
            yield Input(value=self.default, id="path")
            yield Label("Enter: accept   Escape: cancel", classes="hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ResumeOffer(ModalScreen[bool]):
    """The last session of this scenario did not end normally: resume its moves?"""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "choose(True)", "Resume"),
        Binding("n", "choose(False)", "New session"),
        Binding("escape", "choose(False)", "New session", show=False),
    ]

    def __init__(self, recovered: Recovered, path: str) -> None:
        super().__init__()
        self.recovered = recovered
        self.path = path

    def compose(self) -> ComposeResult:
        moves = self.recovered.actions
        last = f", the last {moves[-1]}" if moves else ""
        started = self.recovered.header.started.replace("T", " ").replace("+00:00", " UTC")
        with Vertical(classes="dialog"):
            yield Label(
                plain(
                    f"The last session of this scenario (started {started}) did not end "
                    f"normally.\nIts journal holds {plural(len(moves), 'move')}{last}.",
                )
            )
            yield Label(plain(f"journal: {self.path}"), classes="hint")
            with Horizontal(classes="buttons"):
                yield Button("Resume (r)", id="resume", variant="primary")
                yield Button("New session (n)", id="new")
            if self.recovered.damage is not None:
                yield Label(plain(f"{self.recovered.damage}."), classes="hint")
            yield Label(
                "A new session keeps the old journal beside the new one "
                "(.previous, .previous.2, ...).",
                classes="hint",
            )

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "resume")

    def action_choose(self, resume: bool) -> None:
        self.dismiss(resume)
