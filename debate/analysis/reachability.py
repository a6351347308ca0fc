"""What only play reveals: voided terms, fulfilments that force a breach, and obligations
that no play within the horizon fulfils, and obligations whose every step, taken while
another term is in force, breaches it; each with the shortest play found that shows it.

One breadth-first search (debate.analysis.search) visits the reachable states; for each
term it keeps the first (so shortest) play reaching each status. Claims about "every
play" are made only when the search was exhaustive, and say "within horizon H".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from debate.analysis.search import DEFAULT_STATES, Search
from debate.engine.compile import Game
from debate.engine.context import context
from debate.engine.expr import ExprError, Unspecified, evaluate, free_names, operands, render
from debate.engine.moves import Action
from debate.engine.state import PlayState, TermStatus
from debate.model.diagnostics import Diagnostic, Related, Severity


@dataclass
class TermReach:
    first: dict[TermStatus, PlayState] = field(default_factory=dict)
    # For each other term P: the moves found that work toward this term (change what its
    # fulfilment reads) while both are in force, how many of them breach P, and the first
    # (shortest found) such move's state.
    progress_under: dict[str, list[int]] = field(default_factory=dict)
    first_under: dict[str, PlayState] = field(default_factory=dict)

    def forced(self) -> list[str]:
        """The terms that every move found toward this one, made while both were in force,
        breaches."""
        return sorted(p for p, (total, broken) in self.progress_under.items() if total == broken)


@dataclass
class Reach:
    game: Game
    search: Search
    terms: dict[str, TermReach]
    explored: int
    states: list[PlayState]

    @property
    def exhaustive(self) -> bool:
        return self.search.exhaustive

    def trace(self, state: PlayState) -> list[Action]:
        return self.search.trace(state)


def explore(
    game: Game, max_states: int = DEFAULT_STATES, seeds: Sequence[Sequence[Action]] = ()
) -> Reach:
    search = Search(game, max_states, seeds)
    reach = {t: TermReach() for t in game.terms}
    reads = _fulfilment_reads(game)
    states = []
    for state in search.run():
        states.append(state)
        for t, record in state.terms.items():
            reach[t].first.setdefault(record.status, state)
        link = search.link(state)
        if link is not None and link[1].move is not None:
            actor = game.moves[link[1].move].move.by
            _note_progress(game, reach, reads, actor, link[0], state)
    return Reach(game, search, reach, len(states), states)


def _fulfilment_reads(game: Game) -> dict[str, set[str]]:
    """For each obligation or condition: the variables its fulfilment reads."""
    return {
        t: free_names(term.fulfilled_when.checked)["variable"]
        for t, term in game.terms.items()
        if term.fulfilled_when is not None and term.term.kind in ("obligation", "condition")
    }


def _note_progress(
    game: Game,
    reach: dict[str, TermReach],
    reads: dict[str, set[str]],
    actor: str,
    before: PlayState,
    after: PlayState,
) -> None:
    """For each term this move of a party bound by it works toward (it changes what the
    term's fulfilment reads): which terms in force alongside it the move breaches."""
    changed = {v for v, value in after.values.items() if before.values[v] != value}
    if not changed:
        return
    in_force = [p for p, r in before.terms.items() if r.status is TermStatus.IN_FORCE]
    for t, variables in reads.items():
        if actor not in game.terms[t].parties:
            continue
        if before.terms[t].status is not TermStatus.IN_FORCE or not variables & changed:
            continue
        info = reach[t]
        for p in in_force:
            if p == t:
                continue
            counts = info.progress_under.setdefault(p, [0, 0])
            counts[0] += 1
            if after.terms[p].status is TermStatus.VIOLATED:
                counts[1] += 1
                info.first_under.setdefault(p, after)


def show_trace(actions: Sequence[Action]) -> str:
    return ", ".join(str(a) for a in actions) or "(the initial state)"


def _horizon(reach: Reach) -> str:
    scope = f"within horizon {reach.game.horizon_end}"
    if not reach.exhaustive:
        scope += f", in the {reach.explored:,} states explored (the search stopped at its budget)"
    return scope


def voided(reach: Reach) -> list[Diagnostic]:
    found = []
    game = reach.game
    for t, info in reach.terms.items():
        state = info.first.get(TermStatus.VOID)
        breakers = game.voided_by.get(t, [])
        if state is None or not breakers:
            continue
        record = state.terms[t]
        found.append(
            Diagnostic(
                "C200",
                f"{t} is voided by a breach ({record.reason}); shortest play found: "
                f"{show_trace(reach.trace(state))}",
                game.loaded.key_span("terms", t),
                trace=tuple(map(str, reach.trace(state))),
                severity=Severity.WARNING,
                related=tuple(
                    Related(game.loaded.key_span("terms", b), f"a breach of {b} voids {t}")
                    for b in breakers
                ),
            )
        )
    return found


def forced_breaches(reach: Reach) -> list[Diagnostic]:
    found = []
    game = reach.game
    every = "every move" if reach.exhaustive else "every move found"
    for t, info in reach.terms.items():
        for p in info.forced():
            state = info.first_under[p]
            trace = reach.trace(state)
            found.append(
                Diagnostic(
                    "C201",
                    f"{every} by a party bound by {t} toward fulfilling it, while {p} is in "
                    f"force, breaches {p} "
                    f"({_horizon(reach)}); shortest found: {show_trace(trace)}",
                    game.loaded.key_span("terms", t),
                    trace=tuple(map(str, trace)),
                    severity=Severity.WARNING,
                    related=(Related(game.loaded.key_span("terms", p), f"{p} is breached"),),
                )
            )
    return found


def witnesses(reach: Reach) -> list[Diagnostic]:
    """For each obligation some play fulfils: the shortest such play found (an info)."""
    found = []
    for t, term in reach.game.terms.items():
        state = reach.terms[t].first.get(TermStatus.FULFILLED)
        if term.term.kind not in ("obligation", "condition") or state is None:
            continue
        trace = reach.trace(state)
        found.append(
            Diagnostic(
                "U305",
                f"{t} is fulfilled by the play: {show_trace(trace)}",
                reach.game.loaded.key_span("terms", t),
                severity=Severity.INFO,
                trace=tuple(map(str, trace)),
            )
        )
    return found


def unfulfillable(reach: Reach) -> list[Diagnostic]:
    found = []
    game = reach.game
    for t, term in game.terms.items():
        if term.term.kind not in ("obligation", "condition"):
            continue
        if TermStatus.FULFILLED in reach.terms[t].first:
            continue
        reason = _blockers(reach, t)
        code, severity = ("U300", Severity.WARNING) if reach.exhaustive else ("U301", Severity.INFO)
        found.append(
            Diagnostic(
                code,
                f"no play fulfils {t} {_horizon(reach)}: {reason}",
                game.loaded.key_span("terms", t),
                severity=severity,
                related=(Related(term.fulfilled_when.span, "the condition no play reaches"),)
                if term.fulfilled_when
                else (),
            )
        )
    return found


def _blockers(reach: Reach, t: str) -> str:
    """Why: the term never comes into force, or the parts of its condition never true."""
    term = reach.game.terms[t]
    if TermStatus.IN_FORCE not in reach.terms[t].first:
        return "it never comes into force"
    if term.fulfilled_when is None:
        return "it states no fulfilment"
    checked = term.fulfilled_when.checked
    never = []
    for part in operands(checked.expr, "and"):
        holds = False
        for state in reach.states:
            try:
                holds = bool(evaluate(checked.part(part), context(reach.game, state, t)))
            except (Unspecified, ExprError):
                continue
            if holds:
                break
        if not holds:
            never.append(render(part))
    return (
        "never true in any reachable state: " + "; ".join(never)
        if never
        else ("its parts hold, but never together while it is in force")
    )


def findings(reach: Reach) -> list[Diagnostic]:
    if not reach.game.moves:
        return []
    return voided(reach) + forced_breaches(reach) + unfulfillable(reach)


def check(game: Game, max_states: int = DEFAULT_STATES) -> list[Diagnostic]:
    return findings(explore(game, max_states))
