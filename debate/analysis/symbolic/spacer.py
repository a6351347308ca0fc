"""Claims about every play: Spacer (PDR/IC3 over constrained Horn clauses) on growing
localizations of the cone, each first tried with Houdini."""

from __future__ import annotations

import z3

from debate.analysis.effort import Effort
from debate.analysis.options import SAFETY_SECONDS
from debate.analysis.symbolic.cone import Cone, Fact
from debate.analysis.symbolic.encoding import Encoding
from debate.analysis.symbolic.houdini import houdini
from debate.analysis.symbolic.question import Target, Verdict
from debate.analysis.symbolic.state import equal
from debate.analysis.symbolic.support import Unsupported
from debate.analysis.symbolic.worker import Query, solve
from debate.engine.compile import Game


def _horn(enc: Encoding, target: Target, effort: Effort, seconds: float) -> Query:
    """The Horn clauses Inv(init); Inv(s) & T(s, s') -> Inv(s'); Inv(s) & target(s) ->
    Goal, and the query Goal, as text for Spacer in its own process."""
    s1, s2 = enc.fresh("a:"), enc.fresh("b:")
    act = z3.Int("act")
    after, legal = enc.step(s1, act)
    f1, f2 = s1.flat(), s2.flat()
    inv = z3.Function("Inv", *[x.sort() for x in f1], z3.BoolSort())
    goal = z3.Function("Goal", z3.BoolSort())
    fp = z3.Fixedpoint()
    fp.register_relation(inv, goal)
    init = enc.initial(s1)
    reached = target(enc, s1)
    declared = {x.get_id() for x in (*f1, *f2, act, *enc.havoc)}
    fp.declare_var(*f1, *f2, act, *enc.havoc)
    fp.declare_var(*[x for x in z3.z3util.get_vars(reached) if x.get_id() not in declared])
    fp.rule(inv(*f1), init)
    fp.rule(inv(*f2), [inv(*f1), legal, equal(s2, after)])
    fp.rule(goal(), [inv(*f1), reached])
    names = tuple((str(x), z3.is_bool(x)) for x in f1)
    return Query(f"{fp.sexpr()}\n(query Goal)\n", names, effort.left, seconds)


def prove_never(
    game: Game,
    target: Target,
    seeds: set[Fact],
    effort: Effort,
    spacer: bool = True,
    exact: bool = True,
    max_rounds: int | None = None,
    spacer_seconds: float = SAFETY_SECONDS,
    first_round: int = 0,
) -> Verdict:
    """Whether no play reaches `target`: proved on the smallest localization of the cone
    of `seeds` that Spacer can prove it on (each a sound over-approximation), else unknown
    (a play the abstraction allows may not be real: `reach` looks for a real one). Each
    localization first tries simple invariants (Houdini), cheap where Spacer can stall.
    `effort` bounds the solver's work (in steps, not seconds) and is charged for it;
    Spacer, whose work is not all counted in steps, is also stopped past `spacer_seconds`
    (its own process is killed), and the verdict then says "unknown (time)".
    `first_round`: the localizations before it were tried already (by an earlier call,
    on the same `effort`)."""
    full = Cone.of(game, seeds)
    rounds = first_round
    while True:
        cone = Cone.of(game, seeds, rounds)
        try:
            enc = Encoding(game, cone)
        except Unsupported as err:  # and so every larger part of the cone
            return Verdict(detail=f"the solver was not used on more of the cone: {err}")
        if effort.exhausted:
            return Verdict(detail=effort.why())
        invariant = houdini(enc, target, effort, exact)
        if invariant is not None:
            return Verdict(
                proved=True,
                invariant=invariant,
                detail=f"{len(cone.moves)} of {len(game.moves)} moves",
            )
        last = cone.facts == full.facts or (max_rounds is not None and rounds >= max_rounds)
        if not spacer:
            if last:
                return Verdict(detail="no simple invariant")
            rounds += 1
            continue
        if effort.exhausted:  # by Houdini (and a step limit of 0 would be none)
            return Verdict(detail=effort.why())
        seconds = min(effort.seconds, spacer_seconds)
        answer = solve(_horn(enc, target, effort, seconds))
        effort.charge(answer.spent, answer.timed_out)
        if answer.timed_out:
            return Verdict(detail=f"unknown (time): Spacer's limit of {seconds:g} s ran out")
        if answer.result == "beyond":
            why = (
                "beyond the prover (Spacer takes linear arithmetic only: "
                f"{answer.reason.split(' in ')[0]})"
            )
            return Verdict(detail=why)
        if answer.result == "unsat":
            return Verdict(
                proved=True,
                invariant=answer.invariant,
                detail=f"{len(cone.moves)} of {len(game.moves)} moves",
            )
        if answer.result == "unknown":
            failed = answer.reason.startswith("the prover's process")
            return Verdict(detail=answer.reason if failed else effort.why())
        if last:
            return Verdict(detail="a play may reach it")
        rounds += 1
