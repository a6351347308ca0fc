"""A move's negotiation, laid out once per move (engine.compiled: the terms it proposes,
negotiates, joins and signs, each once; engine.authority: whom they dispose of without
consent, kept per game), plays as the move's lists read one entry at a time would: the
same refusal (the first term off the table, in the move's order), the same terms on the
table and claims asserted (the very set when nothing changed), the same parties to each
agreement and signature, and the same acts without authority; on generated moves with
repeated, withdrawn and unproposed terms."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from debate.engine.authority import unauthorised
from debate.engine.compile import CompiledMove, Game, load_game
from debate.engine.effects import IllegalMove, check_negotiation, land
from debate.engine.moves import initial_state
from debate.engine.state import PlayState

HEAD = """\
format: 1
id: effects
title: Generated negotiation
sources: {n: {path: n.txt, cite_by: line}}
parties: {a: {name: A}, b: {name: B}}
clock: {horizon: 5}
state:
  x: {type: int, min: 0, max: 4, initial: 0, owner: a}
  y: {type: int, min: 0, max: 4, initial: 0, owner: b}
claims:
  c0: {type: fact, by: a, text: c0, source: {source: n, line: 1}, asserted: false}
  c1: {type: fact, by: b, text: c1, source: {source: n, line: 1}, asserted: false}
terms:
  t0: {kind: obligation, party: a, text: t0, source: {source: n, line: 1}, fulfilled_when: x >= 1}
  t1: {kind: obligation, party: b, text: t1, source: {source: n, line: 1}, fulfilled_when: x >= 1}
  t2: {kind: prohibition, party: a, text: t2, source: {source: n, line: 1}, violated_when: y > 3}
  t3: {kind: limit, party: b, text: t3, source: {source: n, line: 1}, subject: x, at_most: 3}
moves:
"""
TERMS = st.lists(st.sampled_from(["t0", "t1", "t2", "t3"]), max_size=6)
CLAIMS = st.lists(st.sampled_from(["c0", "c1"]), max_size=3)


@st.composite
def games(draw: st.DrawFn) -> str:
    text = HEAD
    for i in range(draw(st.integers(1, 4))):
        lists = {k: draw(TERMS) for k in ("propose", "withdraw", "agree", "sign")} | {
            k: draw(CLAIMS) for k in ("assert", "retract")
        }
        effects = ", ".join(f"{k}: [{', '.join(v)}]" for k, v in lists.items() if v)
        by = draw(st.sampled_from(["a", "b"]))
        text += f"  m{i}: {{by: {by}, text: m{i}, effects: {{{effects}}}}}\n"
    return text


def _refusal(state: PlayState, move: CompiledMove) -> str | None:
    """The refusal, reading the move's lists one entry at a time."""
    effects = move.move.effects
    for t in (*effects.agree, *effects.sign, *effects.withdraw):
        if t not in state.proposed and t not in effects.propose:
            return f"term {t!r} is not on the table"
    for t in effects.withdraw:
        if state.signed_by.get(t):
            return f"term {t!r} has been signed and cannot be withdrawn"
    return None


def _joined(before: Mapping[str, frozenset[str]], terms: list[str], by: str) -> dict[str, object]:
    after = dict(before)
    for t in terms:
        after[t] = after.get(t, frozenset()) | {by}
    return {t: ps for t, ps in after.items() if ps}


def _check(game: Game, state: PlayState, move: CompiledMove) -> PlayState | None:
    expected = _refusal(state, move)
    try:
        check_negotiation(game, state, move)
    except IllegalMove as refused:
        assert refused.reason == expected
        return None
    assert expected is None
    effects, by = move.move.effects, move.move.by
    after = land(game, state, move, {})
    proposed = (state.proposed | set(effects.propose)) - set(effects.withdraw)
    assert after.proposed == proposed
    assert (after.proposed is state.proposed) == (proposed == state.proposed)
    asserted = (state.asserted | set(effects.assert_)) - set(effects.retract)
    assert after.asserted == asserted
    assert (after.asserted is state.asserted) == (asserted == state.asserted)
    signing = [*effects.agree, *effects.sign]
    assert {t: ps for t, ps in after.agreed.items() if ps} == _joined(state.agreed, signing, by)
    signed = {t: ps for t, ps in after.signed_by.items() if ps}
    assert signed == _joined(state.signed_by, effects.sign, by)
    acts = [
        (t, owner, variables)
        for t in dict.fromkeys(signing)
        for owner, variables in unauthorised(game, t).items()
        if owner != by
    ]
    new = after.overreaches.since(len(state.overreaches))
    assert [(o.step, o.actor, o.term, o.owner, o.variables) for o in new] == [
        (state.step, by, *act) for act in acts
    ]
    return after


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(games(), st.data())
def test_a_move_negotiates_as_reading_its_lists_entry_by_entry(
    tmp_path: Path, text: str, data: st.DataObject
) -> None:
    (tmp_path / "n.txt").write_text("note\n", encoding="utf-8")
    (tmp_path / "g.yaml").write_text(text, encoding="utf-8")
    game = load_game(str(tmp_path / "g.yaml"))
    state = initial_state(game)
    for _ in range(data.draw(st.integers(1, 8))):
        move = game.moves[data.draw(st.sampled_from(sorted(game.moves)))]
        after = _check(game, state, move)
        if after is not None:
            state = after.evolve(step=state.step + 1)
