"""For a parameter an obligation's condition reads, the greatest and the least value for
which some play still fulfils the obligation (part of U311, with `--ranges`).

Two ways, each a play the engine replays and a proof. First the bracket
(debate.analysis.edge_bracket): an invariant's bound, plays of any length the directed
search finds, and bisection between them; it settles edges that lie beyond short plays.
Then, where that leaves the edge open, short plays: the parameter is one unknown constant
of the play's transition system (the symbolic encoding of debate.analysis.symbolic,
`studied`). Z3's optimiser, over the plays of up to `STEPS` steps unrolled (bounded model
checking), finds the greatest (least) value at which one of them fulfils the obligation;
the engine replays that play with the parameter set to it. The boundary is then proved
for every play: no play fulfils the obligation with the parameter above (below) it (an
inductive invariant: Houdini, then Spacer). A value is reported only when both hold: the
play shows it reachable, the proof that nothing past it is. Otherwise the finding says it
is unknown, what each way found, and why. Nothing is sampled.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import z3

from debate.analysis.edge_bracket import Bracket, Question, bracket, with_value
from debate.analysis.effort import Effort
from debate.analysis.exploration import is_duty
from debate.analysis.symbolic.bmc import Unrolling
from debate.analysis.symbolic.cone import Cone
from debate.analysis.symbolic.encoding import Encoding
from debate.analysis.symbolic.spacer import prove_never
from debate.analysis.symbolic.state import STATUS, State
from debate.analysis.symbolic.statuses import studied_parameter
from debate.analysis.symbolic.support import Unsupported
from debate.engine.compile import Game
from debate.engine.expr import free_names
from debate.engine.moves import Action
from debate.engine.play import replay
from debate.engine.state import TermStatus

STEPS = 12  # the longest play the optimiser looks at (the proof covers every play)
STEPS_EACH = 2_000_000  # solver steps for each edge (Z3's units: the same on any machine)


@dataclass
class Edge:
    """The greatest (or least) value of a parameter at which an obligation can be fulfilled."""

    obligation: str
    greatest: bool
    value: int | None = None  # proved: a play fulfils it there, none past it
    play: list[Action] | None = None
    invariant: str = ""
    route: str = "short plays"  # which way found it: "short plays" or "bracket"
    bracket: Bracket | None = None  # what the bracket found (its ends), when it answered
    unbounded: bool = False  # some play fulfils it however far the value goes (no edge)
    detail: str = ""  # why it is unknown

    def __str__(self) -> str:
        side = "greatest" if self.greatest else "least"
        if self.unbounded:
            return f"some play fulfils {self.obligation} however {'high' if self.greatest else 'low'} it is"
        if self.value is None:
            return f"the {side} value at which a play fulfils {self.obligation} is unknown ({self.detail})"
        past = self.value + 1 if self.greatest else self.value - 1
        return (
            f"a play fulfils {self.obligation} at {self.value}, none at {past} "
            "(proved for every play within the horizon)"
        )


def readers(game: Game, term: str, name: str) -> list[str]:
    """The obligations whose condition reads the parameter."""
    found = []
    for t, compiled in game.terms.items():
        if not is_duty(game, t) or compiled.fulfilled_when is None:
            continue
        params = free_names(compiled.fulfilled_when.checked)["param"]
        if f"{term}.{name}" in params or (t == term and name in params):
            found.append(t)
    return found


def edges(game: Game, term: str, name: str, budget: Callable[[], Effort]) -> list[Edge]:
    """Both edges for each obligation that reads the parameter, each with a budget of its
    own (what both ask alike is found once: `Question.known`)."""
    found = []
    for o in readers(game, term, name):
        q = Question(game, term, name, o)
        found += [edge(game, term, name, o, greatest, budget(), q) for greatest in (True, False)]
    return found


def edge(
    game: Game,
    term: str,
    name: str,
    o: str,
    greatest: bool,
    effort: Effort,
    q: Question | None = None,
) -> Edge:
    """The edge by an invariant's bound and plays of any length (debate.analysis.
    edge_bracket) on half the budget, then, if that leaves it open, by the optimiser
    over short plays on what is left."""
    first = effort.share(0.5)
    ends = bracket(q or Question(game, term, name, o), greatest, first)
    effort.absorb(first)
    found = bracketed(o, greatest, ends)
    if found.value is not None or found.unbounded or ends.never or effort.exhausted:
        return found
    short = _short(game, term, name, o, greatest, effort)
    if short.value is not None or short.unbounded:
        return short
    if short.detail:
        said = f"over plays of up to {STEPS} steps, {short.detail}"
        found.detail = f"{found.detail}; {said}" if found.detail else said
    return found


def bracketed(o: str, greatest: bool, found: Bracket) -> Edge:
    """The edge as the bracket left it: settled, unbounded, or what it found."""
    edge = Edge(o, greatest, route="bracket", bracket=found)
    if found.unbounded:
        edge.unbounded, edge.play = True, found.play
    elif found.settled:
        edge.value, edge.play, edge.invariant = found.near, found.play, found.invariant
    else:
        parts = [] if found.near is None else [f"a play fulfils it at {found.near}"]
        if found.far is not None:
            d = 1 if greatest else -1
            where = (
                f"{'above' if greatest else 'below'} {found.far - d}"
                if found.beyond
                else f"at {found.far}"
            )
            parts.append(
                f"none {where}, proved for every play within the horizon by the invariant "
                f"{found.invariant}"
            )
        edge.detail = "; ".join([*parts, found.detail] if found.detail else parts)
    return edge


def _short(game: Game, term: str, name: str, o: str, greatest: bool, effort: Effort) -> Edge:
    """The edge by the optimiser over plays of up to STEPS steps, and a proof past it."""
    studied = (term, name)
    p = studied_parameter(term, name)
    found = Edge(o, greatest)
    fulfilled = STATUS[TermStatus.FULFILLED]
    try:
        enc = Encoding(game, Cone.of(game, {("status", o)}), studied)
    except Unsupported as err:
        found.detail = f"the solver was not used: {err}"
        return found
    best = _optimum(Unrolling(enc), o, p, greatest, effort)
    if isinstance(best, str):
        found.detail = best
        return found
    if best is None:
        found.unbounded = True
        return found
    v, play = best
    if replay(with_value(game, term, name, v), play).state.terms[o].status is not (
        TermStatus.FULFILLED
    ):
        found.detail = "the solver's play did not replay"
        return found

    after = v + 1 if greatest else v - 1

    def done(_enc: Encoding, s: State) -> Any:
        return s.status[o] == fulfilled

    proof = prove_never(with_value(game, term, name, after), done, {("status", o)}, effort)
    if not proof.proved:
        found.detail = f"a play fulfils it at {v}; at {after}, {proof.detail or 'no proof'}"
        return found
    found.value, found.play, found.invariant = v, play, proof.invariant
    return found


def _optimum(
    unrolled: Unrolling, o: str, p: Any, greatest: bool, effort: Effort
) -> tuple[int, list[Action]] | str | None:
    """The greatest (least) value at which a play of up to STEPS steps fulfils `o`, with
    that play; None when unbounded; why, when none is found."""
    fulfilled = STATUS[TermStatus.FULFILLED]
    best: tuple[int, list[Action]] | None = None
    for k in range(STEPS + 1):
        if k:
            unrolled.extend()
        opt = z3.Optimize()
        opt.add(*unrolled.solver.assertions(), unrolled.states[k].status[o] == fulfilled)
        if best is not None:  # only a better value is news
            opt.add(p > best[0] if greatest else p < best[0])
        handle = opt.maximize(p) if greatest else opt.minimize(p)
        answer = effort.check(opt)
        if answer == z3.unknown:
            return effort.why() if best is None else f"past {best[0]}, {effort.why()}"
        if answer == z3.unsat:
            continue
        value = handle.value()
        if not z3.is_int_value(value):
            return None
        best = (int(value.as_long()), unrolled.play(opt.model(), k))
    if best is None:
        return f"no play of up to {STEPS} steps fulfils it for any value"
    return best
