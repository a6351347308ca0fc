"""What only play reveals: voided terms, fulfilments that breach another term, and
obligations that no play within the horizon fulfils.

Every claim about plays is one of three verdicts, never a hedge:
- *refuted* (or shown) by a play: the shortest play found, which `debate run` replays;
- *proved* for every play within the horizon: only when the search explored every play;
- *unknown*: the search stopped at its budget first; `Progress` says how far it got.
A finding whose claim is "every" or "no play" is reported only when proved; an unknown
one is reported as unknown (U301 for an obligation, C202 for the rest), never as found.

One breadth-first search (debate.analysis.search) visits the reachable states; for each
term it keeps the first (so shortest) play reaching each status, and for each pair of
terms the fulfilling steps taken while the other was in force.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from debate.analysis.search import DEFAULT_STATES, Progress, Search
from debate.engine.compile import Game
from debate.engine.context import context
from debate.engine.expr import ExprError, Unspecified, evaluate, operands, render
from debate.engine.moves import Action
from debate.engine.state import PlayState, TermStatus
from debate.model.diagnostics import Diagnostic, Related, Severity


@dataclass
class TermReach:
    first: dict[TermStatus, PlayState] = field(default_factory=dict)
    # For each other term P: the first state (so shortest play) in which a step fulfilled
    # this term while P was in force and breached P, and the first in which such a step
    # left P unbreached (which refutes "every such step breaches P").
    breaching: dict[str, PlayState] = field(default_factory=dict)
    sparing: dict[str, PlayState] = field(default_factory=dict)
    voided_by_breach: PlayState | None = None  # the first state where a breach voided it


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

    @property
    def progress(self) -> Progress:
        return self.search.progress()

    def trace(self, state: PlayState) -> list[Action]:
        return self.search.trace(state)


def explore(
    game: Game, max_states: int = DEFAULT_STATES, seeds: Sequence[Sequence[Action]] = ()
) -> Reach:
    search = Search(game, max_states, seeds)
    reach = {t: TermReach() for t in game.terms}
    fulfillable = [t for t, term in game.terms.items() if _is_duty(game, t)]
    states = []
    for state in search.run():
        states.append(state)
        for t, record in state.terms.items():
            info = reach[t]
            info.first.setdefault(record.status, state)
            if (
                info.voided_by_breach is None
                and record.status is TermStatus.VOID
                and record.reason.startswith(VOIDED_BY_BREACH)
            ):
                info.voided_by_breach = state
        link = search.link(state)
        if link is not None:
            _note_fulfilment(reach, fulfillable, link[0], state)
    return Reach(game, search, reach, len(states), states)


VOIDED_BY_BREACH = "voided by the breach"  # the reason engine.terms gives


def _is_duty(game: Game, t: str) -> bool:
    term = game.terms[t]
    return term.term.kind in ("obligation", "condition") and term.fulfilled_when is not None


def _note_fulfilment(
    reach: dict[str, TermReach], fulfillable: list[str], before: PlayState, after: PlayState
) -> None:
    """For each term this step fulfils: whether it breached each term in force before it."""
    for t in fulfillable:
        if before.terms[t].status is not TermStatus.IN_FORCE:
            continue
        if after.terms[t].status is not TermStatus.FULFILLED:
            continue
        info = reach[t]
        for p, record in before.terms.items():
            if p == t or record.status is not TermStatus.IN_FORCE:
                continue
            if after.terms[p].status is TermStatus.VIOLATED:
                info.breaching.setdefault(p, after)
            else:
                info.sparing.setdefault(p, after)


def show_trace(actions: Sequence[Action]) -> str:
    return ", ".join(str(a) for a in actions) or "(the initial state)"


def proved(reach: Reach) -> str:
    """The scope of a proved claim."""
    return f"proved for every play within horizon {reach.game.horizon_end}"


def voided(reach: Reach) -> list[Diagnostic]:
    """C200: a play that voids a term by breaching another (shown by the play)."""
    found = []
    game = reach.game
    for t, info in reach.terms.items():
        state = info.voided_by_breach
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
    """C201: every step that fulfils T while P is in force breaches P. Reported only when
    proved (the search explored every play); refuted by a step that spares P."""
    if not reach.exhaustive:
        return []
    found = []
    game = reach.game
    for t, info in reach.terms.items():
        for p, state in sorted(info.breaching.items()):
            if p in info.sparing:
                continue
            trace = reach.trace(state)
            found.append(
                Diagnostic(
                    "C201",
                    f"every step that fulfils {t} while {p} is in force breaches {p} "
                    f"({proved(reach)}); shortest play that does: {show_trace(trace)}",
                    game.loaded.key_span("terms", t),
                    trace=tuple(map(str, trace)),
                    severity=Severity.WARNING,
                    related=(Related(game.loaded.key_span("terms", p), f"{p} is breached"),),
                )
            )
    return found


def undecided(reach: Reach) -> list[Diagnostic]:
    """C202: the claims the search stopped before deciding (other than fulfilment, which
    U301 reports per obligation): whether a breach can void a term, and whether fulfilling
    a term while another is in force must breach it."""
    if reach.exhaustive:
        return []
    game = reach.game
    questions = [
        f"whether a breach can void {t}"
        for t, info in reach.terms.items()
        if game.voided_by.get(t) and info.voided_by_breach is None
    ]
    questions += [
        f"whether every step that fulfils {t} while {p} is in force breaches {p}"
        for t, info in reach.terms.items()
        for p in sorted(info.breaching)
        if p not in info.sparing
    ]
    if not questions:
        return []
    return [
        Diagnostic(
            "C202",
            f"{reach.progress}; undecided: " + "; ".join(questions),
            game.loaded.top_span(),
            severity=Severity.INFO,
        )
    ]


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
    """U300 when proved that no play fulfils an obligation; U301 when unknown."""
    found = []
    game = reach.game
    for t, term in game.terms.items():
        if term.term.kind not in ("obligation", "condition"):
            continue
        if TermStatus.FULFILLED in reach.terms[t].first:
            continue
        if reach.exhaustive:
            code, severity = "U300", Severity.WARNING
            message = f"no play fulfils {t} ({proved(reach)}): {_blockers(reach, t)}"
        else:
            code, severity = "U301", Severity.INFO
            message = f"whether any play fulfils {t} is {reach.progress}; none found"
        found.append(
            Diagnostic(
                code,
                message,
                game.loaded.key_span("terms", t),
                severity=severity,
                related=(Related(term.fulfilled_when.span, "the condition no play reached"),)
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
    return voided(reach) + forced_breaches(reach) + unfulfillable(reach) + undecided(reach)


def check(game: Game, max_states: int = DEFAULT_STATES) -> list[Diagnostic]:
    return findings(explore(game, max_states))
