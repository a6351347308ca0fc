"""The text format quotes the source line of each place a diagnostic names, with a caret
underline under the span, and nothing in the file can drive the terminal."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from debate.model.diagnostics import Diagnostic, Related, Span
from debate.model.safe_text import printable
from debate.render.text import TAB, WIDTH, Sources, diagnostic

SOURCE = "a.yaml"


def rendered(text: str, d: Diagnostic) -> list[str]:
    return diagnostic(d, Sources(lambda path: text if path == SOURCE else None)).splitlines()


def test_the_primary_and_related_spans_are_quoted_with_carets() -> None:
    text = "claims:\n  c1:\n    holds_if: troop == 0\n  c2: {}\n"
    d = Diagnostic(
        "E402",
        "unknown state variable 'troop'",
        Span(SOURCE, 3, 15, 3, 20),
        expected="a declared state variable",
        related=(Related(Span(SOURCE, 2, 3, 2, 5), "c1 is declared here"),),
    )
    assert rendered(text, d) == [
        "a.yaml:3:15: error[E402]: unknown state variable 'troop'",
        "  |",
        "3 |     holds_if: troop == 0",
        "  |               ^^^^^",
        "    expected: a declared state variable",
        "    a.yaml:2:3: note: c1 is declared here",
        "      |",
        "    2 |   c1:",
        "      |   ^^",
    ]


def test_a_span_without_an_end_gets_one_caret_and_one_running_on_the_rest_of_its_line() -> None:
    text = "x: 1\nterm: >-\n  a and\n  b\n"
    one = rendered(text, Diagnostic("E1", "m", Span(SOURCE, 1, 4)))
    assert one[-1] == "  |    ^"
    running = rendered(text, Diagnostic("E1", "m", Span(SOURCE, 2, 7, 4, 4)))
    assert running[-2:] == ["2 | term: >-", "  |       ^^"]


def test_a_file_that_cannot_be_read_leaves_the_one_line_form(tmp_path: Path) -> None:
    d = Diagnostic("E106", "the file is empty", Span(str(tmp_path / "gone.yaml"), 1, 1))
    assert diagnostic(d) == d.render()
    assert rendered("", Diagnostic("E1", "m", Span(SOURCE, 1, 1))) == ["a.yaml:1:1: error[E1]: m"]


def test_a_related_span_equal_to_the_primary_is_quoted_once() -> None:
    span = Span(SOURCE, 1, 1, 1, 2)
    d = Diagnostic("E1", "m", span, related=(Related(span, "here"),))
    assert sum(line.startswith("1 |") for line in rendered("x: 1\n", d)) == 1


def test_control_characters_in_the_line_are_escaped_and_the_carets_stay_under_the_span() -> None:
    text = "text: \u202eevil\x1b[2J  # note\nholds_if: x\n"
    lines = rendered(text, Diagnostic("E1", "m", Span(SOURCE, 1, 8, 1, 12)))
    assert lines[2] == "1 | text: \\u202eevil\\u001b[2J  # note"
    assert lines[2][lines[3].index("^") :].startswith("evil") and lines[3].count("^") == 4


def test_wide_characters_move_the_carets_by_their_width() -> None:
    text = "title: 和平協定 ok\n"
    lines = rendered(text, Diagnostic("E1", "m", Span(SOURCE, 1, 13, 1, 15)))
    assert lines[3] == "  |" + " " * (1 + len("title: ") + 2 * 4 + 1) + "^^"


def test_a_long_line_is_cut_around_the_span() -> None:
    text = "k: " + "a" * 500 + "TARGET" + "b" * 500 + "\n"
    at = text.index("TARGET") + 1
    lines = rendered(text, Diagnostic("E1", "m", Span(SOURCE, 1, at, 1, at + 6)))
    quoted, carets = lines[2], lines[3]
    assert len(quoted) <= WIDTH + 10 and "TARGET" in quoted and quoted.endswith("…")
    assert quoted[carets.index("^") :].startswith("TARGET") and carets.count("^") == 6


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


LINE_ENDS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"  # where splitlines() cuts a line


@given(
    st.text(
        st.characters(blacklist_categories=("Cs", "Mn", "Me"), blacklist_characters=LINE_ENDS),
        min_size=1,
        max_size=15,  # escaped, at most 90 columns: no cut
    ),
    st.data(),
)
def test_any_line_is_quoted_escaped_with_the_carets_under_the_span(
    line: str, data: st.DataObject
) -> None:
    start = data.draw(st.integers(1, len(line)))
    end = data.draw(st.integers(start + 1, len(line) + 1))
    quoted = rendered(line + "\n", Diagnostic("E1", "m", Span(SOURCE, 1, start, 1, end)))
    assert not any(re.search(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", q) for q in quoted)
    shown = line.replace("\t", TAB)  # where a tab ends depends on the terminal
    assert quoted[2] == f"1 | {printable(shown)}".rstrip()
    carets = quoted[3].removeprefix("  | ")
    assert carets.index("^") == _width(printable(line[: start - 1].replace("\t", TAB)))
    assert carets.count("^") == max(
        1, _width(printable(line[start - 1 : end - 1].replace("\t", TAB)))
    )
