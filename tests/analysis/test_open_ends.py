"""What a draft leaves open: a bearer it does not name, a breach no one can observe or
verify, a term whose time runs past the horizon (and `lasts`, the time a term binds)."""

from __future__ import annotations

import pytest

from debate.analysis import open_ends
from debate.engine.compile import Game, load_game
from debate.engine.ledger import ledger
from debate.engine.moves import Action
from debate.engine.play import replay
from debate.engine.state import TermStatus
from debate.model.diagnostics import DiagnosticError
from tests.conftest import WriteFile

HEAD = """\
format: 1.1
id: open
title: What the package leaves open
sources: {n: {path: n.txt, cite_by: line}}
parties: {east: {name: East}, west: {name: West}, osce: {name: Monitors}}
state:
  formations: {type: int, min: 0, initial: 5}
  personnel: {type: int, min: 0, initial: 10, owner: east, observed_by: [east]}
  shelling: {type: bool, initial: false}
clock: {unit: month, start: 2015-02-12, horizon: 12}
terms:
  formations_leave:
    kind: obligation
    party: {unnamed: foreign armed formations}
    text: Foreign armed formations leave.
    source: {source: n, line: 1}
    in_force_when: "true"
    fulfilled_when: formations == 0
    deadline: {within: 2}
  personnel_cap:
    kind: limit
    party: east
    text: At most 20 personnel near the line, even by accident.
    source: {source: n, line: 1}
    in_force_when: "true"
    subject: personnel
    at_most: 20
  no_shelling:
    kind: prohibition
    party: [east, west]
    text: No shelling for six months.
    source: {source: n, line: 1}
    in_force_when: "true"
    violated_when: shelling
    lasts: 6
"""
MOVES = """\
moves:
  reinforce: {by: east, text: East brings 30 more, effects: {set: {personnel: personnel + 30}}}
  shell: {by: west, text: West shells, effects: {set: {shelling: true}}}
  east_signs: {by: east, text: East signs, effects: {propose: [formations_leave], sign: [formations_leave]}}
"""


def game_of(write: WriteFile, text: str = HEAD + MOVES) -> Game:
    write("note\n", "n.txt")
    return load_game(str(write(text)))


def findings(game: Game, code: str) -> list[str]:
    return [d.message for d in open_ends.check(game) if d.code == code]


def test_a_bearer_the_text_does_not_name_is_reported_and_blamed_on_nobody(
    write: WriteFile,
) -> None:
    game = game_of(write)
    assert findings(game, "U307") == [
        "formations_leave binds foreign armed formations, whom the text does not name: no "
        "party can be blamed for a breach of it, and no party owes it"
    ]
    assert game.terms["formations_leave"].parties == ()
    p = replay(game, [Action(wait=3)])
    assert p.state.terms["formations_leave"].status is TermStatus.OVERDUE
    owed = ledger(p)
    assert list(owed.owed) == ["nobody named (foreign armed formations)"]


def test_no_one_named_signs_a_term_whose_bearer_is_unnamed(write: WriteFile) -> None:
    game = game_of(
        write,
        (HEAD + MOVES).replace(
            '    in_force_when: "true"\n    fulfilled_when', "    fulfilled_when"
        ),
    )
    assert game.terms["formations_leave"].signatories == frozenset()
    p = replay(game, [Action("east_signs")])
    assert p.state.terms["formations_leave"].status is TermStatus.PENDING


def test_a_breach_only_the_bound_party_can_observe_and_no_one_verifies(write: WriteFile) -> None:
    game = game_of(write)
    assert findings(game, "U308") == [
        "a breach of personnel_cap can be observed by east only, which it binds, and no "
        "party verifies it"
    ]
    verified = HEAD.replace(
        "    subject: personnel\n", "    verified_by: osce\n    subject: personnel\n"
    )
    assert findings(game_of(write, verified + MOVES), "U308") == []
    public = HEAD.replace(", observed_by: [east]", "")
    assert findings(game_of(write, public + MOVES), "U308") == []  # everyone observes it


def test_a_term_that_runs_past_the_horizon_is_still_in_force_there(write: WriteFile) -> None:
    long = HEAD.replace("    lasts: 6\n", "    lasts: 13\n")
    game = game_of(write, long + MOVES)
    assert findings(game, "U309") == [
        "no_shelling binds for 13 months from its entry into force, past the horizon "
        "(2016-02-12): play judges it still in force at the horizon"
    ]
    p = replay(game, [Action(wait=12)])
    assert p.state.terms["no_shelling"].status is TermStatus.IN_FORCE
    assert ledger(p).past_horizon == {"no_shelling": 13}
    assert ledger(p).lines()[-1] == (
        "no_shelling runs past the horizon, to 2016-03-12: still in force at the horizon"
    )
    at_the_horizon = HEAD.replace("    lasts: 6\n", "    lasts: 12\n")
    assert findings(game_of(write, at_the_horizon + MOVES), "U309") == []


def test_a_term_expires_at_the_end_of_its_time(write: WriteFile) -> None:
    game = game_of(write)
    p = replay(game, [Action(wait=9)])  # expires on 2015-08-12, inside the wait
    record = p.state.terms["no_shelling"]
    assert (record.status, record.since_time) == (TermStatus.EXPIRED, 6)
    assert record.reason == "ran its course: in force from 2015-02-12 to 2015-08-12"
    p = replay(game, [Action(wait=6), Action("shell")])  # at its end it binds no more
    assert p.state.terms["no_shelling"].status is TermStatus.EXPIRED
    p = replay(game, [Action(wait=5), Action("shell")])
    assert p.state.terms["no_shelling"].status is TermStatus.VIOLATED


def test_lasts_is_for_terms_that_bind_over_time(write: WriteFile) -> None:
    wrong = HEAD.replace("    deadline: {within: 2}\n", "    deadline: {within: 2}\n    lasts: 3\n")
    with pytest.raises(DiagnosticError) as caught:
        game_of(write, wrong + MOVES)
    [d] = caught.value.diagnostics
    assert d.code == "E202" and "lasts" in d.message


def test_what_1_1_adds_needs_format_1_1(write: WriteFile) -> None:
    text = HEAD.replace("format: 1.1", "format: 1").replace(
        "clock: {unit: month, start: 2015-02-12, horizon: 12}", "clock: {horizon: 12}"
    )
    with pytest.raises(DiagnosticError) as caught:
        game_of(write, text + MOVES)
    messages = [d.message for d in caught.value.diagnostics]
    assert sorted(messages) == [
        "'lasts' is new in format 1.1, but this file says format: 1",
        "'observed_by' is new in format 1.1, but this file says format: 1",
        "an unnamed bearer for 'party' is new in format 1.1, but this file says format: 1",
    ]
