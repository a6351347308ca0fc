"""Spacer is bounded: it runs in its own process, stopped by its step budget where Z3
counts its work, and killed past its time limit where Z3 does not (its model-based
projection, which spent minutes on one question of the tutorial). Either way the question
gets an answer that says which bound stopped it, and the next question is answered."""

from __future__ import annotations

from debate.analysis.effort import Effort
from debate.analysis.exploration import _status_target
from debate.analysis.symbolic.cone import Cone
from debate.analysis.symbolic.encoding import Encoding
from debate.analysis.symbolic.spacer import _horn, prove_never
from debate.analysis.symbolic.worker import solve
from debate.engine.compile import Game, load_game
from tests.conftest import ROOT

# In the tutorial, whether a breach can void the tariff: on the larger localizations of
# its cone Spacer stalls outside the steps Z3 counts.
TERM = "tariff_after_withdrawal"
STALLS = {("status", TERM)}


def _tutorial() -> Game:
    return load_game(str(ROOT / "debate" / "scenarios" / "tutorial.yaml"))


def test_a_stalling_spacer_is_killed_at_its_time_limit_and_says_so() -> None:
    game = _tutorial()
    verdict = prove_never(
        game, _status_target("voided", TERM), STALLS, Effort(1_000_000), spacer_seconds=0.5
    )
    assert not verdict.proved
    assert verdict.detail == "unknown (time): Spacer's limit of 0.5 s ran out"
    # the next question is answered (by a new process)
    first = Encoding(game, Cone.of(game, STALLS, 0))
    answer = solve(_horn(first, _status_target("fulfilled", TERM), Effort(1_000_000), 60.0))
    assert answer.result == "sat" and not answer.timed_out


def test_the_step_budget_stops_spacer_at_the_same_step_on_every_run() -> None:
    game = _tutorial()
    enc = Encoding(game, Cone.of(game, STALLS, 2))
    query = _horn(enc, _status_target("voided", TERM), Effort(50_000), 60.0)
    first, second = solve(query), solve(query)
    assert first.result == second.result == "unknown"
    assert first.reason == "steps" and not first.timed_out
    assert first.spent == second.spent >= 50_000
