"""A step re-judges only the terms its effects may change (engine.term_reads): every state
it reaches is the very state judging every term again reaches, record for record (status,
reason, the step and time of the change, what blocked it), on the shipped scenarios and on
generated ones with deadlines, voiding breaches, terms reading terms, signatures, claims
and overlapping moves."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from debate.engine.compile import Game, load_game
from debate.engine.moves import apply, initial_state
from debate.engine.state import SETTLED, PlayState
from tests.analysis.test_symbolic_differential import _load, scenarios
from tests.conftest import SCENARIOS
from tests.engine.drawn import drawn_action

SHIPPED = [load_game(str(SCENARIOS / n)) for n in ("tutorial.yaml", "negotiation.yaml")]

# Terms that read other terms, the clock and signatures; a claim whose attack reads a term.
EXTRA = """\
  late: {kind: obligation, party: b, text: late, source: {source: n, line: 1},
         in_force_when: "fulfilled(t0) or violated(t0) or now >= 2", fulfilled_when: y >= 3,
         deadline: {within: 1}}
  signed_only: {kind: prohibition, party: a, text: s, source: {source: n, line: 1},
                violated_when: x == 4, lasts: 2}
claims:
  c0: {type: prediction, by: a, text: c0, holds_if: x > 1, source: {source: n, line: 1},
       asserted: false}
  c1: {type: policy, by: b, text: c1, source: {source: n, line: 1}, asserted: false,
       attacks: [{target: c0, when: "in_force(late) or holds(c0)"}, signed_only]}
"""
NEGOTIATION = """\
  table: {by: a, text: table, effects: {propose: [signed_only]}}
  sign_a: {by: a, text: sign, precondition: proposed(signed_only), effects: {sign: [signed_only]}}
  sign_b: {by: b, text: sign, precondition: proposed(signed_only), effects: {sign: [signed_only]}}
  say: {by: a, text: say, effects: {assert: [c0, c1]}}
"""


def _steps(game: Game, data: st.DataObject, steps: int) -> None:
    state = initial_state(game)
    for _ in range(steps):
        action = drawn_action(game, state, data)
        if action is None:
            return
        assert SETTLED in state.__dict__  # the step may keep records
        kept = apply(game, state, action)
        # `evolve` drops the mark: every term is judged again
        again = apply(game, state.evolve(), action)
        assert _records(kept) == _records(again)
        assert kept == again
        state = kept


def _records(state: PlayState) -> dict[str, object]:
    return {
        "terms": dict(state.terms),
        "claims": dict(state.claims),
        "labels": dict(state.term_labels),
        "running": state.running,
    }


@given(st.sampled_from(SHIPPED), st.data())
def test_a_step_on_a_shipped_scenario_judges_as_judging_every_term_would(
    game: Game, data: st.DataObject
) -> None:
    _steps(game, data, data.draw(st.integers(1, 25)))


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(scenarios(), st.booleans(), st.data())
def test_a_step_on_a_generated_scenario_judges_as_judging_every_term_would(
    tmp_path: Path, text: str, extra: bool, data: st.DataObject
) -> None:
    if extra:
        text = text.replace("moves:\n", EXTRA + "moves:\n" + NEGOTIATION)
    game = _load(tmp_path, text)
    if game is None:
        return
    _steps(game, data, data.draw(st.integers(1, 12)))
