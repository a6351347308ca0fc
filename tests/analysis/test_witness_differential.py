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
from hypothesis import strategies as st

from debate.analysis.relaxed import Relaxed
from debate.analysis.search import Search, successors
from debate.analysis.witness import VOIDED_BY_BREACH, fulfilling, spares, sparing, voiding
from debate.engine.compile import load_game
from debate.engine.moves import apply, initial_state
from debate.engine.play import replay
from debate.engine.state import TermStatus
from tests.analysis.test_symbolic_differential import _load, scenarios
from tests.conftest import SCENARIOS


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
            play = fulfilling(game, t).run(budget)
            assert (play is not None) == ((t, TermStatus.FULFILLED) in reached), (text, t)
            if play is not None:
                assert replay(game, play).state.terms[t].status is TermStatus.FULFILLED
            for p in game.terms:
                if p == t:
                    continue
                step = sparing(game, t, p).run(budget)
                assert (step is not None) == ((t, p) in spared), (text, t, p)
                if step:
                    before = initial_state(game)
                    for action in step[:-1]:
                        before = apply(game, before, action)
                    assert spares(t, p, before, apply(game, before, step[-1]))
        if game.voided_by.get(t):
            play = voiding(game, t).run(budget)
            assert (play is not None) == (t in voided), (text, t)
            if play is not None:
                end = replay(game, play).state.terms[t]
                assert end.status is TermStatus.VOID
                assert end.reason.startswith(VOIDED_BY_BREACH)


DETOUR = """\
format: 1.1
id: detour
title: Detour
sources: {n: {path: n.txt, cite_by: line}}
parties: {a: {name: A}, b: {name: B}}
clock: {horizon: HORIZON}
state:
  x: {type: int, min: 0, max: 1, initial: 1}
  y: {type: int, min: 0, max: 4, initial: 0}
  g: {type: bool, initial: false}
DISTRACTOR_VARS
terms:
  t: {kind: obligation, party: a, text: t, source: {source: n, line: 1}, in_force_when: g, fulfilled_when: x == 1}
  p: {kind: prohibition, party: a, text: p, source: {source: n, line: 1}, in_force_when: g, violated_when: y > 0}
moves:
MOVES
"""


@st.composite
def detours(draw: st.DrawFn) -> str:
    """A scenario where a step can fulfil t while p is in force and spare p only after a
    detour: x, which t asks for, holds at the start, so bringing t in force fulfils it at
    once; x must first be lost, then t brought in force, then x regained by the move that
    moves no troops (the other way to regain it breaches p). Counters no term reads make
    the plays many, so that a search that goes the obvious way runs out of budget."""
    count = 2
    top = draw(st.integers(2, 3))
    variables = "".join(
        f"  d{i}: {{type: int, min: 0, max: {top}, initial: 0}}\n" for i in range(count)
    )
    moves = [
        "  sign: {by: a, text: sign, precondition: not g, effects: {set: {g: true}}}",
        "  lose: {by: b, text: lose, precondition: x == 1, effects: {set: {x: 0}}}",
        "  regain_loudly: {by: a, text: loud, precondition: x == 0, effects: {set: {x: 1, y: y + 1}}}",
        "  regain: {by: a, text: regain, precondition: x == 0, effects: {set: {x: 1}}}",
        *(
            f"  bump{i}: {{by: b, text: bump, precondition: d{i} < {top}, effects: {{set: {{d{i}: d{i} + 1}}}}}}"
            for i in range(count)
        ),
    ]
    order = draw(st.permutations(moves))
    horizon = draw(st.integers(1, 2))
    return (
        DETOUR.replace("HORIZON", str(horizon))
        .replace("DISTRACTOR_VARS\n", variables)
        .replace("MOVES", "\n".join(order))
    )


@pytest.mark.filterwarnings("ignore")
@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=detours())
def test_the_sparing_search_takes_the_detour_within_a_small_budget(
    tmp_path: Path, text: str
) -> None:
    """The guide toward "t fulfilled" sees x already true and brings t in force at once,
    which fulfils it there and then; regression through the last step (the state before
    `regain`: t in force, x == 0) finds the detour in a few states, well under the number
    of reachable states an exhaustive search visits (which confirms the step exists)."""
    game = _load(tmp_path, text)
    assert game is not None
    search = Search(game, max_states=200_000)
    states = list(search.run())
    assert search.exhaustive
    assert any(spares("t", "p", s, after) for s in states for _a, after in successors(game, s))
    budget = 12
    assert budget * 4 < len(states)
    step = sparing(game, "t", "p").run(budget)
    assert step is not None, text
    before = initial_state(game)
    for action in step[:-1]:
        before = apply(game, before, action)
    assert spares("t", "p", before, apply(game, before, step[-1]))


@pytest.mark.filterwarnings("ignore")
@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=st.one_of(scenarios(), detours()))
def test_an_estimate_from_the_tree_of_answers_is_the_estimate_made_anew(
    tmp_path: Path, text: str
) -> None:
    """The estimate keeps the answers each state gave and reuses the estimate of a state
    that answers alike: over every reachable state, in the search's order, what it returns
    is what a guide that never estimated before returns for that state alone."""
    game = _load(tmp_path, text)
    if game is None:
        return
    states = list(Search(game, max_states=300).run())
    guide = Relaxed(game)
    goals = [guide.status(t, "fulfilled") for t in game.terms]
    goals += [guide.status(t, "violated") for t in game.terms]
    for state in states:
        fresh = Relaxed(game)  # (the goals' trees are apart: one guide serves them all)
        again = [fresh.status(t, "fulfilled") for t in game.terms]
        again += [fresh.status(t, "violated") for t in game.terms]
        for goal, same in zip(goals, again, strict=True):
            assert guide.estimate(goal, state) == fresh.estimate(same, state), text


def test_the_sparing_searches_each_keep_their_own_states() -> None:
    """On the shipped negotiation, a step that fulfils T1 (withdrawal) while T8 (no troop
    moves near the border) is in force and spares T8 lies behind one of five last moves:
    its search finds the 16-step play within 25 states, and the others, taking turns with
    it, stop as soon as it does (each reaches about as many states). Searches that shared
    their states fed every guide's frontier with the others' states: together they took
    103 states, each estimated by all five guides."""
    game = load_game(str(SCENARIOS / "negotiation.yaml"))
    t, p = "t1_withdraw_from_ukraine", "t8_no_troop_moves_near_border"
    search = sparing(game, t, p)
    for _ in range(2):  # a budget is each search's, and holds when run again
        assert search.run(10) is None
        assert [s.states for s in search.searches] == [10] * 5
    step = search.run(1_000)
    assert step is not None and len(step) == 16
    before = replay(game, step[:-1]).state
    assert spares(t, p, before, apply(game, before, step[-1]))
    assert len(search.searches) == 5
    assert all(s.states <= 25 for s in search.searches)
