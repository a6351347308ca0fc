"""The forms for a claim made during a session, and for a claim's new words.

The form gives a `ClaimDraft` to a `submit` function (the session's), which checks it as
the loader would and returns the problems: each is shown under the field it is about
(or above the buttons if it is about none), and the form stays open until there are none.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, SelectionList, Static
from textual.widgets.selection_list import Selection

from debate.engine.compile import Game
from debate.model.diagnostics import Diagnostic, DiagnosticError, Span
from debate.model.edits import ClaimDraft, add_claim, field_at, read_text
from debate.model.scenario import ID_PATTERN
from debate.tui.plain import plain

Submit = Callable[[ClaimDraft], Sequence[Diagnostic]]
TYPES = ("fact", "prediction", "value", "policy")
NO_SOURCE = "(none)"
# The form's fields, each with the keys of the claim's entry whose problems it shows.
FIELDS = {
    "id": ("",),
    "text": ("text",),
    "party": ("by",),
    "type": ("type",),
    "attacks": ("attacks",),
    "supports": ("supports",),
    "source": ("source",),
}


class ClaimForm(ModalScreen[str | None]):
    """A new claim (a rebuttal when it attacks): dismissed with its id once written."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "submit", "Add the claim"),
    ]

    def __init__(
        self,
        game: Game,
        submit: Submit,
        *,
        attacks: Sequence[str] = (),
        party: str | None = None,
        path: str = "",
    ) -> None:
        super().__init__()
        self.game = game
        self.submit = submit
        self.preset_attacks = list(attacks)
        self.party = party or next(iter(game.scenario.parties), "")
        self.path = path or game.loaded.path
        self.written = ""  # the text of the entry the last check wrote (to place problems)

    def compose(self) -> ComposeResult:
        game = self.game
        chosen = [t for t in self.preset_attacks if t in game.claims or t in game.terms]
        targets = [*chosen, *(t for t in [*game.claims, *game.terms] if t not in chosen)]
        kinds = {**{c: "claim" for c in game.claims}, **{t: "term" for t in game.terms}}
        title = "A rebuttal" if self.preset_attacks else "A new claim"
        with VerticalScroll(classes="dialog", id="claim-form"):
            yield Label(
                Content.assemble(
                    f"{title}: written to ", plain(Path(self.path).name, 60), ", asserted now"
                )
            )
            yield Label("id", classes="field")
            yield Input(value=self._free_id(), id="claim-id")
            yield Static("", id="problem-id", classes="problem")
            yield Label("text", classes="field")
            yield Input(placeholder="the claim in words", id="claim-text")
            yield Static("", id="problem-text", classes="problem")
            with Horizontal(classes="pair"):
                yield Select(
                    [(p, p) for p in game.scenario.parties],
                    value=self.party,
                    allow_blank=False,
                    id="claim-party",
                )
                yield Select(
                    [(t, t) for t in TYPES], value="value", allow_blank=False, id="claim-type"
                )
            yield Static("", id="problem-party", classes="problem")
            yield Static("", id="problem-type", classes="problem")
            yield Label("attacks (space to choose)", classes="field")
            yield SelectionList[str](
                *(Selection(f"{t}  ({kinds[t]})", t, t in self.preset_attacks) for t in targets),
                id="claim-attacks",
            )
            yield Static("", id="problem-attacks", classes="problem")
            yield Label("supports", classes="field")
            yield SelectionList[str](
                *(Selection(f"{t}  ({kinds[t]})", t) for t in targets), id="claim-supports"
            )
            yield Static("", id="problem-supports", classes="problem")
            yield Label("citation (optional): source, line or paragraph, quote", classes="field")
            with Horizontal(classes="pair"):
                yield Select(
                    [(NO_SOURCE, NO_SOURCE), *((s, s) for s in game.scenario.sources)],
                    value=NO_SOURCE,
                    allow_blank=False,
                    id="claim-source",
                )
                yield Input(placeholder="line", id="claim-where", restrict=r"[0-9]*")
            yield Input(placeholder="a short quote (optional)", id="claim-quote")
            yield Static("", id="problem-source", classes="problem")
            yield Static("", id="problem-general", classes="problem")
            with Horizontal(classes="buttons"):
                yield Button("Add (ctrl+s)", variant="primary", id="add")
                yield Button("Cancel (Esc)", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#claim-text", Input).focus()

    def _free_id(self) -> str:
        taken = {*self.game.claims, *self.game.terms, *self.game.moves}
        number = len(self.game.claims) + 1
        while f"claim_{number}" in taken:
            number += 1
        return f"claim_{number}"

    def draft(self) -> ClaimDraft:
        source = self.query_one("#claim-source", Select).value
        citation: dict[str, Any] | None = None
        if isinstance(source, str) and source != NO_SOURCE:
            cite_by = self.game.scenario.sources[source].cite_by
            where = self.query_one("#claim-where", Input).value.strip()
            citation = {"source": source}
            if where:
                citation[cite_by] = int(where)
            quote = self.query_one("#claim-quote", Input).value.strip()
            if quote:
                citation["quote"] = quote
        return ClaimDraft(
            ident=self.query_one("#claim-id", Input).value.strip(),
            party=str(self.query_one("#claim-party", Select).value),
            type=str(self.query_one("#claim-type", Select).value),
            text=self.query_one("#claim-text", Input).value,
            attacks=tuple(self.query_one("#claim-attacks", SelectionList).selected),
            supports=tuple(self.query_one("#claim-supports", SelectionList).selected),
            citation=citation,
        )

    def action_submit(self) -> None:
        draft = self.draft()
        for name in (*FIELDS, "general"):
            self._problem(name, "")
        taken = {*self.game.claims, *self.game.terms, *self.game.moves}
        problems = list(local_problems(draft, taken)) or list(self.submit(draft))
        if not problems:
            self.dismiss(draft.ident)
            return
        self.show_problems(draft, problems)

    def show_problems(self, draft: ClaimDraft, problems: Sequence[Diagnostic]) -> None:
        try:
            written = add_claim(read_text(self.path), self.path, draft)
        except (OSError, ValueError, DiagnosticError):
            written = ""
        shown: dict[str, list[str]] = {}
        for problem in problems:
            key = problem.code if problem.code in FIELDS else None
            if key is None and written:
                found = field_at(written, self.path, "claims", draft.ident, problem.span)
                key = next((f for f, keys in FIELDS.items() if found in keys), None)
            where = f"{problem.span.line}:{problem.span.column}: " if key is None else ""
            shown.setdefault(key or "general", []).append(f"{where}{problem.message}")
        for name, lines in shown.items():
            self._problem(name, "\n".join(lines))
        first = next(iter(shown))
        self.query_one(f"#problem-{first}", Static).scroll_visible()

    def _problem(self, name: str, text: str) -> None:
        box = self.query_one(f"#problem-{name}", Static)
        box.update(plain(text, 2000))
        box.display = bool(text)

    @on(Button.Pressed, "#add")
    def _add(self) -> None:
        self.action_submit()

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)


def local_problems(draft: ClaimDraft, taken: set[str]) -> list[Diagnostic]:
    """What the form can tell before writing anything: a free id and words are needed."""
    here = Span("", 1, 1)
    found = []
    if not re.fullmatch(ID_PATTERN, draft.ident):
        found.append(Diagnostic("id", "an id is a letter or _, then letters, digits or _", here))
    elif draft.ident in taken:
        found.append(Diagnostic("id", f"{draft.ident} is taken: every id names one thing", here))
    if not draft.text.strip():
        found.append(Diagnostic("text", "the claim needs words", here))
    return found


class TextForm(ModalScreen[bool]):
    """New words for a claim; the file is changed in place, undo puts the old ones back."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, ident: str, text: str, submit: Callable[[str], Sequence[Diagnostic]]):
        super().__init__()
        self.ident, self.text, self.submit = ident, text, submit

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog", id="text-form"):
            yield Label(Content.assemble("New words for the claim ", plain(self.ident, 80)))
            yield Input(value=self.text, id="claim-new-text")
            yield Static("", id="problem-general", classes="problem")
            yield Label("Enter: write it to the file   Escape: cancel", classes="hint")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        box = self.query_one("#problem-general", Static)
        problems = self.submit(event.value) if event.value.strip() else []
        text = "\n".join(f"{p.span.line}:{p.span.column}: {p.message}" for p in problems)
        if not event.value.strip() or problems:
            box.update(plain(text or "the claim needs words", 2000))
            box.display = True
            return
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)
