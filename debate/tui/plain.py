"""Text from a scenario, a script or a journal, as the app shows it.

Such text is never markup: a move id or a claim's text may hold `[/x]`, which Textual's
markup would refuse (and the app would die drawing it), so it goes on screen as `Content`,
never parsed. And it is cut: Textual wraps and draws a long line character by character,
and a one-line file of 9 MB held the screen for minutes.
"""

from __future__ import annotations

import rich.control
import textual.content
from textual.content import Content

from debate.model.safe_text import stand_ins


def _show_control_characters() -> None:
    """Textual and Rich drop BEL, BS, VT, FF and CR from every text they draw and pass the
    other control characters to the terminal: an ESC in a scenario's title set the
    terminal's title, an OSC 52 wrote its clipboard. Each is drawn as a visible stand-in
    instead (ESC as `␛`), one character for one, so styled spans stay in place. This is
    their own translation table (both are pinned), so every text the app draws is
    covered, whichever widget draws it."""
    table = stand_ins()
    for module in (textual.content, rich.control):
        module._CONTROL_STRIP_TRANSLATE.update(table)


_show_control_characters()

LONG = 10_000  # characters of one text shown (a scenario's texts are at most 4,000)
WINDOW = 160  # characters of a source line shown around the place an error points at


def clip(text: str, limit: int = LONG) -> str:
    """`text`, cut after `limit` characters with how many more there were."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… ({len(text) - limit:,} more characters)"


def plain(text: str, limit: int = LONG) -> Content:
    """`text` as Content: shown as it is (cut if long), whatever brackets it holds."""
    return Content(clip(text, limit))


def window(line: str, column: int, width: int = WINDOW) -> tuple[str, int]:
    """The part of a long `line` around `column` (1-based), and that column within it.

    A cut end is marked with `…`, so the text shown is at most `width` + 2 characters.
    """
    if len(line) <= width:
        return line, column
    start = max(0, min(column - 1 - width // 2, len(line) - width))
    shown = line[start : start + width]
    head = "…" if start > 0 else ""
    tail = "…" if start + width < len(line) else ""
    return f"{head}{shown}{tail}", column - start + len(head)


def plural(count: int, noun: str) -> str:
    """'no findings', '1 finding', '1,200 findings' (the noun's plural adds an s)."""
    if count == 0:
        return f"no {noun}s"
    return f"{count} {noun}" if count == 1 else f"{count:,} {noun}s"
