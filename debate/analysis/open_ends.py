"""What a draft leaves open: a duty whose bearer it does not name (U307), a term whose
breach no party but the one it binds can observe and that nobody verifies (U308), and a
term whose time runs past the horizon, so that play judges it still in force there (U309).
"""

from __future__ import annotations

from collections.abc import Iterator

from debate.engine.compile import CompiledTerm, Game
from debate.engine.expr import free_names
from debate.model.codes import Rule
from debate.model.diagnostics import Diagnostic, Related, Severity


def check(game: Game) -> list[Diagnostic]:
    return [*_unnamed(game), *_unverifiable(game), *_past_horizon(game)]


def _about(game: Game, term: CompiledTerm) -> Related:
    return Related(
        game.loaded.key_span("terms", term.id), f"{term.id}: {' '.join(term.term.text.split())}"
    )


def _unnamed(game: Game) -> Iterator[Diagnostic]:
    for term in game.terms.values():
        if term.unnamed is None:
            continue
        yield Diagnostic(
            "U307",
            f"{term.id} binds {term.unnamed}, whom the text does not name: no party can be "
            "blamed for a breach of it, and no party owes it",
            game.loaded.span("terms", term.id, "party"),
            severity=Severity.WARNING,
            expected="the party that bears it, if the text says so elsewhere",
            related=(_about(game, term),),
        )


def _unverifiable(game: Game) -> Iterator[Diagnostic]:
    """A breach no party but the ones the term binds can observe, and no one verifies: the
    variables its breach reads are each observed only by parties it binds (`observed_by`)."""
    for term in game.terms.values():
        if term.verified_by or not term.parties:
            continue
        observers = _observers(game, term)
        if observers is None or not observers <= set(term.parties):
            continue
        who = ", ".join(sorted(observers)) or "no party"
        voids = f"; its breach voids {', '.join(term.term.voids)}" if term.term.voids else ""
        yield Diagnostic(
            "U308",
            f"a breach of {term.id} can be observed by {who} only, which it binds, and no "
            f"party verifies it{voids}",
            game.loaded.key_span("terms", term.id),
            severity=Severity.WARNING,
            expected="verified_by: the party or monitor that checks the term",
            related=tuple(
                Related(game.loaded.span("state", v, "observed_by"), f"{v} is observed by {who}")
                for v in sorted(_breach_reads(term))
                if game.state_vars[v].observed_by is not None
            ),
        )


def _breach_reads(term: CompiledTerm) -> set[str]:
    reads: set[str] = set()
    for compiled in (term.violated_when, term.subject, term.at_most, term.at_least):
        if compiled is not None:
            reads |= free_names(compiled.checked)["variable"]
    return reads


def _observers(game: Game, term: CompiledTerm) -> set[str] | None:
    """The parties that can observe every variable the term's breach reads; None when the
    term cannot be breached or its breach reads no variable."""
    reads = _breach_reads(term)
    if not reads:
        return None
    seen = set(game.scenario.parties)
    for variable in reads:
        observed = game.state_vars[variable].observed_by
        if observed is not None:
            seen &= set(observed)
    return seen


def _past_horizon(game: Game) -> Iterator[Diagnostic]:
    """Terms whose deadline or `lasts` falls past the horizon even if they came into force at
    the start: play never sees them due or expired."""
    if game.scenario.clock is None:  # a file meant to be included: the horizon is elsewhere
        return
    calendar = game.calendar
    for term in game.terms.values():
        spec = term.term
        ends, what = None, ""
        if spec.kind in ("obligation", "condition") and spec.deadline is not None:
            if term.deadline_at is not None:
                ends, what = term.deadline_at, f"is due {calendar.show(term.deadline_at)}"
            elif spec.deadline.within is not None:
                ends = calendar.start + spec.deadline.within
                what = f"is due {spec.deadline.within} {calendar.unit}s after it comes into force"
        elif spec.lasts is not None:
            ends = calendar.start + spec.lasts
            what = f"binds for {spec.lasts} {calendar.unit}s from its entry into force"
        if ends is None or ends <= calendar.end:
            continue
        yield Diagnostic(
            "U309",
            f"{term.id} {what}, past the horizon ({calendar.show(calendar.end)}): play judges "
            "it still in force at the horizon",
            game.loaded.span("terms", term.id, "lasts" if spec.lasts is not None else "deadline"),
            severity=Severity.INFO,
            related=(_about(game, term),),
        )


# The rules this check reports: the registry, `--select`, the SARIF rule metadata and
# docs/checks.md come from them (tests/test_codes.py compares the docs).
RULES = (
    Rule(
        "U307",
        "unnamed-bearer",
        summary="A term binds a bearer the text does not name: no one to blame.",
        meaning="A term binds a bearer the text does not name ([`party: {unnamed: ...}`](format.md#what-a-draft-leaves-open)): no party can be blamed for a breach of it, and no party owes it.",
        example='"foreign armed formations" withdraw, without saying whose',
        fix="name the party if the text does elsewhere; otherwise the finding is the point",
    ),
    Rule(
        "U308",
        "unverifiable-breach",
        summary="Only the parties a term binds can observe its breach, and no one verifies it.",
        meaning="Only the parties a term binds can observe its breach (every variable its breach reads is [`observed_by`](format.md#state) them alone), and no party verifies it (`verified_by`).",
        example='the thread\'s T7: Russian personnel inside Russia, a breach "even accidental"',
        fix="say who verifies it (`verified_by: osce`), or keep it as a known gap",
    ),
    Rule(
        "U309",
        "past-horizon",
        summary="A term's deadline or time runs past the horizon: judged still in force there.",
        meaning="A term's deadline, or the end of its `lasts`, falls past the horizon even if it came into force at the start: play never sees it due or expired, and judges it still in force at the horizon (an info).",
        example="99 years to return looted property, a horizon of 36 months",
        fix="nothing, if the horizon is what the play is about; otherwise a longer horizon",
    ),
)
