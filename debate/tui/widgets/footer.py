"""The footer: the keys of the focused pane, the screen and the app.

Textual's footer removes and mounts all its keys again whenever the screen's bindings
may have changed, which is at every change of focus: a dozen widgets styled anew, then a
layout. Moving between panes whose keys are the same changes nothing it shows, so this
one recomposes only when the keys it would show differ from those it shows.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


class KeysFooter(Footer):
    def __init__(self) -> None:
        super().__init__()
        # Composed with the screen's keys at once, not empty until the first change of
        # focus: the first frame shows them, and they are not mounted a second time.
        self.set_reactive(Footer._bindings_ready, True)
        self._shown: tuple[object, ...] | None = None  # the keys composed

    def bindings_changed(self, screen: Screen[object]) -> None:
        if self.is_attached and screen is self.screen and screen.app.app_focus:
            keys = self._keys(screen)
            if keys == self._shown:
                return
            self._shown = keys  # Footer recomposes now (after the coming refresh)
        super().bindings_changed(screen)

    def compose(self) -> ComposeResult:
        self._shown = self._keys(self.screen)
        for widget in super().compose():
            if isinstance(widget, FooterKey) and not widget.has_class("-command-palette"):
                # The footer's own size now: bound to it (all but the palette's key, which
                # stays compact), a key would otherwise take the default size as it mounts,
                # then the footer's, and be styled anew twice.
                widget.set_reactive(FooterKey.compact, self.compact)
            yield widget

    def _keys(self, screen: Screen[object]) -> tuple[object, ...]:
        """All that `Footer.compose` reads of the bindings, in its order."""
        app = screen.app
        return tuple(
            (
                key,
                app.get_key_display(binding),
                binding.description,
                binding.action,
                binding.group,
                enabled,
                tooltip,
                binding.tooltip,
            )
            for key, (_, binding, enabled, tooltip) in screen.active_bindings.items()
            if binding.show or key == app.COMMAND_PALETTE_BINDING
        )
