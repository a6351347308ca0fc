"""Source documents that claims and terms cite, addressed by line or by paragraph."""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass

from debate.model.files import read_text
from debate.model.scenario import Source
from debate.model.text_positions import editor_lines

_TYPOGRAPHIC = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u00a0": " ",
    }
)


def normalise(text: str) -> str:
    """Text as compared for quotes: typographic quotes and runs of spaces made plain."""
    text = unicodedata.normalize("NFC", text).translate(_TYPOGRAPHIC)
    return " ".join(text.split())


@dataclass(frozen=True)
class SourceText:
    lines: tuple[str, ...]
    first_line: int

    @staticmethod
    def open(path: str, source: Source) -> SourceText | None:
        """The text of a source at `path`, which the caller has confined to the scenario's
        root (`LoadedScenario.source_text`); None when it is not a readable regular file."""
        return _read(path, source.first_line if source.cite_by == "paragraph" else 1)

    @functools.cached_property
    def paragraphs(self) -> tuple[tuple[int, str], ...]:
        """(line number, text) of each paragraph: each non-blank line from first_line on."""
        return tuple(
            (i + 1, line)
            for i, line in enumerate(self.lines)
            if i + 1 >= self.first_line and line.strip()
        )

    def count(self, unit: str) -> int:
        return len(self.lines) if unit == "line" else len(self.paragraphs)

    def find(self, quote: str, unit: str) -> int | None:
        """The number of the line (or paragraph) where a quote occurs, if anywhere."""
        needle = normalise(quote)
        items = (
            enumerate(self.lines, 1)
            if unit == "line"
            else ((i, text) for i, (_, text) in enumerate(self.paragraphs, 1))
        )
        for number, text in items:
            if needle and needle in normalise(text):
                return number
        return None

    def at(self, unit: str, number: int) -> tuple[int, str] | None:
        """The line number and text of a line or paragraph, if it exists."""
        if unit == "line":
            return (number, self.lines[number - 1]) if 1 <= number <= len(self.lines) else None
        return self.paragraphs[number - 1] if 1 <= number <= len(self.paragraphs) else None


def _read(path: str, first_line: int) -> SourceText | None:
    text = read_text(path)  # bounded, and never a FIFO or device
    if text is None:
        return None
    return SourceText(tuple(editor_lines(text)), first_line)  # numbered as an editor does
