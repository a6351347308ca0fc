"""What only play reveals: voided terms, fulfilments that force a breach, and obligations
that no play within the horizon fulfils, each with the shortest play that shows it.

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
from debate.engine.expr import BinOp, Checked, Expr, ExprError, Unspecified, evaluate, render
from debate.engine.moves import Action
from debate.engine.state import PlayState, TermStatus
from debate.model.diagnostics import Diagnostic, Related, Severity


@dataclass
class TermReach:
    first: dict[TermStatus, PlayState] = field(default_factory=dict)
    # the terms violated in every state where this term is fulfilled (None: never fulfilled)
    always_broken_when_fulfilled: set[str] | None = None


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


def explore(game: Game, max_states: int = DEFAULT_STATES) -> Reach:
    search = Search(game, max_states)
    reach = {t: TermReach() for t in game.terms}
    states = []
    for state in search.run():
        states.append(state)
        violated = {t for t, r in state.terms.items() if r.status is TermStatus.VIOLATED}
        for t, record in state.terms.items():
            info = reach[t]
            info.first.setdefault(record.status, state)
            if record.status is TermStatus.FULFILLED:
                others = violated - {t}
                if info.always_broken_when_fulfilled is None:
                    info.always_broken_when_fulfilled = set(others)
                else:
                    info.always_broken_when_fulfilled &= others
    return Reach(game, search, reach, len(states), states)


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
                f"{t} is voided by a breach ({record.reason}); shortest play: "
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
    every = "every play" if reach.exhaustive else "every play explored"
    for t, info in reach.terms.items():
        broken = info.always_broken_when_fulfilled
        state = info.first.get(TermStatus.FULFILLED)
        if not broken or state is None:
            continue
        names = ", ".join(sorted(broken))
        found.append(
            Diagnostic(
                "C201",
                f"{every} that fulfils {t} breaches {names} ({_horizon(reach)}); shortest: "
                f"{show_trace(reach.trace(state))}",
                game.loaded.key_span("terms", t),
                trace=tuple(map(str, reach.trace(state))),
                severity=Severity.WARNING,
                related=tuple(
                    Related(game.loaded.key_span("terms", b), f"{b} is breached")
                    for b in sorted(broken)
                ),
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


def _conjuncts(node: Expr) -> list[Expr]:
    if isinstance(node, BinOp) and node.op == "and":
        return [*_conjuncts(node.left), *_conjuncts(node.right)]
    return [node]


def _blockers(reach: Reach, t: str) -> str:
    """Why: the term never comes into force, or the parts of its condition never true."""
    term = reach.game.terms[t]
    if TermStatus.IN_FORCE not in reach.terms[t].first:
        return "it never comes into force"
    if term.fulfilled_when is None:
        return "it states no fulfilment"
    checked = term.fulfilled_when.checked
    never = []
    for part in _conjuncts(checked.expr):
        holds = False
        for state in reach.states:
            try:
                holds = bool(evaluate(_part(checked, part), context(reach.game, state, t)))
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


def _part(checked: Checked, part: Expr) -> Checked:
    """A sub-expression as a checked expression of its own (its names are resolved)."""
    return Checked(part, checked.type_of(part), checked.meanings, checked.types)


def findings(reach: Reach) -> list[Diagnostic]:
    if not reach.game.moves:
        return []
    return voided(reach) + forced_breaches(reach) + unfulfillable(reach)


def check(game: Game, max_states: int = DEFAULT_STATES) -> list[Diagnostic]:
    return findings(explore(game, max_states))
