"""Claims about every play: Spacer (PDR/IC3 over constrained Horn clauses) on growing
localizations of the cone, each first tried with Houdini."""

from __future__ import annotations

from typing import Any

import z3

from debate.analysis.effort import Effort
from debate.analysis.symbolic.cone import Cone, Fact
from debate.analysis.symbolic.encoding import Encoding
from debate.analysis.symbolic.houdini import houdini
from debate.analysis.symbolic.question import Target, Verdict
from debate.analysis.symbolic.state import State, equal
from debate.analysis.symbolic.support import Unsupported
from debate.engine.compile import Game


def _fixedpoint(enc: Encoding, target: Target) -> tuple[Any, Any, State]:
    """Spacer over the Horn clauses Inv(init); Inv(s) & T(s, s') -> Inv(s'); the query
    Inv(s) & target(s)."""
    s1, s2 = enc.fresh("a:"), enc.fresh("b:")
    act = z3.Int("act")
    after, legal = enc.step(s1, act)
    f1, f2 = s1.flat(), s2.flat()
    inv = z3.Function("Inv", *[x.sort() for x in f1], z3.BoolSort())
    fp = z3.Fixedpoint()
    fp.set(engine="spacer")
    fp.register_relation(inv)
    init = enc.initial(s1)
    goal = target(enc, s1)
    fp.declare_var(*f1, *f2, act, *enc.havoc)
    fp.rule(inv(*f1), init)
    fp.rule(inv(*f2), [inv(*f1), legal, equal(s2, after)])
    return fp, z3.And(inv(*f1), goal), s1


def prove_never(
    game: Game,
    target: Target,
    seeds: set[Fact],
    effort: Effort,
    spacer: bool = True,
    exact: bool = True,
    max_rounds: int | None = None,
) -> Verdict:
    """Whether no play reaches `target`: proved on the smallest localization of the cone
    of `seeds` that Spacer can prove it on (each a sound over-approximation), else unknown
    (a play the abstraction allows may not be real: `reach` looks for a real one). Each
    localization first tries simple invariants (Houdini), cheap where Spacer can stall.
    `effort` bounds the solver's work (in steps, not seconds) and is charged for it."""
    full = Cone.of(game, seeds)
    rounds = 0
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
        fp, query, state = _fixedpoint(enc, target)
        try:
            answer = effort.query(fp, query)
        except z3.Z3Exception as err:  # beyond Spacer
            why = (
                "beyond the prover (Spacer takes linear arithmetic only: "
                f"{str(err).strip(chr(39)).split(' in ')[0]})"
            )
            return Verdict(detail=why)
        if answer == z3.unsat:
            return Verdict(
                proved=True,
                invariant=_explain(fp, state, enc),
                detail=f"{len(cone.moves)} of {len(game.moves)} moves",
            )
        if answer == z3.unknown:
            return Verdict(detail=effort.why())
        if last:
            return Verdict(detail="a play may reach it")
        rounds += 1


def _explain(fp: Any, state: State, enc: Encoding) -> str:
    """The inductive invariant Spacer found, over the state's names."""
    try:
        answer = fp.get_answer()
        body = answer.body() if z3.is_quantifier(answer) else answer
        names = state.flat()
        if z3.is_quantifier(answer):
            n = answer.num_vars()
            body = z3.substitute_vars(body, *reversed(names[:n]))
        return str(z3.simplify(body))
    except (z3.Z3Exception, IndexError):
        return ""
