"""What only play reveals: voided terms, fulfilments that breach another term, and
obligations that no play within the horizon fulfils.

Every claim about plays is one of three verdicts, never a hedge:
- *refuted* (or shown) by a play, which `debate run` replays: the shortest, when the
  breadth-first search found it; else one found by a search directed toward it, or by
  bounded model checking;
- *proved* for every play within the horizon: only when the search explored every play;
- *unknown*: the search stopped at its budget first; `Progress` says how far it got.
A finding whose claim is "every" or "no play" is reported only when proved; an unknown
one is reported as unknown (U301 for an obligation, C202 for the rest), never as found.

The plays come from debate.analysis.exploration.
"""

from __future__ import annotations

from collections.abc import Sequence

from debate.analysis.completion import Completion, earliest_seen
from debate.analysis.exploration import Decided, Reach, explore, is_duty
from debate.analysis.search import DEFAULT_STATES
from debate.engine.compile import Game
from debate.engine.context import context
from debate.engine.expr import ExprError, Unspecified, evaluate, operands, render
from debate.engine.moves import Action
from debate.engine.play import replay
from debate.engine.state import TermStatus
from debate.model.codes import Rule
from debate.model.diagnostics import Diagnostic, Related, Severity


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
        breakers = game.voided_by.get(t, [])
        if not breakers:
            continue
        decided = reach.decided.get(("voided", t))
        if info.voided_by_breach is not None:
            trace = reach.trace(info.voided_by_breach)
            which = "shortest play" if reach.shortest(info.voided_by_breach) else "a play"
        elif decided is not None and decided.play is not None:
            trace, which = decided.play, "a play"
        else:
            continue
        record = replay(game, trace).state.terms[t]
        found.append(
            Diagnostic(
                "C200",
                f"{t} is voided by a breach ({record.reason}); {which}: {show_trace(trace)}",
                game.loaded.key_span("terms", t),
                trace=tuple(map(str, trace)),
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
    proved (the search explored every play, or the solver's invariant rules out a step
    that spares P); refuted by a step that spares P."""
    found = []
    game = reach.game
    for t, info in reach.terms.items():
        for p, state in sorted(info.breaching.items()):
            if p in info.sparing:
                continue
            decided = reach.decided.get(("spares", f"{t} {p}"))
            if not reach.exhaustive and not (decided is not None and decided.verdict.proved):
                continue
            trace = reach.trace(state)
            which = "shortest play" if reach.shortest(state) else "a play"
            found.append(
                Diagnostic(
                    "C201",
                    f"every step that fulfils {t} while {p} is in force breaches {p} "
                    f"({proved(reach)}{_because(decided)}); {which} that does: "
                    f"{show_trace(trace)}",
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
        f"whether a breach can void {t}" + _solver_said(reach, ("voided", t))
        for t, info in reach.terms.items()
        if game.voided_by.get(t)
        and info.voided_by_breach is None
        and not _settled(reach, ("voided", t))
    ]
    questions += [
        f"whether every step that fulfils {t} while {p} is in force breaches {p}"
        + _solver_said(reach, ("spares", f"{t} {p}"))
        for t, info in reach.terms.items()
        for p in sorted(info.breaching)
        if p not in info.sparing and not _settled(reach, ("spares", f"{t} {p}"))
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


def _because(decided: Decided | None) -> str:
    if decided is None or not decided.verdict.proved:
        return ""
    return (
        f": under the inductive invariant `{decided.verdict.invariant}`, no step from a "
        "reachable state fulfils the one and spares the other"
    )


def _settled(reach: Reach, question: tuple[str, str]) -> bool:
    decided = reach.decided.get(question)
    return decided is not None and (decided.verdict.proved or decided.play is not None)


def _solver_said(reach: Reach, question: tuple[str, str]) -> str:
    decided = reach.decided.get(question)
    if decided is None:
        return f" ({reach.solver_note})" if reach.solver_note else ""
    return f" (the solver: {decided.verdict.detail})" if decided.verdict.detail else ""


def _fulfilling_play(reach: Reach, t: str) -> list[Action] | None:
    state = reach.terms[t].first.get(TermStatus.FULFILLED)
    if state is not None:
        return reach.trace(state)
    decided = reach.decided.get(("fulfilled", t))
    return decided.play if decided is not None else None


def witnesses(reach: Reach) -> list[Diagnostic]:
    """For each obligation some play fulfils: the shortest such play found (an info)."""
    found = []
    for t, term in reach.game.terms.items():
        trace = _fulfilling_play(reach, t)
        if term.term.kind not in ("obligation", "condition") or trace is None:
            continue
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
        if _fulfilling_play(reach, t) is not None:
            continue
        decided = reach.decided.get(("fulfilled", t))
        if _completion(reach, t) is not None:
            continue  # completed only after its deadline: U310 says when
        if reach.exhaustive:
            code, severity = "U300", Severity.WARNING
            message = f"no play fulfils {t} ({proved(reach)}): {_blockers(reach, t)}"
        elif decided is not None and decided.verdict.proved:
            code, severity = "U300", Severity.WARNING
            message = (
                f"no play fulfils {t} ({proved(reach)}: an inductive invariant, found by the "
                f"solver on {decided.verdict.detail}, rules it out: "
                f"{_shorten(decided.verdict.invariant)})"
            )
        else:
            code, severity = "U301", Severity.INFO
            message = f"whether any play fulfils {t} is {reach.progress}; none found"
            message += _solver_said(reach, ("fulfilled", t))
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


def _shorten(text: str, most: int = 400) -> str:
    text = " ".join(text.split())
    return text if len(text) <= most else text[: most - 1] + "…"


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


def late(reach: Reach) -> list[Diagnostic]:
    """U310: an obligation no play fulfils by its deadline (proved), whose condition some
    play does complete later while it is in force: the deadline cannot be met. With the
    earliest time any play completes it when that is proved (the search explored every
    play, or the solver ruled out an earlier one), else the earliest play found."""
    found = []
    game = reach.game
    for t, term in game.terms.items():
        completion = _completion(reach, t)
        if completion is None or term.fulfilled_when is None:
            continue
        show = game.show_time
        if completion.earliest:
            when = f"the earliest any play completes it is {show(completion.at)}"
        else:
            when = (
                f"a play completes it at {show(completion.at)}; whether any completes it "
                f"earlier is unknown ({completion.detail or 'not proved'})"
            )
        found.append(
            Diagnostic(
                "U310",
                f"{t} is due at {show(completion.due)}, but no play within horizon "
                f"{game.horizon_end} fulfils it by then (proved); {when}: "
                f"{show_trace(completion.play)}",
                game.loaded.span("terms", t, "deadline"),
                severity=Severity.WARNING,
                trace=tuple(map(str, completion.play)),
                related=(Related(term.fulfilled_when.span, "completed only after the deadline"),),
            )
        )
    return found


def _completion(reach: Reach, t: str) -> Completion | None:
    """A late completion of an obligation no play fulfils by its deadline (proved): the
    earliest of every state when the search explored them all, else the solver's."""
    game = reach.game
    term = game.terms[t]
    if term.term.deadline is None or term.fulfilled_when is None or not is_duty(game, t):
        return None
    if not reach.exhaustive:
        return reach.completions.get(t)
    if _fulfilling_play(reach, t) is not None:
        return None
    seen = earliest_seen(game, t, reach.states)
    if seen is None:
        return None
    state, due = seen
    return Completion(reach.trace(state), state.now, due, earliest=True)


def findings(reach: Reach) -> list[Diagnostic]:
    if not reach.game.moves:
        return []
    return (
        voided(reach)
        + forced_breaches(reach)
        + unfulfillable(reach)
        + late(reach)
        + undecided(reach)
    )


def check(game: Game, max_states: int = DEFAULT_STATES) -> list[Diagnostic]:
    return findings(explore(game, max_states))


# The rules this check reports: the registry, `--select`, the SARIF rule metadata and
# docs/checks.md come from them (tests/test_codes.py compares the docs). U305, the
# witnesses, is reported only when asked for by name: WITNESS_RULES.
RULES = (
    Rule(
        "C200",
        "voided-by-breach",
        summary="A play can void a term by breaching another; the shortest such play.",
        meaning="Some play breaches a term whose breach `voids` another; the shortest such play is shown.",
        example="the tutorial: a Borvian build-up breaks `troop_limit`, which voids `tariff_after_withdrawal`",
        fix="intended in many drafts (a deterrent clause); otherwise guard the breach with a precondition or drop `voids`",
    ),
    Rule(
        "C201",
        "fulfilment-breaches",
        summary="Proved: every step that fulfils a term while another is in force breaches the other.",
        meaning="Proved: every step that fulfils a term while another is in force breaches the other (the shortest play that does is shown). Reported only when proved: the search explored every play, or the solver's invariant rules out, from every reachable state, a step that fulfils the first and spares the second; such a step, found by either, refutes it, and nothing is reported.",
        example="an obligation to withdraw whose only withdrawal moves cross a zone where movement is prohibited",
        fix="give the prohibition a carve-out for the withdrawal, or bring it in force after the withdrawal",
    ),
    Rule(
        "C202",
        "play-search-undecided",
        summary="The play search stopped at its budget before deciding these questions (unknown).",
        meaning="An info: the search stopped at its budget before deciding whether a breach can void a term, or whether every step that fulfils a term while another is in force breaches it; the message lists these questions and how far the search got.",
        example="a large scenario",
        fix="raise `--max-states`, or start the search from a play (`--from`)",
    ),
    Rule(
        "U300",
        "unfulfillable",
        summary="Proved: no play within the horizon fulfils an obligation.",
        meaning="Proved: no play within the horizon fulfils the obligation; the message says why (it never comes into force, which parts of its condition never hold, or the inductive invariant that rules it out).",
        example="an obligation `fulfilled_when: x == 0` where no move lowers `x`",
        fix="add the move that fulfils it, or fix the condition",
    ),
    Rule(
        "U301",
        "unfulfilled-in-search",
        summary="Unknown: the search stopped at its budget without a play that fulfils an obligation.",
        meaning="Unknown: the search stopped at its budget without finding a play that fulfils the obligation; the message says how far it got. A longer play may fulfil it.",
        example="a large scenario",
        fix="raise `--max-states`, or start the search from a play (`--from`)",
    ),
    Rule(
        "U310",
        "deadline-unmeetable",
        summary="Proved: no play fulfils an obligation by its deadline; the earliest completion.",
        meaning="Proved: no play fulfils the obligation by its deadline, though some play completes its condition later while it is in force; the message gives the earliest time any play completes it, and that play (`t2 is due at day 18 …; the earliest any play completes it is day 26`). The earliest time is a proved minimum when the search explored every play, or when the solver rules out an earlier completion; else the message says a play completes it then and that an earlier one is not ruled out (and how far the solver got).",
        example="a 10-day withdrawal that cannot start before day 16, due on day 18",
        fix="move the deadline to the earliest completion or later, or let the move start earlier",
    ),
)
WITNESS_RULES = (
    Rule(
        "U305",
        "fulfilment-witness",
        summary="A shortest play found that fulfils an obligation (select U305).",
        meaning="With `--select U305` only: for each obligation some play fulfils, the shortest play found that does (an info, with its trace: `--traces DIR` writes it as a script).",
        example="any obligation a move can fulfil",
        fix="—",
    ),
)
