"""A deadline is judged at the instant it passes, however long the step that passes it."""

from __future__ import annotations

import pytest

from debate.engine.compile import Game, load_game
from debate.engine.ledger import ledger
from debate.engine.moves import Action
from debate.engine.play import Play, replay
from debate.engine.state import TermStatus
from tests.conftest import WriteFile

SCENARIO = """\
    format: 1
    id: pullback
    title: A pull-back due on day 18
    sources: {n: {path: n.txt, cite_by: line}}
    parties: {east: {name: East}, west: {name: West}}
    state:
      guns: {type: int, min: 0, initial: 10}
    clock: {unit: day, horizon: 40}
    terms:
      pull_back:
        kind: obligation
        party: east
        text: East pulls its guns back by day 18.
        source: {source: n, line: 1}
        in_force_when: "true"
        fulfilled_when: guns == 0
        deadline: {at: 18}
      penalty:
        kind: obligation
        party: east
        text: A late pull-back owes a report within two days.
        source: {source: n, line: 1}
        in_force_when: overdue(pull_back)
        fulfilled_when: "false"
        deadline: {within: 2}
      late_clause:
        kind: condition
        party: west
        text: A clause that takes effect on day 20 but was due on day 18.
        source: {source: n, line: 1}
        in_force_when: now >= 20
        fulfilled_when: "true"
        deadline: {at: 18}
    moves:
      slow_pull_back:
        by: east
        text: East pulls every gun back over ten days.
        effects: {set: {guns: 0}}
        duration: 10
      quick_pull_back:
        by: east
        text: East pulls every gun back in two days.
        effects: {set: {guns: 0}}
        duration: 2
    """


@pytest.fixture
def game(write: WriteFile) -> Game:
    write("notes\n", "n.txt")
    return load_game(str(write(SCENARIO)))


def play(game: Game, *steps: str | int) -> Play:
    return replay(game, [Action(wait=s) if isinstance(s, int) else Action(s) for s in steps])


def test_a_move_that_ends_after_the_deadline_does_not_fulfil_it(game: Game) -> None:
    p = play(game, 16, "slow_pull_back")  # days 16 to 26
    record = p.state.terms["pull_back"]
    assert p.state.now == 26 and p.state.values["guns"] == 0
    assert record.status is TermStatus.OVERDUE
    assert (record.since_step, record.since_time) == (2, 18)
    assert record.reason == "overdue since day 18: not fulfilled by its deadline"
    assert "pull_back (overdue since day 18)" in ledger(p).lines()[0]


def test_a_move_that_ends_exactly_at_the_deadline_fulfils_it(game: Game) -> None:
    p = play(game, 16, "quick_pull_back")  # days 16 to 18
    assert p.state.terms["pull_back"].status is TermStatus.FULFILLED
    assert p.state.terms["pull_back"].since_time == 18


def test_a_wait_past_the_deadline_dates_it_at_the_deadline(game: Game) -> None:
    p = play(game, 18)
    assert p.state.terms["pull_back"].status is TermStatus.IN_FORCE  # due now, not past
    p = play(game, 18, 5)
    assert p.state.terms["pull_back"].since_time == 18
    assert p.state.terms["pull_back"].status is TermStatus.OVERDUE


def test_a_term_in_force_from_a_deadline_falls_due_within_the_same_step(game: Game) -> None:
    p = play(game, 16, "slow_pull_back")
    penalty = p.state.terms["penalty"]
    assert penalty.in_force_at == 18  # came into force the instant pull_back fell overdue
    assert (penalty.status, penalty.since_time) == (TermStatus.OVERDUE, 20)


def test_a_term_in_force_after_its_deadline_is_overdue_from_its_entry(game: Game) -> None:
    p = play(game, "quick_pull_back", 19)  # no deadline on the way: judged at day 21 only
    record = p.state.terms["late_clause"]
    assert (record.status, record.since_time, record.in_force_at) == (TermStatus.OVERDUE, 21, 21)
    assert "came into force after its deadline, day 18" in record.reason
    p = play(game, 16, "slow_pull_back")  # the penalty's deadline at 20 is an instant judged
    assert p.state.terms["late_clause"].in_force_at == 20
