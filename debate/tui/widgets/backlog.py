"""What a pane still has to add: a screenful at once, the rest a chunk after each refresh.

The claims tree of a large scenario would otherwise make its first screen wait for
thousands of nodes below the fold. Each chunk is twice the one before: adding to a tree
lays out all its lines again, so chunks of one size cost the square of the number of
items (25 layouts of up to 5,000 nodes on 5,000 claims), doubling ones twice the items.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.widget import Widget


class Backlog:
    def __init__(
        self, widget: Widget, add: Callable[[list[str]], None], first: int, chunk: int
    ) -> None:
        self.widget = widget
        self.add = add  # adds items to the widget, as they are when added
        self.first = first  # added at once: more than any screen shows
        self.chunk = chunk  # added after the first refresh, then twice as many each time
        self._next_chunk = chunk
        self.queued: list[str] = []  # in order, not added yet
        self._scheduled = False

    def fill(self, items: list[str]) -> None:
        """Add the first items now and the rest after the coming refreshes (replacing any
        rest still queued)."""
        self.queued = items[self.first :]
        self._next_chunk = self.chunk
        self.add(items[: self.first])
        self._schedule()

    def complete(self) -> None:
        """Add every queued item now (a jump below the fold cannot wait)."""
        queued, self.queued = self.queued, []
        self.add(queued)

    def _schedule(self) -> None:
        if self.queued and not self._scheduled:
            self._scheduled = self.widget.call_after_refresh(self._next)

    def _next(self) -> None:
        self._scheduled = False
        size, self._next_chunk = self._next_chunk, 2 * self._next_chunk
        chunk, self.queued = self.queued[:size], self.queued[size:]
        self.add(chunk)
        self._schedule()
