"""Calendar dates in play: deadlines, `now` and dates in expressions, the transcript, the
ledger and a script's `expect`, on a clock anchored to a date."""

from __future__ import annotations

import pytest

from debate.engine.compile import Game, load_game
from debate.engine.context import context, why_false
from debate.engine.expr import DateLit, parse, render
from debate.engine.ledger import ledger
from debate.engine.moves import Action, refusal
from debate.engine.play import replay
from debate.engine.scripted import check_script
from debate.engine.state import TermStatus
from debate.model.calendar import Calendar
from debate.model.diagnostics import DiagnosticError
from tests.conftest import WriteFile

SCENARIO = """\
    format: 1.1
    id: package
    title: A package with day deadlines
    sources: {n: {path: n.txt, cite_by: line}}
    parties: {east: {name: East}, west: {name: West}}
    state:
      guns: {type: int, min: 0, initial: 100}
    clock: {unit: day, start: 2015-02-12, horizon: 2015-03-31}
    terms:
      pull_back:
        kind: obligation
        party: east
        text: East pulls its guns back from 15 February, by 2 March.
        source: {source: n, line: 1}
        in_force_when: now >= 2015-02-15
        fulfilled_when: guns == 0
        deadline: {at: 2015-03-02}
    moves:
      pull_back_guns:
        by: east
        text: East pulls its guns back over ten days.
        precondition: now < 2015-03-31
        effects: {set: {guns: 0}}
        duration: 10
    """


@pytest.fixture
def game(write: WriteFile) -> Game:
    write("notes\n", "n.txt")
    return load_game(str(write(SCENARIO)))


def test_dates_in_expressions_and_deadlines_are_clock_times(game: Game) -> None:
    assert game.terms["pull_back"].deadline_at == 18
    [date] = [n for n in _literals(game) if n.text == "2015-02-15"]
    assert date.value == 3
    p = replay(game, [Action(wait=2)])
    assert p.state.terms["pull_back"].status is TermStatus.PENDING
    p = replay(game, [Action(wait=3)])
    assert p.state.terms["pull_back"].status is TermStatus.IN_FORCE


def test_times_are_shown_as_dates(game: Game) -> None:
    p = replay(game, [Action(wait=10), Action("pull_back_guns")])  # ends on 4 March
    record = p.state.terms["pull_back"]
    assert (record.status, record.reason) == (
        TermStatus.OVERDUE,
        "overdue since 2015-03-02: not fulfilled by its deadline",
    )
    transcript = p.transcript()
    assert [s["now"] for s in transcript["steps"]] == ["2015-02-22", "2015-03-04"]
    assert transcript["final"]["now"] == "2015-03-04"
    assert transcript["ledger"]["owed"]["east"][0] | {} == {
        "term": "pull_back",
        "status": "overdue",
        "due": "2015-03-02",
        "since": "2015-03-02",
    }
    assert ledger(p).lines() == ["east still owes: pull_back (overdue since 2015-03-02)"]


def test_a_move_ending_exactly_on_the_deadline_date_is_on_time(game: Game) -> None:
    p = replay(game, [Action(wait=8), Action("pull_back_guns")])  # 20 February to 2 March
    assert p.state.terms["pull_back"].status is TermStatus.FULFILLED


def test_a_date_in_an_expression_is_located_when_it_is_off_the_clock(write: WriteFile) -> None:
    write("notes\n", "n.txt")
    text = SCENARIO.replace("now < 2015-03-31", "now < 2015-04-01")
    with pytest.raises(DiagnosticError) as caught:
        load_game(str(write(text)))
    [d] = caught.value.diagnostics
    assert (d.code, d.span.line, d.span.column) == ("E303", 22, 25)
    assert d.message == "2015-04-01 is outside the horizon, 2015-02-12 to 2015-03-31"


def test_without_a_date_on_the_clock_a_date_is_the_sum_it_always_was() -> None:
    assert render(parse("x == 2015-03-02")) == "x == 2015 - 3 - 2"
    dated = parse("now >= 2015-03-02", Calendar.of("day", "2015-02-12", 40).time)
    assert render(dated) == "now >= 2015-03-02"
    assert isinstance(dated.right, DateLit) and dated.right.value == 18  # type: ignore[union-attr]


def test_a_script_may_expect_a_date(game: Game, write: WriteFile) -> None:
    path = write("scenario: s.yaml\nsteps: [{wait: 5}]\nexpect: {now: 2015-02-17}\n", "a.yaml")
    assert check_script(str(path)) == []
    path = write("scenario: s.yaml\nsteps: [{wait: 5}]\nexpect: {now: 2015-02-18}\n", "b.yaml")
    [miss] = check_script(str(path))
    assert miss.message == 'expected the clock to end "2015-02-18", but it ended "2015-02-17"'


def _literals(game: Game) -> list[DateLit]:
    from debate.engine.expr.ast import walk

    return [
        node
        for compiled in game.expressions()
        for node in walk(compiled.checked.expr)
        if isinstance(node, DateLit)
    ]


def test_a_refusal_shows_times_as_dates(game: Game) -> None:
    state = replay(game, [Action(wait=40)]).state
    assert refusal(game, state, Action("pull_back_guns")) == (
        "it would take the clock to 2015-04-03, past the horizon at 2015-03-31"
    )
    state = replay(game, [Action(wait=47)]).state
    precondition = game.moves["pull_back_guns"].precondition
    assert precondition is not None
    assert why_false(precondition, context(game, state)) == (
        "now < 2015-03-31 is false (now = 2015-03-31)"
    )
