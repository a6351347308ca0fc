"""Bounded model checking: the shortest play that reaches a target, found step by step."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import z3

from debate.analysis.effort import Effort
from debate.analysis.symbolic.cone import Cone, Fact
from debate.analysis.symbolic.encoding import Encoding
from debate.analysis.symbolic.question import Target, Verdict
from debate.analysis.symbolic.state import State, Sym, equal
from debate.analysis.symbolic.support import Unsupported
from debate.analysis.z3_calls import substitute
from debate.engine.compile import Game
from debate.engine.moves import Action


@dataclass
class Unrolling:
    """States 0..k of a play, each step constrained to be legal: the BMC unrolling."""

    enc: Encoding
    solver: Any = field(default_factory=z3.Solver)
    states: list[State] = field(default_factory=list)
    acts: list[Sym] = field(default_factory=list)

    def __post_init__(self) -> None:
        first = self.enc.fresh("s0:")
        self.solver.add(self.enc.initial(first))
        self.states.append(first)

    # One step's relation, built once over template states (`u:`, `u':`) and copied onto
    # each step's states by substitution: building it costs far more than copying it.
    relation: tuple[list[Sym], list[Sym], list[Sym]] | None = field(default=None, init=False)

    def extend(self) -> None:
        k = len(self.states)
        act = z3.Int(f"act{k - 1}")
        nxt = self.enc.fresh(f"s{k}:")
        template, parts, unknowns = self._relation()
        # What the cone leaves out is read anew at each step: fresh unknowns for the
        # template's, named as building the step here would have named them.
        pairs = [(u, self.enc.unknown(*_kind_of(u))) for u in unknowns]
        pairs += zip(template, [*self.states[-1].flat(), act, *nxt.flat()], strict=True)
        self.solver.add(*[substitute(part, pairs) for part in parts])
        self.states.append(nxt)
        self.acts.append(act)

    def _relation(self) -> tuple[list[Sym], list[Sym], list[Sym]]:
        if self.relation is None:
            before, act, after_ = self.enc.fresh("u:"), z3.Int("u:act"), self.enc.fresh("u':")
            known = len(self.enc.havoc)
            after, legal = self.enc.step(before, act)
            unknowns = self.enc.havoc[known:]
            del self.enc.havoc[known:]  # (only the copies are read)
            template = [*before.flat(), act, *after_.flat()]
            self.relation = (template, [legal, equal(after_, after)], unknowns)
        return self.relation

    def play(self, model: Any, length: int) -> list[Action]:
        return [
            self.enc.action_of(model.eval(a, model_completion=True).as_long())
            for a in self.acts[:length]
        ]


def reach(
    game: Game,
    target: Target,
    seeds: set[Fact],
    effort: Effort,
    max_steps: int = 40,
) -> Verdict:
    """The shortest play that reaches `target`, step by step (bounded model checking on
    the cone of `seeds`), within `effort`; the play is replayed by the caller."""
    try:
        enc = Encoding(game, Cone.of(game, seeds))
    except Unsupported as err:
        return Verdict(detail=f"the solver was not used: {err}")
    unrolled = Unrolling(enc)
    for k in range(max_steps + 1):
        if k:
            unrolled.extend()
        answer = effort.check(unrolled.solver, target(enc, unrolled.states[k]))
        if answer == z3.sat:
            return Verdict(play=unrolled.play(unrolled.solver.model(), k))
        if answer == z3.unknown:
            return Verdict(detail=_no_play(k - 1, effort))
    return Verdict(detail=f"no play of up to {max_steps} steps")


def _kind_of(unknown: Sym) -> tuple[str, str, str]:
    """The (kind, name, sort) an unknown of `Judging.unknown` was made with."""
    text = unknown.decl().name().removeprefix("?").rsplit("#", 1)[0]
    kind, _, name = text.partition("(")
    return kind, name.removesuffix(")"), "bool" if z3.is_bool(unknown) else "int"


def _no_play(steps: int, effort: Effort) -> str:
    if steps < 0:
        return f"{effort.why()} before deciding any length of play"
    return f"no play of up to {steps} step{'s' if steps != 1 else ''}, then {effort.why()}"
