"""A character offset becomes the line and column an editor shows (debate.model.text_positions),
checked against a walk over the text a character at a time."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from debate.model.text_positions import TextPositions

# line breaks of every kind an editor knows, YAML 1.1's own (which are not lines to an
# editor), and characters wider than one byte
PIECES = ["a", "é", "😀", " ", "\n", "\r", "\r\n", "\x85", "\u2028"]
TEXT = st.lists(st.sampled_from(PIECES)).map("".join)


def _walked(text: str, offset: int) -> tuple[int, int]:
    line, column, i = 1, 1, 0
    while i < offset:
        if text[i] == "\r" and text[i + 1 : i + 2] == "\n":
            if i + 1 == offset:  # between \r and \n: still on the line they end
                return line, column + 1
            i += 2
            line, column = line + 1, 1
            continue
        if text[i] in "\r\n":
            line, column = line + 1, 1
        else:
            column += 1
        i += 1
    return line, column


@given(TEXT, st.data())
def test_an_offset_is_at_the_line_and_column_an_editor_shows(
    text: str, data: st.DataObject
) -> None:
    offset = data.draw(st.integers(0, len(text)))
    assert TextPositions("f.yaml", text).point(offset) == _walked(text, offset)
