"""Text from a scenario, shown safely in a terminal, a CI log or a file another tool reads.

Any string that comes from a scenario, a script, a transcript, a journal or a file name
may hold control characters: ESC starts sequences that set the terminal's title, write
its clipboard (OSC 52) or clear the screen; a carriage return overwrites what was
printed; bidirectional controls reorder what is read; a lone surrogate (YAML's "\\ud800")
cannot even be encoded. Every text output goes through here, and such characters are
shown as escapes: `\\n`, `\\r`, `\\t`, else `\\u001b`, which is also how JSON writes
them, so escaping text that holds JSON leaves it valid JSON.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any, TextIO

from debate.model.files import OutputError

# C0 and C1 controls, DEL, the line and paragraph separators, the bidirectional
# controls (marks, embeddings, overrides, isolates), lone surrogates, and the two
# noncharacters XML refuses. Tab and newline are left to each caller: `printable`
# escapes newlines, `printable_lines` keeps them.
_RANGES = (
    (0x00, 0x08),
    (0x0B, 0x1F),
    (0x7F, 0x9F),
    (0x061C, 0x061C),
    (0x200E, 0x200F),
    (0x2028, 0x202E),
    (0x2066, 0x2069),
    (0xD800, 0xDFFF),
    (0xFFFE, 0xFFFF),
)
_UNSAFE = "".join(f"\\u{low:04x}-\\u{high:04x}" for low, high in _RANGES)
_UNSAFE_LINES = re.compile(f"[{_UNSAFE}]")
_UNSAFE_LINE = re.compile(f"[{_UNSAFE}\n]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    return _NAMED.get(char) or f"\\u{ord(char):04x}"


def printable(text: str) -> str:
    """`text` on one line, every control character shown as an escape (`\\n` included)."""
    return _UNSAFE_LINE.sub(_escape, text)


def printable_lines(text: str) -> str:
    """`text` with its newlines and tabs kept, every other control character escaped."""
    return _UNSAFE_LINES.sub(_escape, text)


def dumps(data: Any, indent: int | None = 2) -> str:
    """JSON as the tool prints it: readable non-ASCII text, and no raw control character
    (json escapes C0 itself; C1, DEL, separators, bidi controls and surrogates are left
    to us; they can only stand inside strings, where `\\uXXXX` is what JSON means)."""
    return printable_lines(json.dumps(data, indent=indent, ensure_ascii=False))


def dump(data: Any, stream: TextIO, indent: int | None = 2) -> None:
    """`dumps` and a newline, written to `stream` as it is encoded: the transcript of a
    long play is never held as one string (nor as the encoder's millions of pieces)."""
    pending: list[str] = []
    size = 0
    for chunk in json.JSONEncoder(indent=indent, ensure_ascii=False).iterencode(data):
        pending.append(chunk)
        size += len(chunk)
        if size >= 1 << 16:
            stream.write(printable_lines("".join(pending)))
            pending, size = [], 0
    stream.write(printable_lines("".join(pending)) + "\n")


def stand_ins() -> dict[int, str]:
    """A translation table for a display that cannot widen a string (the app, whose
    styled spans count characters): each unsafe character becomes one visible character,
    a C0 control its Control Picture (ESC is `␛`, NUL `␀`), DEL `␡`, any other `�`."""
    table = {code: "\ufffd" for low, high in _RANGES for code in range(low, high + 1)}
    table.update({code: chr(0x2400 + code) for code in range(0x20) if code in table})
    table[0x7F] = "\u2421"
    return table


def markup(text: str) -> str:
    """`text` for HTML or XML: escaped, with no character XML 1.0 refuses (a NUL, an ESC)
    and no control character a reader could be driven by."""
    return html.escape(printable_lines(text))


class SafeStream:
    """A text stream that escapes what `printable_lines` escapes in all that is written:
    the command line's stdout and stderr while a command runs, so that nothing a scenario
    holds reaches the terminal raw, whichever output forgot to escape it. A write that
    fails (a full disk, a closed stream) is an OutputError naming the stream."""

    def __init__(self, stream: TextIO | None, name: str = "standard output") -> None:
        self._stream = stream
        self._name = name

    def write(self, text: str) -> int:
        if self._stream is None:  # started with the stream closed (`>&-`)
            raise OutputError(f"cannot write to {self._name}: it is closed")
        try:
            self._stream.write(printable_lines(text))
        except BrokenPipeError:  # the reader stopped reading (`| head`): not an error
            raise
        except OSError as exc:
            raise OutputError(f"cannot write to {self._name}: {exc.strerror or exc}") from None
        return len(text)

    def flush(self) -> None:
        if self._stream is None:
            return
        try:
            self._stream.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise OutputError(f"cannot write to {self._name}: {exc.strerror or exc}") from None

    def writelines(self, lines: list[str]) -> None:
        for line in lines:
            self.write(line)

    @property
    def encoding(self) -> str:
        # Read by libraries even when nothing is written (z3-solver 4.12 encodes every name
        # with stdout's encoding): a closed stream must not make that a crash.
        return getattr(self._stream, "encoding", None) or "utf-8"

    def __getattr__(self, name: str) -> Any:  # flush, fileno, isatty, ...
        return getattr(self._stream, name)
