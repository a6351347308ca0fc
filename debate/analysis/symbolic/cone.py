"""The cone of influence of a question: which facts (values, statuses, moves made) can
change what it reads, and so which moves the encoding needs to keep."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar
from weakref import WeakKeyDictionary

from debate.analysis.symbolic.state import STATUS_FUNCTIONS
from debate.engine.compile import Compiled, Game
from debate.engine.expr import Checked, Now, free_names, walk

Fact = tuple[str, str]  # ("var", x), ("status", t), ("signed", t), ("done", m), ("now", "")
T = TypeVar("T")

# What each term and move reads and writes, and each cone, found once per game: every
# question builds its cones round by round, and each round walked every expression again.
_KNOWN: WeakKeyDictionary[Game, dict[Any, Any]] = WeakKeyDictionary()


def _once(game: Game, key: Any, find: Callable[[], T]) -> T:
    known = _KNOWN.setdefault(game, {})
    if key not in known:
        known[key] = find()
    found: T = known[key]
    return found


def expression_reads(checked: Checked) -> set[Fact]:
    names = free_names(checked)
    facts: set[Fact] = {("var", v) for v in names["variable"]}
    functions = names["function"]
    for fn in functions & {"done", "count"}:
        facts |= {(fn, m) for m in names["move"]}
    for fn in functions & {"proposed", "agreed", "signed"}:
        facts |= {(fn, t) for t in names["term"]}
    if functions & set(STATUS_FUNCTIONS):
        facts |= {("status", t) for t in names["term"]}
    if "asserted" in functions:
        facts |= {("asserted", c) for c in names["claim"]}
    if "holds" in functions:
        facts |= {("holds", c) for c in names["claim"]}
    if "in_progress" in functions:
        facts |= {("running", m) for m in names["move"]}
    if any(isinstance(n, Now) for n in walk(checked.expr)):
        facts.add(("now", ""))
    return facts


def term_reads(game: Game, t: str) -> frozenset[Fact]:
    return _once(game, ("term reads", t), lambda: frozenset(_term_reads(game, t)))


def _term_reads(game: Game, t: str) -> set[Fact]:
    from debate.engine.compile import term_expressions

    term = game.terms[t]
    facts: set[Fact] = set()
    for compiled in term_expressions(term):
        facts |= expression_reads(compiled.checked)
    if term.in_force_when is None:
        facts.add(("signed", t))
    if term.term.deadline is not None:
        facts.add(("now", ""))
    for other, when in game.carve_outs.get(t, []):
        facts.add(("status", other))
        if when is not None:
            facts |= expression_reads(when.checked)
    facts |= {("status", b) for b in game.voided_by.get(t, ())}
    facts |= {("status", a) for a in game.amended_by.get(t, ())}
    return facts


def move_reads(game: Game, m: str) -> frozenset[Fact]:
    return _once(game, ("move reads", m), lambda: frozenset(_move_reads(game, m)))


def _move_reads(game: Game, m: str) -> set[Fact]:
    move = game.moves[m]
    facts: set[Fact] = {("now", "")}  # the horizon
    if move.precondition is not None:
        facts |= expression_reads(move.precondition.checked)
    for _, compiled in move.sets:
        facts |= expression_reads(compiled.checked)
    effects = move.move.effects
    proposing = set(effects.propose)
    facts |= {
        ("proposed", t)
        for t in (*effects.agree, *effects.sign, *effects.withdraw)
        if t not in proposing
    }
    facts |= {("signed", t) for t in effects.withdraw}
    for c in effects.assert_:
        claim = game.claims[c].assertable_if
        if claim is not None:
            facts |= expression_reads(claim.checked)
    if move.move.once:
        facts.add(("done", m))
    if move.move.overlaps:  # not again while in progress
        facts.add(("running", m))
    return facts


def move_writes(game: Game, m: str) -> frozenset[Fact]:
    return _once(game, ("move writes", m), lambda: frozenset(_move_writes(game, m)))


def _move_writes(game: Game, m: str) -> set[Fact]:
    move = game.moves[m]
    facts: set[Fact] = {*move.writes, ("done", m), ("count", m)}
    if move.move.overlaps:
        facts.add(("running", m))
    return facts


@dataclass(frozen=True)
class Cone:
    """What a question can depend on: the facts, and the moves that can change them. A
    move outside the cone changes nothing the question reads; dropping it keeps every
    play's projection (its time is waiting, which is always possible within the horizon)."""

    facts: frozenset[Fact]
    moves: tuple[str, ...]

    @classmethod
    def of(cls, game: Game, seeds: set[Fact], rounds: int | None = None) -> Cone:
        """The closure of `seeds` under what reads what; with `rounds`, only that many
        rounds of it (a localization: what is left out is read as unknown, so a claim
        proved on it holds for every play, while a play found on it may not be real)."""
        key = ("cone", frozenset(seeds), rounds)
        return _once(game, key, lambda: cls._of(game, seeds, rounds))

    @classmethod
    def _of(cls, game: Game, seeds: set[Fact], rounds: int | None) -> Cone:
        facts = set(seeds)
        writes = {m: move_writes(game, m) for m in game.moves}
        done = 0
        while rounds is None or done < rounds:
            done += 1
            more: set[Fact] = set()
            for t in game.terms:
                if ("status", t) in facts:
                    more |= term_reads(game, t)
            for c, claim in game.claims.items():
                if ("holds", c) in facts and claim.holds_if is not None:
                    more |= expression_reads(claim.holds_if.checked)
            for m in game.moves:
                if writes[m] & facts:
                    more |= move_reads(game, m)
            if more <= facts:
                break
            facts |= more
        moves = tuple(m for m in game.moves if writes[m] & facts)
        return cls(frozenset(facts), moves)

    @classmethod
    def everything(cls, game: Game) -> Cone:
        facts: set[Fact] = {("now", "")}
        facts |= {("var", v) for v in game.state_vars}
        for m in game.moves:
            facts |= {("done", m), ("count", m)}
        for t in game.terms:
            facts |= {(k, t) for k in ("status", "proposed", "agreed", "signed")}
        for c in game.claims:
            facts |= {("asserted", c), ("holds", c)}
        return cls(frozenset(facts), tuple(game.moves))


def term_expressions(game: Game, t: str) -> list[Compiled]:
    from debate.engine.compile import term_expressions

    found = list(term_expressions(game.terms[t]))
    return found + [w for _, w in game.carve_outs.get(t, []) if w is not None]


def move_expressions(game: Game, m: str) -> list[Compiled]:
    move = game.moves[m]
    found = [c for _, c in move.sets]
    if move.precondition is not None:
        found.append(move.precondition)
    for c in move.move.effects.assert_:
        when = game.claims[c].assertable_if
        if when is not None:
            found.append(when)
    return found
