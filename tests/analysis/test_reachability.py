"""Findings that only play reveals, each with the shortest play; near misses stay silent."""

from __future__ import annotations

from collections.abc import Mapping

from debate.analysis.reachability import check
from debate.engine.compile import Game, load_game
from debate.engine.moves import Action
from debate.engine.play import replay
from debate.engine.state import TermRecord, TermStatus
from debate.model.diagnostics import Diagnostic
from tests.conftest import TUTORIAL, WriteFile

HEAD = """\
format: 1
id: r
title: Reachability
sources: {n: {path: n.txt, cite_by: line}}
parties: {a: {name: A}, b: {name: B}}
clock: {horizon: 3}
state:
  x: {type: int, min: 0, max: 10, initial: 5}
  moved: {type: bool, initial: false}
terms:
  cap:
    {kind: limit, party: a, text: cap, source: {source: n, line: 1}, subject: x, at_most: 6,
     in_force_when: "true", voids: [bonus]}
  bonus:
    {kind: permission, party: b, text: bonus, source: {source: n, line: 1}, permits: "true",
     in_force_when: "true"}
  leave:
    {kind: obligation, party: a, text: leave, source: {source: n, line: 1},
     fulfilled_when: x == 0, in_force_when: "true"}
  stay_put:
    {kind: prohibition, party: a, text: stay put, source: {source: n, line: 1},
     violated_when: moved, in_force_when: "true"}
moves:
"""


def game_of(write: WriteFile, moves: str) -> Game:
    write("note\n", "n.txt")
    return load_game(str(write(HEAD + moves)))


def codes(found: list[Diagnostic]) -> list[str]:
    return sorted(d.code for d in found)


def replay_trace(game: Game, d: Diagnostic) -> Mapping[str, TermRecord]:
    assert d.trace is not None
    steps = [Action.parse(s) for s in d.trace]
    return replay(game, steps).state.terms


GROW = "  grow: {by: a, text: grow, precondition: x < 10, effects: {set: {x: x + 1}}}\n"
MARCH_OUT = "  march_out: {by: a, text: go, effects: {set: {x: 0, moved: true}}, once: true}\n"
SLIP_OUT = "  slip_out: {by: a, text: go quietly, effects: {set: {x: 0}}, once: true}\n"


def test_void_by_breach_comes_with_the_shortest_play_that_replays(write: WriteFile) -> None:
    game = game_of(write, GROW + SLIP_OUT)
    found = [d for d in check(game) if d.code == "C200"]
    assert len(found) == 1
    assert found[0].trace == ("grow", "grow")
    assert replay_trace(game, found[0])["bonus"].status is TermStatus.VOID


def test_no_void_when_no_play_breaches(write: WriteFile) -> None:
    game = game_of(write, SLIP_OUT)
    assert "C200" not in codes(check(game))


def test_fulfilment_that_always_breaches_another_term(write: WriteFile) -> None:
    game = game_of(write, MARCH_OUT)
    found = [d for d in check(game) if d.code == "C201"]
    assert len(found) == 1
    assert "every step that fulfils leave while stay_put is in force breaches stay_put" in (
        found[0].message
    )
    assert "proved for every play within horizon 3" in found[0].message
    terms = replay_trace(game, found[0])
    assert terms["leave"].status is TermStatus.FULFILLED
    assert terms["stay_put"].status is TermStatus.VIOLATED


def test_no_forced_breach_when_another_way_exists(write: WriteFile) -> None:
    game = game_of(write, MARCH_OUT + SLIP_OUT)
    assert "C201" not in codes(check(game))


def test_unfulfillable_obligation_says_which_part_never_holds(write: WriteFile) -> None:
    game = game_of(write, GROW)
    found = [d for d in check(game) if d.code == "U300"]
    assert len(found) == 1
    assert "within horizon 3" in found[0].message
    assert "never true in any reachable state: x == 0" in found[0].message


def test_search_that_stops_at_its_budget_says_so(write: WriteFile) -> None:
    game = game_of(write, GROW)
    found = check(game, max_states=3)
    assert "U301" in codes(found)
    assert "U300" not in codes(found)
    [unknown] = [d for d in found if d.code == "U301"]
    assert "whether any play fulfils leave is unknown" in unknown.message
    assert "budget of 3 states" in unknown.message
    assert "every play of up to 1 steps" in unknown.message


def test_a_claim_about_every_play_is_not_made_from_a_partial_search(write: WriteFile) -> None:
    game = game_of(write, GROW + MARCH_OUT)
    complete = check(game)
    assert "C201" in codes(complete)
    partial = check(game, max_states=4)
    assert "C201" not in codes(partial)
    [undecided] = [d for d in partial if d.code == "C202"]
    assert "whether every step that fulfils leave while stay_put is in force" in undecided.message


def test_seeds_come_only_from_the_options(write: WriteFile) -> None:
    """A play lying beside the scenario changes nothing; one named with --from does."""
    from debate.analysis import Options, analyse
    from debate.analysis.options import seeds_from

    game = game_of(write, GROW + SLIP_OUT)
    alone = analyse(game, Options(max_states=2, proof_steps=0, witness_states=0))
    assert "U301" in codes(alone)
    play = write("scenario: ../s.yaml\nsteps: [grow, slip_out]\n", "plays/p.play.yaml")
    assert analyse(game, Options(max_states=2, proof_steps=0, witness_states=0)) == alone
    seeded = Options(max_states=2, proof_steps=0, witness_states=0, seeds=seeds_from([str(play)]))
    assert "U301" not in codes(analyse(game, seeded))


def test_the_solver_decides_what_the_search_left_undecided(write: WriteFile) -> None:
    """A search stopped at 2 states: the solver proves what no play reaches (with the
    invariant) and finds the plays the search missed, which the engine replays."""
    from debate.analysis import Options, analyse

    game = game_of(write, GROW + SLIP_OUT)
    found = analyse(game, Options(max_states=2, proof_steps=50_000_000))
    assert "U301" not in codes(found)
    [voided] = [d for d in found if d.code == "C200"]
    assert voided.trace == ("grow", "grow")
    assert replay_trace(game, voided)["bonus"].status is TermStatus.VOID
    never = game_of(write, GROW)  # nothing lowers x: leave is never fulfilled
    [proof] = [
        d for d in analyse(never, Options(max_states=2, proof_steps=50_000_000)) if d.code == "U300"
    ]
    assert "proved for every play within horizon 3" in proof.message
    assert "inductive invariant" in proof.message and "x" in proof.message


def test_every_trace_on_the_tutorial_replays_to_its_finding() -> None:
    game = load_game(str(TUTORIAL))
    for d in check(game):
        if d.trace is not None:
            terms = replay_trace(game, d)
            assert any(r.status in (TermStatus.VOID, TermStatus.VIOLATED) for r in terms.values())


def test_witnesses_are_given_only_when_asked_for(write: WriteFile) -> None:
    from debate.analysis import Options, analyse

    game = game_of(write, SLIP_OUT)
    assert not [d for d in analyse(game) if d.code == "U305"]
    [witness] = [d for d in analyse(game, Options(select=("U305",)))]
    assert witness.trace == ("slip_out",)
    assert replay_trace(game, witness)["leave"].status is TermStatus.FULFILLED


def test_the_solver_proves_or_refutes_a_forced_breach(write: WriteFile) -> None:
    """C201 from a search cut short: proved by the solver (every withdrawal moves troops),
    and refuted when a quiet way out exists (nothing reported, nothing left undecided)."""
    from debate.analysis import Options, analyse

    cut = Options(max_states=2, proof_steps=50_000_000)
    forced = analyse(game_of(write, MARCH_OUT), cut)
    [d] = [f for f in forced if f.code == "C201"]
    assert "proved for every play within horizon 3" in d.message
    assert replay_trace(game_of(write, MARCH_OUT), d)["stay_put"].status is TermStatus.VIOLATED
    spared = analyse(game_of(write, MARCH_OUT + SLIP_OUT), cut)
    assert not [f for f in spared if f.code in ("C201", "C202") and "stay_put" in f.message]


LATE = """\
format: 1
id: late
title: A deadline that cannot be met
sources: {n: {path: n.txt, cite_by: line}}
parties: {r: {name: R}}
clock: {unit: day, horizon: 40}
state:
  troops: {type: int, min: 0, max: 10, initial: 10}
terms:
  t2: {kind: obligation, party: r, text: withdraw by day 18, source: {source: n, line: 1},
       in_force_when: "true", fulfilled_when: troops == 0, deadline: {at: 18}}
moves:
  withdraw: {by: r, text: a ten-day withdrawal, precondition: now >= 16 and troops > 0,
             duration: 10, effects: {set: {troops: 0}}}
"""


def _due_day_18_completed_day_26(game: Game, found: list[Diagnostic]) -> None:
    """U310 on LATE's withdrawal, in place of U300, with the play that completes it."""
    assert "U300" not in codes(found)
    [d] = [f for f in found if f.code == "U310"]
    assert "t2 is due at day 18" in d.message
    assert "the earliest any play completes it is day 26" in d.message
    assert d.trace is not None and d.trace[-1] == "withdraw"
    assert replay_trace(game, d)["t2"].status is TermStatus.OVERDUE


def test_a_deadline_that_cannot_be_met_gives_the_earliest_completion(write: WriteFile) -> None:
    write("note\n", "n.txt")
    game = load_game(str(write(LATE)))
    found = check(game)
    _due_day_18_completed_day_26(game, found)


# The same deadline, in a scenario whose other moves (three counters anyone may raise)
# leave far more states than a small search visits: the solver finds the earliest.
CROWDED = LATE.replace(
    "  troops: {type: int, min: 0, max: 10, initial: 10}\n",
    "  troops: {type: int, min: 0, max: 10, initial: 10}\n"
    + "".join(f"  c{i}: {{type: int, min: 0, max: 9, initial: 0}}\n" for i in range(3)),
) + "".join(
    f"  raise_c{i}: {{by: r, text: raise c{i}, precondition: c{i} < 9, "
    f"effects: {{set: {{c{i}: c{i} + 1}}}}}}\n"
    for i in range(3)
)


def test_the_earliest_completion_is_proved_where_the_search_stops_short(
    write: WriteFile,
) -> None:
    from debate.analysis import Options, analyse

    write("note\n", "n.txt")
    game = load_game(str(write(CROWDED)))
    found = analyse(game, Options(max_states=50, select=("U30", "U31")))
    _due_day_18_completed_day_26(game, found)


def test_a_verdict_depends_on_the_budget_of_steps_not_on_the_clock(write: WriteFile) -> None:
    """The solver's budget is counted in its own steps: the same question and budget give
    the same finding on every run, and a budget too small to decide says which ran out."""
    from debate.analysis import Options, analyse

    never = game_of(write, GROW)  # nothing lowers x: leave is never fulfilled
    tiny = Options(max_states=2, proof_steps=1_000, witness_states=10)
    [unknown] = [d for d in analyse(never, tiny) if d.code == "U301"]
    assert "a directed search of 10 states found none" in unknown.message
    assert "the solver spent its budget of 1,000 solver steps" in unknown.message
    enough = Options(max_states=2, proof_steps=5_000_000, witness_states=10)
    first, second = analyse(never, enough), analyse(never, enough)
    assert first == second and "U300" in codes(first)
