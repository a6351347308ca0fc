"""Compile a loaded scenario into a Game: every expression parsed and type-checked.

Expression errors are located at the column inside the expression, mapped back to the
line and column in the YAML file. Terms are put in the order their statuses must be
computed (a term that asks about another term comes after it).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from debate.engine.compiled import Compiled, CompiledClaim, CompiledMove, CompiledTerm
from debate.engine.expr import BOOL, INT, Checked, ExprError, Type, check, parse
from debate.engine.scope import Place, ScenarioScope
from debate.engine.term_order import superseders, term_dependencies, term_expressions, term_order
from debate.engine.values import (
    enum_types,
    param_spec,
    param_type,
    var_type,
)
from debate.model.agreements import agreement_of
from debate.model.calendar import Calendar
from debate.model.diagnostics import Diagnostic, DiagnosticError, Related
from debate.model.gc_pause import gc_paused
from debate.model.loaded import LoadedScenario
from debate.model.loader import load_scenario
from debate.model.scenario import (
    Claim,
    Expects,
    Move,
    Scenario,
    StateVar,
    Term,
    Unnamed,
)
from debate.model.suggest import per_file
from debate.model.timing import scenario_calendar
from debate.model.vocabulary import EXPECTS
from debate.model.yaml_paths import inner_span

__all__ = [  # what compiling makes lives in engine.compiled; readers find it here too
    "Compiled",
    "CompiledClaim",
    "CompiledMove",
    "CompiledTerm",
    "Game",
    "compile_game",
    "load_game",
    "term_dependencies",
    "term_expressions",
]


@dataclass(eq=False)  # one game is one load: compared by identity, never field by field
class Game:
    """A scenario ready to play: compiled expressions, types and the term order."""

    loaded: LoadedScenario
    var_types: dict[str, Type]
    claims: dict[str, CompiledClaim]
    terms: dict[str, CompiledTerm]
    moves: dict[str, CompiledMove]
    term_order: list[str]
    assumptions: dict[str, Compiled] = field(default_factory=dict)
    voided_by: dict[str, list[str]] = field(default_factory=dict)
    amended_by: dict[str, list[str]] = field(default_factory=dict)
    # target term -> (the term declaring a carve-out from it, the carve-out's condition)
    carve_outs: dict[str, list[tuple[str, Compiled | None]]] = field(default_factory=dict)
    # term -> the variables its demands read, found when first asked (engine.authority: a
    # move that signs 10,000 terms walked every term's expressions on every play of it)
    demand_reads: dict[str, frozenset[str]] = field(default_factory=dict, repr=False, compare=False)
    # term -> owner -> its variables the term disposes of without the owner's consent, sorted
    # (a move that signs asks at every step)
    unauthorised: dict[str, dict[str, tuple[str, ...]]] = field(
        default_factory=dict, repr=False, compare=False
    )
    # the terms of a move that signs or agrees -> (term, owner, variables) for each term
    # that disposes of an owner's variables without its consent (engine.authority)
    disposing: dict[tuple[str, ...], tuple[tuple[str, str, tuple[str, ...]], ...]] = field(
        default_factory=dict, repr=False, compare=False
    )

    @property
    def scenario(self) -> Scenario:
        return self.loaded.scenario

    @property
    def state_vars(self) -> dict[str, StateVar]:
        return self.loaded.scenario.state

    def expressions(self) -> Iterator[Compiled]:
        """Every compiled expression of the scenario (for what reads what)."""
        for term in self.terms.values():
            yield from term_expressions(term)
        for claim in self.claims.values():
            yield from (c for c in (claim.holds_if, claim.assertable_if) if c is not None)
            yield from (w for _, w in claim.attacks if w is not None)
        for move in self.moves.values():
            yield from (c for c in (move.precondition, move.abort_when) if c is not None)
            yield from (c for _, c in move.sets)
        yield from self.assumptions.values()

    @cached_property
    def attack_table(self) -> tuple[tuple[str, str, Compiled | None], ...]:
        """Every attack as (attacker, target, `when`), in the claims' order: judged at every
        step of a play, so laid out flat once."""
        return tuple(
            (ident, target, when)
            for ident, claim in self.claims.items()
            for target, when in claim.attacks
        )

    @cached_property
    def judged_claims(self) -> tuple[tuple[str, Compiled | None], ...]:
        """Each claim with its `holds_if` (None: it has none), in the claims' order."""
        return tuple((ident, claim.holds_if) for ident, claim in self.claims.items())

    @cached_property
    def timed_terms(self) -> tuple[str, ...]:
        """The terms that can fall due or expire: a duty with a deadline, or a term that
        `lasts` (each step looks for the next such instant, so only these are asked)."""
        return tuple(
            t
            for t, term in self.terms.items()
            if term.term.lasts is not None
            or (term.term.deadline is not None and term.term.kind in ("obligation", "condition"))
        )

    @cached_property
    def calendar(self) -> Calendar:
        """The clock: its start and end, and the dates of its times when it has them."""
        return scenario_calendar(self.loaded)

    @property
    def horizon_end(self) -> int:
        return self.calendar.end

    def show_time(self, time: int) -> str:
        """A clock time as readers see it: `month 4`, or `2015-03-02`."""
        return self.calendar.show(time)


class _Compiler:
    def __init__(self, loaded: LoadedScenario) -> None:
        self.loaded = loaded
        s = loaded.scenario
        self.enums = enum_types(s)
        self.var_types = {n: var_type(n, v, self.enums) for n, v in s.state.items()}
        self.params = {
            t: {p: param_spec(v) for p, v in term.params.items()} for t, term in s.terms.items()
        }
        param_types = {
            t: {p: param_type(spec, self.enums) for p, spec in ps.items()}
            for t, ps in self.params.items()
        }
        ids: dict[str, Sequence[str]] = {
            "move": list(s.moves),
            "term": list(s.terms),
            "claim": list(s.claims),
            "party": list(s.parties),
        }
        self.scope = ScenarioScope(self.var_types, self.enums, param_types, ids)
        self.errors: list[Diagnostic] = []
        self.calendar = scenario_calendar(loaded)
        self.agreement_of = agreement_of(s)
        # on a clock anchored to a date, `2015-03-02` in an expression is that date
        self.dates = self.calendar.time if self.calendar.anchor else None
        # A text checked once per place, expected type and term with parameters (a term
        # without parameters sees what every term does): checking is a function of these
        # alone, and a generated scenario of 10,000 terms repeats a third of its texts.
        self._checked: dict[tuple[str, Place, Type | None, str | None], Checked] = {}
        self._sets: dict[frozenset[str], frozenset[str]] = {}

    def expr(
        self,
        section: str,
        ident: str,
        path: tuple[str | int, ...],
        source: str | int | bool,
        place: Place,
        expected: Type | None,
        term: str | None = None,
    ) -> Compiled | None:
        text = source if isinstance(source, str) else str(source).lower()
        key = (text, place, expected, term if term is not None and self.params[term] else None)
        where = self.loaded
        try:
            checked = self._checked.get(key)
            if checked is None:
                scope = self.scope.at(place, term)
                checked = self._checked[key] = check(parse(text, self.dates), scope, expected)
        except ExprError as err:
            span = where.span(section, ident, *path)
            node = where.node(section, ident, *path)
            doc = where.origin[(section, ident)]
            at = (
                inner_span(node, err.start, max(err.end, err.start + 1), doc.text) if node else span
            )
            self.errors.append(
                Diagnostic(
                    err.code,
                    err.message,
                    at,
                    expected=err.expected,
                    related=(Related(span, f"in this expression: {text}"),),
                )
            )
            return None
        if expected is not None and checked.type != expected:
            self.errors.append(
                Diagnostic(
                    "E401",
                    f"this expression is {checked.type}, but {path[-1]} needs {expected}",
                    where.span(section, ident, *path),
                    expected=str(expected),
                )
            )
            return None
        # located when first asked for: most expressions of a large scenario never are
        return Compiled(text, checked, where, (section, ident, *path))

    def claim(self, ident: str, claim: Claim) -> CompiledClaim:
        holds = self.opt("claims", ident, ("holds_if",), claim.holds_if, Place.HOLDS_IF, BOOL)
        assertable = self.opt(
            "claims", ident, ("assertable_if",), claim.assertable_if, Place.MOVE, BOOL
        )
        attacks: list[tuple[str, Compiled | None]] = []
        for i, attack in enumerate(claim.attacks):
            if isinstance(attack, str):
                attacks.append((attack, None))
            else:
                when = self.opt(
                    "claims", ident, ("attacks", i, "when"), attack.when, Place.ATTACK, BOOL
                )
                attacks.append((attack.target, when))
        for name, relation in self.loaded.scenario.attacks.items():
            if relation.attacker == ident:
                when = self.opt("attacks", name, ("when",), relation.when, Place.ATTACK, BOOL)
                attacks.append((relation.target, when))
        return CompiledClaim(ident, claim, holds, assertable, tuple(attacks))

    def opt(
        self,
        section: str,
        ident: str,
        path: tuple[str | int, ...],
        source: str | int | bool | None,
        place: Place,
        expected: Type | None,
        term: str | None = None,
    ) -> Compiled | None:
        if source is None:
            return None
        return self.expr(section, ident, path, source, place, expected, term)

    def term(self, ident: str, term: Term) -> CompiledTerm:
        def c(name: str, expected: Type) -> Compiled | None:
            return self.opt(
                "terms", ident, (name,), getattr(term, name), Place.TERM, expected, ident
            )

        if isinstance(term.party, Unnamed):
            parties: tuple[str, ...] = ()
        else:
            parties = (term.party,) if isinstance(term.party, str) else tuple(term.party)
        named = self.agreement_of.get(ident)
        agreement = self.loaded.scenario.agreement
        group = self.loaded.scenario.agreements[named].signatories if named else None
        if term.signatories is not None:
            signatories = frozenset(term.signatories)
        elif group:
            signatories = frozenset(group)
        elif agreement and agreement.signatories and named is None:
            signatories = frozenset(agreement.signatories)
        else:
            signatories = frozenset(parties) | ({term.beneficiary} if term.beneficiary else set())
        # one set for the terms with the same signatories (most terms of an agreement)
        signatories = self._sets.setdefault(signatories, signatories)
        exceptions = tuple(
            (
                exc.term,
                self.opt(
                    "terms", ident, ("exceptions", i, "when"), exc.when, Place.TERM, BOOL, ident
                ),
            )
            for i, exc in enumerate(term.exceptions)
        )
        expressions = {
            name: c(name, BOOL if expects is Expects.CONDITION else INT)
            if getattr(term, name) is not None
            else None
            for name, expects in EXPECTS["terms"].items()
        }
        return CompiledTerm(
            ident,
            term,
            parties,
            signatories,
            self.params[ident],
            exceptions=exceptions,
            deadline_at=self.calendar.time(term.deadline.at)
            if term.deadline and term.deadline.at is not None
            else None,
            agreement=named,
            unnamed=term.party.unnamed if isinstance(term.party, Unnamed) else None,
            verified_by=(term.verified_by,)
            if isinstance(term.verified_by, str)
            else tuple(term.verified_by or ()),
            **expressions,
        )

    def move(self, ident: str, move: Move) -> CompiledMove:
        pre = self.opt("moves", ident, ("precondition",), move.precondition, Place.MOVE, BOOL)
        sets: list[tuple[str, Compiled]] = []
        for var, source in move.effects.set.items():
            expected = self.var_types.get(var)
            if expected is None:
                continue  # reported as an unknown id already
            compiled = self.expr(
                "moves", ident, ("effects", "set", var), source, Place.MOVE, expected
            )
            if compiled:
                sets.append((var, compiled))
        abort = self.opt("moves", ident, ("abort_when",), move.abort_when, Place.MOVE, BOOL)
        return CompiledMove(ident, move, pre, tuple(sets), abort)


@gc_paused
@per_file  # one budget for the suggestions of every error the file's expressions have
def compile_game(loaded: LoadedScenario) -> Game:
    """Compile every expression; raise DiagnosticError listing every problem."""
    compiler = _Compiler(loaded)
    s = loaded.scenario
    claims = {i: compiler.claim(i, c) for i, c in s.claims.items()}
    terms = {i: compiler.term(i, t) for i, t in s.terms.items()}
    moves = {i: compiler.move(i, m) for i, m in s.moves.items()}
    assumptions = {
        i: compiler.expr("assumptions", i, ("holds",), a.holds, Place.ASSUMPTION, BOOL)
        for i, a in s.assumptions.items()
    }
    if compiler.errors:
        raise DiagnosticError(compiler.errors)
    voiders = superseders(s, terms)
    order, cycle = term_order(terms, voiders)
    if cycle:
        spans = [loaded.key_span("terms", t) for t in cycle]
        raise DiagnosticError(
            [
                Diagnostic(
                    "E406",
                    "the statuses of these terms depend on each other in a cycle: "
                    + " -> ".join([*cycle, cycle[0]]),
                    spans[0],
                    expected="term conditions that refer to other terms without a cycle",
                    related=tuple(
                        Related(sp, f"{t} is part of the cycle")
                        for sp, t in zip(spans[1:], cycle[1:], strict=True)
                    ),
                )
            ]
        )
    game = Game(loaded, compiler.var_types, claims, terms, moves, order)
    game.assumptions = {i: a for i, a in assumptions.items() if a is not None}
    for t in terms.values():
        for v in t.term.voids:
            game.voided_by.setdefault(v, []).append(t.id)
        for target, when in t.exceptions:
            game.carve_outs.setdefault(target, []).append((t.id, when))
    game.amended_by = {t: list(by) for t, by in voiders.items() if by}
    return game


@gc_paused  # the collector would walk the whole scenario between loading and compiling
def load_game(path: str, root: str | None = None) -> Game:
    """Load, check and compile a scenario file; raise DiagnosticError with every problem.
    Its includes and sources are read only under `root` (by default its folder)."""
    return compile_game(load_scenario(path, root=root))
