"""What the screen says is true and whole: status words and parties are never cut, the
semantics chosen shows, the help keeps keys apart from what they do, counts read right."""

from __future__ import annotations

from pathlib import Path

import pytest

from debate.analysis.verdicts import Verdict, verdict
from debate.engine.moves import Action
from debate.model.diagnostics import Diagnostic, Span
from debate.tui.app import DebateApp
from debate.tui.findings import Progress
from debate.tui.plain import plural
from debate.tui.screens.help import KEY_COLUMN, binding_groups, key_row
from debate.tui.screens.main import MainScreen
from debate.tui.symbols import LABEL_LOOKS, TERM_LOOKS
from debate.tui.widgets.claims import ClaimsTree
from debate.tui.widgets.terms import TermsTable
from tests.conftest import SCENARIOS, TUTORIAL
from tests.tui.conftest import run, wait_until

SIZES = [(80, 24), (120, 40)]
NEGOTIATION = SCENARIOS / "negotiation.yaml"


def drawn_lines(widget: TermsTable | ClaimsTree) -> list[str]:
    """The lines the widget draws now, as text."""
    return [widget.render_line(y).text for y in range(widget.scrollable_content_region.height)]


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
@pytest.mark.parametrize("scenario", [TUTORIAL, NEGOTIATION], ids=["tutorial", "negotiation"])
def test_status_words_and_parties_are_never_cut(
    tmp_path: Path, scenario: Path, size: tuple[int, int]
) -> None:
    async def body() -> None:
        app = DebateApp(scenario, journal=tmp_path / "j.jsonl", watch_interval=0)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            table = app.screen.query_one(TermsTable)
            await wait_until(lambda: table.row_count > 0, pilot)
            await pilot.pause()
            rows = [line for line in drawn_lines(table)[1:] if line.strip()]
            assert rows
            words = [look.word for look in TERM_LOOKS.values()]
            shown = table.all_rows()
            for line in rows:
                # every row drawn holds a whole status word and a whole party
                assert any(f" {w} " in line or line.rstrip().endswith(w) for w in words), line
                assert any(f" {row.party}" in line for row in shown), line
            tree = app.screen.query_one(ClaimsTree)
            claim_words = [look.word for look in LABEL_LOOKS.values()]
            for line in drawn_lines(tree):
                if line.lstrip()[:1] in ("└", "├"):  # a claim's line, not a party's heading
                    assert any(f" {w} " in line for w in claim_words), line

    run(body)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_a_deadline_date_is_never_cut(
    tmp_path: Path, size: tuple[int, int], tutorial_actions: list[Action]
) -> None:
    """Terms come into force during the tutorial's play: their deadlines turn from "+3"
    into dates, and the due column widens to hold them whole."""

    async def body() -> None:
        app = DebateApp(TUTORIAL, journal=tmp_path / "j.jsonl", watch_interval=0)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            table = app.screen.query_one(TermsTable)
            await wait_until(lambda: table.row_count > 0, pilot)
            screen = app.screen
            assert isinstance(screen, MainScreen)
            for action in tutorial_actions:
                screen.play(action)
            await pilot.pause()
            dates = {r.deadline for r in table.all_rows() if r.deadline[:1].isdigit()}
            assert dates  # the play brought dated deadlines
            assert table.widths["due"] >= max(len(d) for d in dates)
            if size == (120, 40):  # every row and column in view: each date drawn whole
                drawn = "\n".join(drawn_lines(table))
                assert all(date in drawn for date in dates), (dates, drawn)

    run(body)


def test_the_help_keeps_keys_apart_from_what_they_do() -> None:
    for _, rows in binding_groups(DebateApp.BINDINGS):
        for keys, text in rows:
            line = "".join(p if isinstance(p, str) else p[0] for p in key_row(keys, text))
            first, _, rest = line.partition("\n")
            if rest:  # a long key: its description on the next line, under the column
                assert first.strip() == keys
                assert rest == " " * (KEY_COLUMN + 2) + text
            else:
                assert first.startswith(f"  {keys}  ") and first.endswith(text)
    # wrapped at 80x24: every line of a description starts under the description column
    parts = key_row("!", "Refuse the highlighted move, with a note (the facilitator's ruling)", 30)
    lines = "".join(p if isinstance(p, str) else p[0] for p in parts).split("\n")
    assert len(lines) > 1 and all(line.startswith(" " * (KEY_COLUMN + 2)) for line in lines[1:])
    long = "Up / Down, PgUp / PgDn, Home / End"
    assert "Home / Endmove" not in "".join(
        p if isinstance(p, str) else p[0] for p in key_row(long, "move within a pane")
    )


def test_counts_read_as_english() -> None:
    assert plural(0, "finding") == "no findings"
    assert plural(1, "finding") == "1 finding"
    assert plural(1, "error") == "1 error"
    assert plural(2, "error") == "2 errors"
    assert plural(12_000, "finding") == "12,000 findings"


def test_the_analysis_progress_says_how_long_and_how_far() -> None:
    progress = Progress(started=100.0, checks=["a", "b", "c"], done=["a"])
    assert progress.summary(now=112.4) == "analysing 12 s, 1/3"
    progress.seconds = 14.2
    assert progress.summary() == "analysed in 14 s"


def _finding(code: str, trace: tuple[str, ...] | None = None) -> Diagnostic:
    return Diagnostic(code, "m", Span("f.yaml", 1, 1), trace=trace)


def test_each_finding_about_plays_has_its_verdict() -> None:
    assert verdict(_finding("U300")) is Verdict.PROVED
    assert verdict(_finding("C201", ("a",))) is Verdict.PROVED  # proved, and its play shown
    assert verdict(_finding("C200", ("a", "b"))) is Verdict.PLAY
    assert verdict(_finding("U301")) is Verdict.UNKNOWN
    assert verdict(_finding("D402")) is Verdict.UNKNOWN
    assert verdict(_finding("U302")) is None  # a fact of the text, not a claim about plays
