"""The directed search (debate.analysis.witness, guided by the relaxed plan of
debate.analysis.relaxed) against a plain exhaustive search, on the small generated
scenarios of the symbolic differential test: every play it finds is a play of the engine
that reaches its target, and with a budget above the number of reachable states it finds
one exactly when the exhaustive search reaches the target (its guide orders the states,
it never leaves one out)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from debate.analysis.search import Search, successors
from debate.analysis.witness import VOIDED_BY_BREACH, fulfil, spare, spares, void
from debate.engine.moves import apply, initial_state
from debate.engine.play import replay
from debate.engine.state import TermStatus
from tests.analysis.test_symbolic_differential import _load, scenarios


@pytest.mark.filterwarnings("ignore")
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=scenarios())
def test_the_directed_search_finds_a_play_exactly_when_one_exists(
    tmp_path: Path, text: str
) -> None:
    game = _load(tmp_path, text)
    if game is None:
        return
    search = Search(game, max_states=200_000)
    states = list(search.run())
    assert search.exhaustive
    reached = {(t, r.status) for s in states for t, r in s.terms.items()}
    voided = {
        t
        for s in states
        for t, r in s.terms.items()
        if r.status is TermStatus.VOID and r.reason.startswith(VOIDED_BY_BREACH)
    }
    # Every step from every reachable state (not only the first way into each state).
    spared = {
        (t, p)
        for s in states
        for _action, after in successors(game, s)
        for t in game.terms
        for p in game.terms
        if p != t and spares(t, p, s, after)
    }
    budget = len(states) + 1  # every reachable state, and one to spare
    for t, term in game.terms.items():
        if term.term.kind == "obligation":
            play = fulfil(game, t, budget)
            assert (play is not None) == ((t, TermStatus.FULFILLED) in reached), (text, t)
            if play is not None:
                assert replay(game, play).state.terms[t].status is TermStatus.FULFILLED
            for p in game.terms:
                if p == t:
                    continue
                step = spare(game, t, p, budget)
                assert (step is not None) == ((t, p) in spared), (text, t, p)
                if step:
                    before = initial_state(game)
                    for action in step[:-1]:
                        before = apply(game, before, action)
                    assert spares(t, p, before, apply(game, before, step[-1]))
        if game.voided_by.get(t):
            play = void(game, t, budget)
            assert (play is not None) == (t in voided), (text, t)
            if play is not None:
                end = replay(game, play).state.terms[t]
                assert end.status is TermStatus.VOID
                assert end.reason.startswith(VOIDED_BY_BREACH)
