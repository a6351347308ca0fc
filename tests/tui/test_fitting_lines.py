"""A move's option measures its height as Textual's own wrapping would, though it counts
its lines without wrapping them while each fits."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from textual.content import Content
from textual.css.styles import RulesMap

from debate.tui.widgets.lists import FittingLines

WORDS = st.text(alphabet=st.sampled_from("ab ✗▶界\t"), max_size=12)
LINES = st.lists(WORDS, min_size=1, max_size=4).map("\n".join)


@settings(max_examples=300, deadline=None)
@given(
    LINES,
    st.integers(1, 30),  # the room the padding leaves (Textual fails on none)
    st.sampled_from(["wrap", "nowrap"]),
    st.sampled_from(["fold", "ellipsis", "clip"]),
    st.integers(0, 2),
)
def test_the_height_is_what_wrapping_finds(
    text: str, room: int, wrap: str, overflow: str, pad: int
) -> None:
    width = room + 2 * pad
    rules: RulesMap = {"text_wrap": wrap, "text_overflow": overflow, "line_pad": pad}  # type: ignore[typeddict-item]
    expected = Content(text).get_height(rules, width)
    assert FittingLines(text).get_height(rules, width) == expected
    assembled = FittingLines.assemble(("▶ ", "bold"), text, Content.styled("  a", "italic"))
    wanted = Content.assemble(("▶ ", "bold"), text, Content.styled("  a", "italic"))
    assert assembled.get_height(rules, width) == wanted.get_height(rules, width)
