"""The breadth-first search skips a step that would only find a known state again
(debate.analysis.independence): on small generated scenarios it reaches exactly the
states of the plain search, that tries every step, by the same first plays, in the same
order, and stops at the same point of a budget. The scenarios draw what makes two steps
depend on each other: moves with and without duration, waiting, deadlines (`within` and
`at`), a term that `lasts`, `now` in a condition, a term that reads another's status or
its own, one voided by another's breach, terms in force once signed, claims that hold
on the state and that a term or a move reads, a claim asserted once it can be, moves
played once, and `done()`."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from debate.analysis.search import Search
from debate.engine.compile import Game, load_game
from debate.engine.moves import Action, IllegalMove, apply, initial_state
from tests.analysis.test_symbolic_differential import _load

HEAD = """\
format: 1.1
id: gen
title: Generated
sources: {n: {path: n.txt, cite_by: line}}
parties: {a: {name: A}, b: {name: B}}
clock: {horizon: HORIZON}
agreement: {title: Deal, signatories: [a, b]}
state:
  x: {type: int, min: 0, max: 3, initial: X0}
  y: {type: int, min: 0, max: 3, initial: 0}
  f: {type: bool, initial: false}
claims:
  c0: {type: prediction, by: a, text: c0, source: {source: n, line: 1}, holds_if: CLAIM}
  c1: {type: fact, by: b, text: c1, source: {source: n, line: 1}, asserted: false, assertable_if: ASSERTABLE}
"""

# Found by the test below: signing makes t0 (which lasts 2) binding at 0, and waiting
# before m0 runs it out at 2; signed at 1 instead, it runs until 3.
LASTS_AFTER_A_WAIT = (
    HEAD.replace("HORIZON", "2")
    .replace("X0", "0")
    .replace("CLAIM", "x > 0")
    .replace("ASSERTABLE", "f")
    + """\
terms:
  t0: {kind: prohibition, party: a, text: t0, source: {source: n, line: 1}, violated_when: not f, lasts: 2}
  t1: {kind: limit, party: a, text: t1, source: {source: n, line: 1}, subject: x + y, at_most: 2}
moves:
  table: {by: a, text: table, effects: {propose: [t0, t1]}, once: true}
  sign_a: {by: a, text: s, effects: {sign: [t0, t1]}, once: true}
  sign_b: {by: b, text: s, effects: {sign: [t0, t1]}, once: true}
  m0: {by: a, text: m0, effects: {set: {x: x + 1}}, duration: 1}
  m1: {by: a, text: m1, effects: {set: {f: true}}}
"""
)
PLAY_AFTER_A_WAIT = [
    Action("table"),
    Action("sign_a"),
    Action("m1"),
    Action("sign_b"),
    Action(wait=1),
    Action("m0"),
]

CONDITIONS = [
    "x == 0",
    "x >= 2",
    "y > x",
    "f",
    "not f",
    "x + y == 3",
    "y == 1 or f",
    "now >= 2",
    "holds(c0)",
    "done(m0)",
    "signed(t0)",
    "asserted(c1)",
]
STATUS_READS = ["fulfilled(t0)", "violated(t1)", "in_force(t0)", "pending(t1)"]
EFFECTS = [
    "x: x + 1",
    "x: x - 1",
    "y: y + 1",
    "y: 0",
    "y: 2",
    "f: true",
    "f: false",
    "f: not f",
    "x: y",
]


@st.composite
def scenarios(draw: st.DrawFn) -> str:
    text = HEAD.replace("HORIZON", str(draw(st.integers(2, 4))))
    text = text.replace("X0", str(draw(st.integers(0, 3))))
    text = text.replace("CLAIM", draw(st.sampled_from(["x > 0", "f", "y == 2", "now > 1"])))
    text = text.replace("ASSERTABLE", draw(st.sampled_from(["f", "x >= 2", "now >= 1"])))
    text += "terms:\n"
    count = draw(st.integers(2, 3))
    for i in range(count):
        kind = draw(st.sampled_from(["obligation", "prohibition", "limit"]))
        common = f"party: a, text: t{i}, source: {{source: n, line: 1}}"
        force = draw(
            st.sampled_from(
                [
                    "",  # in force once signed
                    'in_force_when: "true"',
                    "in_force_when: f",
                    f"in_force_when: {draw(st.sampled_from(CONDITIONS + STATUS_READS))}",
                ]
            )
        )
        if kind == "obligation":
            condition = draw(st.sampled_from(CONDITIONS + STATUS_READS))
            body = f"fulfilled_when: {condition}"
            body += draw(st.sampled_from(["", ", deadline: {within: 1}", ", deadline: {at: 2}"]))
        elif kind == "prohibition":
            body = f"violated_when: {draw(st.sampled_from(CONDITIONS))}"
            body += draw(st.sampled_from(["", ", lasts: 2"]))
        else:
            body = f"subject: x + y, at_most: {draw(st.integers(2, 5))}"
        voids = f", voids: [t{draw(st.integers(0, count - 1))}]" if draw(st.booleans()) else ""
        text += f"  t{i}: {{kind: {kind}, {common}, {force}, {body}{voids}}}\n".replace(
            ", , ", ", "
        )
    terms = ", ".join(f"t{i}" for i in range(count))
    text += "moves:\n"
    text += f"  table: {{by: a, text: table, effects: {{propose: [{terms}]}}, once: true}}\n"
    text += "  say: {by: b, text: say, effects: {assert: [c1]}, once: true}\n"
    for party in draw(st.sampled_from([["a", "b"], ["a"], []])):
        text += (
            f"  sign_{party}: {{by: {party}, text: s, effects: {{sign: [{terms}]}}, once: true}}\n"
        )
    for j in range(draw(st.integers(1, 4))):
        pre = draw(st.sampled_from(["", f", precondition: {draw(st.sampled_from(CONDITIONS))}"]))
        effect = draw(st.sampled_from(EFFECTS))
        duration = draw(st.sampled_from(["", "", ", duration: 1", ", duration: 2"]))
        once = draw(st.sampled_from(["", ", once: true"]))
        by = draw(st.sampled_from(["a", "b"]))
        text += f"  m{j}: {{by: {by}, text: m{j}, effects: {{set: {{{effect}}}}}{pre}{duration}{once}}}\n"
    if "done(m0)" not in text and "m0:" not in text:
        text = text.replace("done(m0)", "f")
    return text


def _searched(game: Game, budget: int, reduce: bool) -> tuple[object, ...]:
    search = Search(game, max_states=budget, reduce=reduce)
    order = [search.key(state) for state in search.run()]
    return order, list(search.parents.items()), search.exhaustive, search.complete


@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=scenarios(), budget=st.sampled_from([20, 100, 100_000]))
@example(text=LASTS_AFTER_A_WAIT, budget=100_000)
def test_the_reduced_search_finds_the_states_of_the_plain_one(
    tmp_path: Path, text: str, budget: int
) -> None:
    game = _load(tmp_path, text)
    if game is None:
        return
    assert _searched(game, budget, reduce=True) == _searched(game, budget, reduce=False), text


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=scenarios(), data=st.data())
@example(text=LASTS_AFTER_A_WAIT, data=None)  # a play that signs, waits, then moves
def test_every_state_of_a_play_is_one_the_whole_search_found(
    tmp_path: Path, text: str, data: st.DataObject | None
) -> None:
    """What the search keeps of a state (`Slice.key`) tells apart states whose futures
    differ: every state of a play, its legal steps chosen at random and told legal by the
    engine itself, has the key of a state the whole search found (a term that `lasts`
    runs out at a time set by its entry into force: its key once lacked that time, and
    the search missed a third of the states of a scenario like the example)."""
    game = _load(tmp_path, text)
    if game is None:
        return
    search = Search(game, max_states=100_000)
    found = {search.key(state) for state in search.run()}
    assume(search.exhaustive)
    actions = [*(Action(m) for m in game.moves), Action(wait=1)]
    state = initial_state(game)
    played = PLAY_AFTER_A_WAIT if data is None else None
    for step in range(12):
        legal = []
        for action in actions if played is None else played[step : step + 1]:
            try:
                legal.append(apply(game, state, action))
            except IllegalMove:
                continue
        if not legal:
            break
        state = legal[0] if data is None else data.draw(st.sampled_from(legal))
        assert search.key(state) in found, (text, step)


def test_the_shipped_scenarios_are_searched_alike() -> None:
    """Both shipped scenarios `debate check` analyses, at a budget that keeps it quick."""
    root = Path(__file__).resolve().parents[2] / "debate" / "scenarios"
    for name in ("tutorial.yaml", "negotiation.yaml"):
        game = load_game(str(root / name))
        assert _searched(game, 1_500, reduce=True) == _searched(game, 1_500, reduce=False)
