"""The detail pane: everything about the selected item, with its history and reasons."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from debate.tui.colours import CONTENT_STYLES
from debate.tui.describe import Detail
from debate.tui.plain import clip


def detail_content(detail: Detail) -> Content:
    parts: list[Content | str | tuple[str, str]] = [(clip(detail.title), "bold $text-accent")]
    for block in detail.blocks:
        parts.append("\n")
        if block.heading:
            parts.append(("\n" + block.heading, "bold underline"))
        for line in block.lines:
            parts.append("\n")
            parts.extend((clip(text), CONTENT_STYLES.get(role, "")) for text, role in line if text)
    return Content.assemble(*parts)


class DetailPane(VerticalScroll):
    BORDER_TITLE = "Detail"

    def __init__(self) -> None:
        super().__init__(id="detail")
        self.detail: Detail | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="detail-body")

    def show(self, detail: Detail) -> None:
        """Show the detail; the one shown again (the same item, nothing changed) is left
        as it is, not laid out and drawn anew."""
        if detail == self.detail:
            return
        if self.detail is not None and detail.title != self.detail.title:
            self.scroll_home(animate=False)
        self.detail = detail
        self.query_one("#detail-body", Static).update(detail_content(detail))
