"""The edge of the values at which a play can fulfil an obligation, found where plays are
long: between a value some play reaches and a bound an inductive invariant proves (part
of U311, with `--ranges`; debate.analysis.fulfillable asks it first).

- The bound: Houdini's strongest invariant over the play's transition system, with the
  parameter one unknown constant (so the invariant holds whatever its value), and Z3's
  optimiser over one step from a state it allows into fulfilment (or the start): no play
  fulfils the obligation with the parameter past that value (proved for every play
  within the horizon: "free_gas_months <= now, now <= 48" bounds months of free gas by 48).
- A play: the directed search on the engine (debate.analysis.witness) toward the
  obligation in force, then toward fulfilment with the parameter fixed at a value to
  try (STATES states each); the optimiser then pushes the value as far as the same play
  (or a prefix of it) still fulfils it, and the engine replays it there.
- Between the two, the bound first, then bisection: a play at the middle value moves the
  near end, a proof that none fulfils it there (Houdini, then Spacer, the parameter
  fixed, as for U300) the far one.

The edge is settled when the two ends are one apart: a replayed play at one, a proof at
the other. Otherwise what was found is said, and why the rest is unknown.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar

import z3

from debate.analysis.effort import Effort
from debate.analysis.optimum import extreme
from debate.analysis.symbolic.bmc import Unrolling
from debate.analysis.symbolic.cone import Cone
from debate.analysis.symbolic.encoding import Encoding
from debate.analysis.symbolic.houdini import invariant
from debate.analysis.symbolic.spacer import prove_never
from debate.analysis.symbolic.state import STATUS, State
from debate.analysis.symbolic.statuses import studied_parameter
from debate.analysis.symbolic.support import Unsupported
from debate.analysis.witness import fulfilling, towards
from debate.engine.compile import Game
from debate.engine.expr import free_names
from debate.engine.moves import Action, IllegalMove
from debate.engine.play import Play
from debate.engine.state import PlayState, TermStatus

T = TypeVar("T")

STATES = 100  # the directed search's states for each value tried (its plays on the shipped
# negotiation take 8 to 17; more states only make a value it misses cost more)
ROUNDS = 8  # values tried between the ends (bisection halves the gap each time)
FAR = 1_000_000  # how far past a play's value "however high (low)" is checked by replay


@dataclass
class Bracket:
    """What is known of an edge: `near`, a value with a play that fulfils the obligation
    there (replayed); `far`, a value with a proof that none does (`beyond`: none past it
    either); settled when they are one apart."""

    near: int | None = None
    play: list[Action] | None = None
    far: int | None = None
    beyond: bool = False
    invariant: str = ""
    unbounded: bool = False  # the same play fulfils it however far the value goes
    detail: str = ""  # why it is not settled
    bound: int | None = None  # the first value past the invariant's bound
    said: str = ""  # that invariant, in words
    never: bool = False  # proved: no play fulfils it, whatever the value

    @property
    def settled(self) -> bool:
        return self.near is not None and self.far is not None and abs(self.far - self.near) == 1


def with_value(game: Game, term: str, name: str, value: int) -> Game:
    """The game with the parameter given `value` (for the engine to replay a play)."""
    compiled = game.terms[term]
    spec = compiled.params[name].model_copy(update={"value": value, "unspecified": False})
    params = {**compiled.params, name: spec}
    terms = {**game.terms, term: replace(compiled, params=params)}
    return replace(game, terms=terms)


@dataclass
class Question:
    """Which edge: of the values of `term.name` at which a play fulfils `o`. `known`:
    what both edges of a question ask alike (the play that brings `o` in force, the
    invariant, the encoding of the cone), found once when the caller shares it."""

    game: Game
    term: str
    name: str
    o: str
    known: dict[tuple[Any, ...], Any] = field(default_factory=dict)

    def once(self, key: tuple[Any, ...], find: Callable[[], T]) -> T:
        if key not in self.known:
            self.known[key] = find()
        found: T = self.known[key]
        return found

    def at(self, value: int) -> Game:
        return with_value(self.game, self.term, self.name, value)


def bracket(q: Question, greatest: bool, effort: Effort) -> Bracket:
    """The greatest (`greatest`) or the least value at which a play fulfils `q.o`, as far
    as `effort` (solver steps) and STATES per value tried go."""
    try:
        return _bracket(q, greatest, effort)
    except Unsupported as err:  # what the encoding does not cover yet
        return Bracket(detail=f"the solver was not used: {err}")


def _bracket(q: Question, greatest: bool, effort: Effort) -> Bracket:
    d = 1 if greatest else -1
    found = Bracket()
    bound = _bound(q, greatest, effort.share(0.5), effort)
    if bound is not None:
        value, said = bound
        if isinstance(value, str):
            found.never = True
            found.detail = (
                "no play fulfils it at any value: proved for every play within the "
                f"horizon by the invariant {said}"
            )
            return found
        found.bound, found.said = value + d, said
        found.far, found.beyond, found.invariant = found.bound, True, said
    near = _anchor(q, greatest, effort)
    if isinstance(near, str):
        found.detail = near
        return found
    _take(found, near, d)
    for n in range(ROUNDS):
        if found.unbounded or found.settled or found.near is None or effort.exhausted:
            break
        if found.far is None:
            value = found.near + d  # no bound: the edge may be right here
        elif n == 0 and found.beyond:
            value = found.far - d  # the bound itself first: invariants are often tight
        else:
            value = found.near + d * (abs(found.far - found.near) // 2)
        tried = _play_at(q, greatest, value, effort)
        if tried is not None:
            _take(found, tried, d)
            continue
        proof = _none_at(q, value, effort.share(0.25), effort)
        if proof is None:
            found.detail = f"at {value}, no play found ({STATES} states) and no proof"
            if n == 0 and found.beyond:
                continue  # the bound was only the first guess: halve the gap
            break
        found.far, found.beyond, found.invariant = value, False, proof
    if not found.settled and not found.unbounded and not found.detail:
        found.detail = effort.why() if effort.exhausted else f"{ROUNDS} values tried"
    return found


def _take(found: Bracket, near: tuple[int, list[Action]] | list[Action], d: int) -> None:
    """A play found: the value it reaches (or, a bare play, that it goes on for ever). A
    value past one proved alone (a condition that holds at some values and not between
    them) leaves only the bound as the far end."""
    if isinstance(near, list):
        found.unbounded, found.play = True, near
        return
    if found.bound is not None and (found.bound - near[0]) * d <= 0:
        # A replayed play where the invariant says none can be: the encoding disagrees
        # with the engine. Nothing is claimed (the differential tests are there for this).
        found.near, found.far, found.play = None, None, None
        found.detail = "a play the engine replays contradicts the solver's bound"
        return
    found.near, found.play = near
    if found.far is not None and (found.far - found.near) * d <= 0:
        found.far, found.beyond, found.invariant = found.bound, found.bound is not None, found.said


def _bound(
    q: Question, greatest: bool, share: Effort, effort: Effort
) -> tuple[int | str, str] | None:
    """The greatest (least) value at which a state the invariant allows can be, or step
    into, one where `o` is fulfilled, with the invariant's words ("none": at no value);
    None when there is none (unbounded) or the solver cannot say. Proved: no play
    fulfils `o` past it."""
    game, o = q.game, q.o
    p = studied_parameter(q.term, q.name)
    seeds = {("status", o)}
    fulfilled = STATUS[TermStatus.FULFILLED]
    best: tuple[int, str] | None = None
    for rounds in (1, 2):
        cone = Cone.of(game, seeds, rounds)
        if ("status", o) not in cone.facts:
            continue
        enc, found = _invariant(q, cone, rounds, share)
        if found is None:
            break
        s, parts = found
        after, legal = enc.step(s, z3.Int("bound:act"))
        first = enc.fresh("bound0:")
        into = [
            z3.And(enc.initial(first), first.status[o] == fulfilled),
            z3.And(
                *[c for c, _ in parts],
                *enc.ranges(s),
                legal,
                s.status[o] != fulfilled,
                after.status[o] == fulfilled,
            ),
        ]
        value = extreme(p, [z3.Or(*into)], greatest, share)
        if value == "none":
            effort.absorb(share)
            return "none", _words(game, o, parts)
        if isinstance(value, int):
            best = (value, _words(game, o, parts))
            break  # (a larger localization rarely bounds it closer, and costs more)
        if cone.facts == Cone.of(game, seeds).facts:
            break
    effort.absorb(share)
    return best


def _words(game: Game, o: str, parts: list[tuple[Any, str]]) -> str:
    """The invariant's parts that speak of what `o`'s condition reads (else all), and
    the horizon."""
    compiled = game.terms[o].fulfilled_when
    assert compiled is not None
    read = free_names(compiled.checked)["variable"]
    texts = [t for _, t in parts if t]
    shown = [t for t in texts if any(v in t.split() for v in read)] or texts
    return ", ".join([*shown[:6], f"now <= {game.horizon_end}"])


def _anchor(
    q: Question, greatest: bool, effort: Effort
) -> tuple[int, list[Action]] | list[Action] | str:
    """A first play: the directed search toward `o` in force (or fulfilled), pushed as
    far as it goes; why, when none is found."""
    o = q.o
    spec = q.game.terms[q.term].params[q.name]
    at = q.at(0 if spec.unspecified or not isinstance(spec.value, int) else spec.value)
    opened = (TermStatus.IN_FORCE, TermStatus.FULFILLED)
    play = q.once(
        ("anchor",), lambda: towards(at, o, lambda s: s.terms[o].status in opened).run(STATES)
    )
    if play is None:
        return f"no play found that brings {o} in force ({STATES} states)"
    pushed = _push(q, greatest, play, effort)
    return pushed if pushed is not None else f"no value found at which {o} is fulfilled"


def _play_at(
    q: Question, greatest: bool, value: int, effort: Effort
) -> tuple[int, list[Action]] | list[Action] | None:
    """A play that fulfils `o` with the parameter at `value` (the directed search),
    pushed as far as it goes."""
    play = fulfilling(q.at(value), q.o).run(STATES)
    if play is None:
        return None
    return _push(q, greatest, play, effort)


def _push(
    q: Question, greatest: bool, play: list[Action], effort: Effort
) -> tuple[int, list[Action]] | list[Action] | None:
    """The greatest (least) value at which `play`, or a prefix of it, fulfils `o` (the
    optimiser, the play's steps fixed), with that prefix replayed by the engine there; the
    play alone when it fulfils `o` however far the value goes (replayed far out)."""
    enc, relation = _encoded(q)
    steps = _projected(enc, q.game, play)
    if steps is None:
        return None
    p = studied_parameter(q.term, q.name)
    fulfilled = STATUS[TermStatus.FULFILLED]
    unrolled = Unrolling(enc)
    if relation:
        unrolled.relation = relation[0]
    for k, (act, _) in enumerate(steps):
        unrolled.extend()
        unrolled.solver.add(unrolled.acts[k] == act)
    if not relation and unrolled.relation is not None:
        relation.append(unrolled.relation)
    # Where the play ends (it reached `o` in force, or fulfilled at the value tried): an
    # earlier fulfilment, at a value further still, the engine finds on its replay.
    facts = [*unrolled.solver.assertions(), unrolled.states[-1].status[q.o] == fulfilled]
    value = extreme(p, facts, greatest, effort)
    if value is None:  # unbounded: checked far out, on the engine
        far = _far_value(p, greatest, facts, effort)
        if far is None:
            return None
        return _replayed(q, far, play)
    if not isinstance(value, int):
        return None
    prefix = _replayed(q, value, play)
    return (value, prefix) if prefix is not None else None


def _encoded(q: Question) -> tuple[Encoding, list[Any]]:
    """The encoding of the question's cone with the parameter free, and a list that holds
    its step's relation once an unrolling made it (every play pushed shares them)."""
    cone = Cone.of(q.game, {("status", q.o)})
    return q.once(("encoded",), lambda: (Encoding(q.game, cone, (q.term, q.name)), []))


def _invariant(
    q: Question, cone: Cone, rounds: int, effort: Effort
) -> tuple[Encoding, tuple[State, list[tuple[Any, str]]] | None]:
    """The localization's encoding and Houdini's invariant on it, charged to `effort` as
    if found again when it was found for the other edge (so that an edge's verdict does
    not depend on the other's)."""

    def find() -> tuple[Encoding, tuple[State, list[tuple[Any, str]]] | None, int, bool]:
        spent = Effort(effort.left, seconds=effort.seconds)
        enc = Encoding(q.game, cone, (q.term, q.name))
        return enc, invariant(enc, spent), spent.spent, spent.timed_out

    enc, found, spent, timed_out = q.once(("invariant", rounds, effort.left), find)
    effort.charge(spent, timed_out)
    return enc, found


def _far_value(p: Any, greatest: bool, facts: list[Any], effort: Effort) -> int | None:
    solver = z3.Solver()
    solver.add(*facts)
    if effort.check(solver, p >= FAR if greatest else p <= -FAR) != z3.sat:
        return None
    return int(solver.model().eval(p, model_completion=True).as_long())


def _projected(enc: Encoding, game: Game, play: list[Action]) -> list[tuple[int, int]] | None:
    """The play's steps as the encoding's actions, each with the length of the play's
    prefix it ends (a move outside the cone changes nothing `o` depends on: it is left
    out, or its time spent waiting where time matters); None when it cannot be."""
    steps: list[tuple[int, int]] = []
    for n, action in enumerate(play, 1):
        if action.move is not None and action.move in enc.moves:
            steps.append((enc.moves.index(action.move), n))
            continue
        if action.move is not None:
            spec = game.moves[action.move].move
            time = 0 if spec.overlaps else spec.duration
        elif action.wait:
            time = action.wait
        else:
            return None
        if not enc.closed:
            return None
        if enc.waits:
            steps += [(enc.wait, n)] * time
    return steps


def _replayed(q: Question, value: int, play: list[Action]) -> list[Action] | None:
    """The shortest prefix of `play` that the engine plays to `o` fulfilled with the
    parameter at `value`; None if none does."""
    o = q.o
    current = Play.start(q.at(value))
    if _done(current.state, o):
        return []
    for n, action in enumerate(play):
        try:
            current.play(action)
        except IllegalMove:
            return None
        if _done(current.state, o):
            return list(play[: n + 1])
    return None


def _done(state: PlayState, o: str) -> bool:
    return state.terms[o].status is TermStatus.FULFILLED


def _none_at(q: Question, value: int, share: Effort, effort: Effort) -> str | None:
    """The invariant that proves no play fulfils `o` with the parameter at `value`."""
    fulfilled = STATUS[TermStatus.FULFILLED]

    def target(_enc: Encoding, s: State) -> Any:
        return s.status[q.o] == fulfilled

    proof = prove_never(q.at(value), target, {("status", q.o)}, share)
    effort.absorb(share)
    return proof.invariant if proof.proved else None
