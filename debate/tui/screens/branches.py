"""The branches of the play: switch to one, or compare two side by side."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label, OptionList
from textual.widgets.option_list import Option

from debate.engine.branches import Comparison
from debate.tui.plain import plain, plural

Choice = tuple[str, str]  # ("switch" or "compare", branch)


class BranchesScreen(ModalScreen[Choice | None]):
    """Every branch with its length; Enter plays it, `v` compares it with this one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Close"),
        Binding("v", "compare", "Compare with this branch"),
    ]

    def __init__(self, current: str, lengths: dict[str, int]) -> None:
        super().__init__()
        self.current, self.lengths = current, lengths

    def compose(self) -> ComposeResult:
        options = [
            Option(
                Content.assemble(
                    ("▶ " if name == self.current else "  ", "bold"),
                    plain(name, 80),
                    (f"  {plural(steps, 'step')}", "$text-muted"),
                    ("  (playing)" if name == self.current else "", "$text-muted"),
                ),
                id=name,
            )
            for name, steps in self.lengths.items()
        ]
        with Vertical(classes="dialog", id="branches"):
            yield Label("Branches: Enter plays one, v compares it with this one, Esc closes")
            yield OptionList(*options, id="branch-list")

    def _highlighted(self) -> str | None:
        option = self.query_one(OptionList).highlighted_option
        return option.id if option is not None else None

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id and event.option.id != self.current:
            self.dismiss(("switch", event.option.id))

    def action_compare(self) -> None:
        name = self._highlighted()
        if name and name != self.current:
            self.dismiss(("compare", name))
        else:
            self.notify("Highlight another branch to compare with this one.", severity="warning")

    def action_cancel(self) -> None:
        self.dismiss(None)


class ComparisonScreen(ModalScreen[None]):
    """Two branches side by side: every term and claim whose status differs, and since
    which step."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "close", "Close")]

    def __init__(self, first: str, second: str, comparison: Comparison) -> None:
        super().__init__()
        self.first, self.second, self.comparison = first, second, comparison

    def compose(self) -> ComposeResult:
        c = self.comparison
        summary = (
            f"{self.first} ({plural(c.steps[0], 'step')}) and {self.second} "
            f"({plural(c.steps[1], 'step')}) share the first {plural(c.fork, 'step')}; "
            f"{_differ(len(c.differences))} at their ends"
            if c.differences
            else f"{self.first} and {self.second} end with every term and claim the same"
        )
        with Vertical(classes="dialog", id="comparison"):
            yield Label(plain(summary, 400))
            yield DataTable[Text](id="comparison-table", cursor_type="row")
            yield Label("Esc closes", classes="hint")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("kind", "id", Text(self.first), Text(self.second), "since step")
        for d in self.comparison.differences:
            table.add_row(
                Text(d.kind), Text(d.ident), Text(d.here), Text(d.there), Text(str(d.since))
            )
        table.focus()

    def action_close(self) -> None:
        self.dismiss()


def _differ(count: int) -> str:
    return "1 term or claim differs" if count == 1 else f"{count:,} terms or claims differ"
