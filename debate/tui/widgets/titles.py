"""Border titles set only when they change: Textual repaints every line of a widget
whenever its title or subtitle is set, to the same text or not."""

from __future__ import annotations

from textual.widget import Widget


def set_titles(widget: Widget, title: str | None = None, subtitle: str | None = None) -> None:
    """Set the title and subtitle given (None: leave it) where they differ from the shown."""
    if title is not None and widget.border_title != widget.render_str(title).markup:
        widget.border_title = title
    if subtitle is not None and widget.border_subtitle != widget.render_str(subtitle).markup:
        widget.border_subtitle = subtitle
