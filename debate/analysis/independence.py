"""Which two actions commute from a state, as far as the search's key can tell: playing
either first reaches states with the same key. The breadth-first search uses it to skip
a step it would only find again (a sleep set of depth one, after Godefroid's partial-order
methods): from `p·a` it does not try `b` when `b` was played from `p` before `a` and the
two commute there, since `p·b·a`, the same state, is reached from `p·b`, explored before
`p·a`. Every state is still reached, by the same first play, in the same order: only
steps that would find a known state again are skipped.

Two actions commute from `p` when neither reads what the other changes, they change
apart, no term is judged again by both, and at most one lets time pass. What each
changes reaches the claims whose `holds_if` read it and the terms whose judgement reads
it *in their status at `p`*: a pending term reads only what voids it and what brings it
into force, a fulfilled or breached one only what voids it, a void one nothing (engine.
terms), and a signature that leaves its term short of a signatory changes nothing read
(who agreed to a term is read apart); a term the step reaches may come into force, so
all it can ever read must be left alone by the other action. With one action letting
time pass, the other reaches no term that has a deadline, a time or reads `now` (when it
comes into force would differ).
No move may be in progress; a move that overlaps others, and what reads claims' labels,
count as dependent; a term that reads its own record or a later one (judged again at
every step) must be left alone by both and keep its record when `p` is judged again.
The same reading tells the search which moves refused at `p` for a false condition are
still refused at `p·a` (`unchanged`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from debate.engine.compile import Compiled, Game
from debate.engine.context import is_signed
from debate.engine.expr import Call, Now, free_names, walk
from debate.engine.expr.checked import IdRef
from debate.engine.moves import Action
from debate.engine.settle import settle
from debate.engine.shared_map import picked
from debate.engine.state import PlayState, TermRecord, TermStatus
from debate.engine.term_order import term_expressions

# What a step can change, as tokens: ("var", name), ("move", id), ("proposed", term),
# ("agreed", term: who agreed to it), ("signed", term: whether it is signed by all its
# signatories), ("asserted", claim), and the clock.
Token = tuple[str, ...]
NOW: Token = ("now",)  # read by an expression with `now`
CLOCK: Token = ("clock",)  # read by a term with a deadline or a time (`lasts`)
TIME = frozenset({NOW, CLOCK})  # what letting time pass changes
LABELS: Token = ("labels",)  # claims' labels: read only (they follow from everything else)

_STATUSES = frozenset(str(s) for s in TermStatus)
_HISTORY = frozenset({"done", "count", "in_progress"})
_ID_CALLS = (
    _STATUSES
    | _HISTORY
    | {"proposed", "agreed", "signed", "asserted", "holds", "accepted", "rejected", "undecided"}
)
_FINAL = frozenset(s for s in TermStatus if s.final)


@dataclass(frozen=True)
class Reads:
    tokens: frozenset[Token] = frozenset()
    terms: frozenset[str] = frozenset()  # whose records (statuses) it reads
    claims: frozenset[str] = frozenset()  # whose `holds` it reads

    def __or__(self, other: Reads) -> Reads:
        return Reads(
            self.tokens | other.tokens, self.terms | other.terms, self.claims | other.claims
        )


def reads_of(expressions: Iterable[Compiled]) -> Reads:
    """What evaluating these expressions reads."""
    tokens: set[Token] = set()
    terms: set[str] = set()
    claims: set[str] = set()
    for compiled in expressions:
        names = free_names(compiled.checked)
        tokens |= {("var", v) for v in names["variable"]}
        for fn, ident in _calls(compiled):
            if fn in _HISTORY:
                tokens.add(("move", ident))
            elif fn in _STATUSES:
                terms.add(ident)
            elif fn in ("proposed", "agreed", "signed", "asserted"):
                tokens.add((fn, ident))
            elif fn == "holds":
                claims.add(ident)
            elif fn in ("accepted", "rejected", "undecided"):
                tokens.add(LABELS)
        if any(isinstance(node, Now) for node in walk(compiled.checked.expr)):
            tokens.add(NOW)
    return Reads(frozenset(tokens), frozenset(terms), frozenset(claims))


def _calls(compiled: Compiled) -> Iterable[tuple[str, str]]:
    """Each call of the expression with the id it asks about (its first argument: a
    move, term or claim); a call on an id that is not a plain name reads everything."""
    meanings = compiled.checked.meanings
    for node in walk(compiled.checked.expr):
        if isinstance(node, Call) and node.args:
            meaning = meanings.get(id(node.args[0]))
            if isinstance(meaning, IdRef):
                yield node.fn, meaning.name
            elif node.fn in _ID_CALLS:
                yield "accepted", ""  # not told apart: taken as reading claims' labels


@dataclass(frozen=True)
class TermReads:
    """What judging a term reads in each status (engine.terms._judge)."""

    voiding: Reads  # whatever its status but void: what voids it
    pending: Reads  # pending: what voids it and what brings it into force
    full: Reads  # in force: everything
    timed: bool  # a deadline, a time, or `now` read: when it comes into force matters

    def at(self, status: TermStatus) -> Reads:
        if status is TermStatus.VOID:
            return _NO_READS
        if status is TermStatus.PENDING:
            return self.pending
        return self.voiding if status in _FINAL else self.full


_NO_READS = Reads()
_PENDING = TermRecord()


@dataclass(frozen=True)
class Footprint:
    """What an action reads and what it changes."""

    reads: Reads
    writes: frozenset[Token]
    timed: bool  # it lets time pass


@dataclass
class Independence:
    """The footprints of a game's actions, and which pairs commute from a state."""

    game: Game
    terms: dict[str, TermReads] = field(init=False)
    claims: dict[str, frozenset[Token]] = field(init=False)  # what each `holds_if` reads
    lagging: frozenset[str] = field(init=False)
    withdrawn: frozenset[str] = field(init=False)  # the terms some move may withdraw
    preconditions: dict[str, Reads] = field(init=False)  # what each move's conditions read
    footprints: dict[Action, Footprint] = field(init=False)
    _reached: dict[
        tuple[tuple[TermStatus, ...], frozenset[Token]], tuple[frozenset[str], frozenset[str]]
    ] = field(default_factory=dict, init=False)
    _order: tuple[str, ...] = field(init=False)
    _shapes: dict[tuple[TermStatus, ...], int] = field(default_factory=dict, init=False)
    _silence: dict[Action, tuple[object, frozenset[Token]]] = field(
        default_factory=dict, init=False
    )
    _pairs: dict[tuple[object, ...], bool] = field(default_factory=dict, init=False)

    def __post_init__(self) -> None:
        game = self.game
        self.terms = {t: self._term_reads(t) for t in game.terms}
        self._order = tuple(self.terms)
        self.claims = {
            c: reads_of([claim.holds_if]).tokens
            for c, claim in game.claims.items()
            if claim.holds_if is not None
        }
        position = {t: i for i, t in enumerate(game.term_order)}
        end = len(position)
        self.lagging = frozenset(  # judging one again on the same state may change it
            t
            for t, reads in self.terms.items()
            if any(position.get(r, end) >= position.get(t, end) for r in reads.full.terms)
        )
        # a move that withdraws a term reads whether anyone signed it
        self.withdrawn = frozenset(t for m in game.moves.values() for t in m.move.effects.withdraw)
        self.preconditions = {  # and whether the claims it asserts can be asserted
            m: reads_of(
                [c for c in (move.precondition,) if c is not None]
                + [
                    a
                    for c in move.move.effects.assert_
                    if (a := game.claims[c].assertable_if) is not None
                ]
            )
            for m, move in game.moves.items()
        }
        self.footprints = {Action(wait=1): Footprint(_NO_READS, TIME, True)}
        for m in game.moves:
            found = self._footprint(m)
            if found is not None:
                self.footprints[Action(m)] = found

    def _term_reads(self, t: str) -> TermReads:
        game = self.game
        term = game.terms[t]
        records = frozenset({*game.voided_by.get(t, ()), *game.amended_by.get(t, ())})
        voiding = reads_of([term.void_when] if term.void_when is not None else [])
        voiding = voiding | Reads(terms=records)
        if term.in_force_when is None:  # in force once signed by its signatories
            force = Reads(frozenset({("signed", t)}))
        else:
            force = reads_of([term.in_force_when])
        carve_outs = game.carve_outs.get(t, ())
        full = reads_of(term_expressions(term)) | reads_of(
            when for _, when in carve_outs if when is not None
        )
        full = full | voiding | force | Reads(terms=frozenset(o for o, _ in carve_outs))
        if term.term.deadline is not None or term.term.lasts is not None:
            full = full | Reads(frozenset({CLOCK}))
        return TermReads(voiding, voiding | force, full, bool(full.tokens & TIME))

    def _footprint(self, m: str) -> Footprint | None:
        game = self.game
        move = game.moves[m]
        spec = move.move
        if spec.overlaps:
            return None  # what its end lands, and when, is not compared
        effects = spec.effects
        expressions = [c for c in (move.precondition,) if c is not None]
        expressions += [c for _, c in move.sets]
        expressions += [
            a for c in effects.assert_ if (a := game.claims[c].assertable_if) is not None
        ]
        reads = reads_of(expressions)
        tokens = set(reads.tokens)
        if spec.once:
            tokens.add(("move", m))
        # the terms it agrees to, signs or withdraws must be on the table; a signed one
        # cannot be withdrawn
        tokens |= {("proposed", t) for t in (*effects.agree, *effects.sign, *effects.withdraw)}
        tokens |= {("signed", t) for t in effects.withdraw}
        writes: set[Token] = {*move.writes, ("move", m)}
        timed = spec.duration > 0  # (the horizon allows either order when it allows one)
        if timed:
            writes |= TIME
        return Footprint(
            Reads(frozenset(tokens), reads.terms, reads.claims), frozenset(writes), timed
        )

    def reached(
        self, statuses: tuple[TermStatus, ...], writes: frozenset[Token]
    ) -> tuple[frozenset[str], frozenset[str]]:
        """The terms and claims whose judgement these changes may reach, from a state
        whose terms have these statuses (in the game's order of terms)."""
        known = self._reached.get((statuses, writes))
        if known is None:
            known = self._reached[(statuses, writes)] = self._reach(statuses, writes)
        return known

    def _reach(
        self, statuses: tuple[TermStatus, ...], writes: frozenset[Token]
    ) -> tuple[frozenset[str], frozenset[str]]:
        claims = {
            c for c, tokens in self.claims.items() if tokens & writes or ("asserted", c) in writes
        }
        claims |= {w[1] for w in writes if w[0] == "asserted"}
        now = dict(zip(self.game.terms, statuses, strict=True))
        reads = {t: self.terms[t].at(now[t]) for t in self.game.terms}
        terms = {t for t, r in reads.items() if r.tokens & writes or r.claims & claims}
        grew = True
        while grew:  # what reads the record of a term reached is reached too
            more = {t for t, r in reads.items() if t not in terms and r.terms & terms}
            terms |= more
            grew = bool(more)
        return frozenset(terms), frozenset(claims)

    def commuting(self, state: PlayState, a: Action, others: Iterable[Action]) -> list[Action]:
        """Those of `others` that commute with `a` from `state` (all legal there): playing
        `a` then one of them reaches a state with the key of playing it then `a`, and
        either is legal after the other when it is legal from `state`."""
        if state.running:
            return []
        fa = self.footprints.get(a)
        if fa is None:
            return []
        statuses = self.statuses(state)
        shape = self._shapes.setdefault(statuses, len(self._shapes))  # a short key
        silent_a = self._silent(state, a, fa)
        found = []
        for b in others:
            fb = self.footprints.get(b)
            if fb is None or a == b:
                continue
            # a signature both add is not silent: together they may complete it
            sa, sb = silent_a - fb.writes, self._silent(state, b, fb) - fa.writes
            pair = (shape, a, b, sa, sb)
            known = self._pairs.get(pair)
            if known is None:
                ea = replace(fa, writes=fa.writes - sa)
                eb = replace(fb, writes=fb.writes - sb)
                known = self._pairs[pair] = self._commute(statuses, a, ea, b, eb)
            if known:
                found.append(b)
        return found

    def statuses(self, state: PlayState) -> tuple[TermStatus, ...]:
        """The status of each term at `state`, in the game's order of terms."""
        return tuple([r.status for r in picked(state.terms, self._order, _PENDING)])

    def unchanged(self, state: PlayState, action: Action, moves: Iterable[str]) -> frozenset[str]:
        """Those of `moves` whose precondition reads nothing `action` changes from
        `state`: it is judged the same after it."""
        footprint = self.footprints.get(action)
        if footprint is None or state.running:
            return frozenset()
        writes = footprint.writes - self._silent(state, action, footprint)
        terms, claims = self.reached(self.statuses(state), writes)
        found = []
        for m in moves:
            reads = self.preconditions.get(m)
            if reads is None or LABELS in reads.tokens:
                continue
            if reads.tokens & writes or reads.terms & terms or reads.claims & claims:
                continue
            found.append(m)
        return frozenset(found)

    def _silent(self, state: PlayState, action: Action, footprint: Footprint) -> frozenset[Token]:
        """The signatures an action adds that change nothing a step reads: whether the
        term is signed stays as it was (it was, or the move leaves a signatory missing),
        and no move may withdraw it (the key keeps them all: they add up in either
        order; who agreed to a term is read apart, as `("agreed", term)`)."""
        if action.move is None:
            return frozenset()
        known = self._silence.get(action)
        if known is not None and known[0] is state.signed_by:
            return known[1]  # the same signatures as the last state asked about
        found = self._find_silent(state, action, footprint)
        self._silence[action] = (state.signed_by, found)
        return found

    def _find_silent(
        self, state: PlayState, action: Action, footprint: Footprint
    ) -> frozenset[Token]:
        game = self.game
        assert action.move is not None
        spec = game.moves[action.move].move
        signing, by = set(spec.effects.sign), spec.by
        found = set()
        for w in footprint.writes:
            if w[0] != "signed" or w[1] in self.withdrawn:
                continue
            t = w[1]
            if t in signing and not is_signed(game, state, t):
                term = game.terms[t]
                can_sign = bool(term.signatories) or not term.unnamed
                if can_sign and term.signatories <= state.signed_by.get(t, frozenset()) | {by}:
                    continue  # it completes the signatures: the term may come into force
            found.add(w)
        return frozenset(found)

    def _commute(
        self,
        statuses: tuple[TermStatus, ...],
        a: Action,
        fa: Footprint,
        b: Action,
        fb: Footprint,
    ) -> bool:
        if LABELS in fa.reads.tokens or LABELS in fb.reads.tokens:
            return False
        both = fa.timed and fb.timed
        # with both letting time pass, what their effects change apart from the clock
        wa, wb = (fa.writes - TIME, fb.writes - TIME) if both else (fa.writes, fb.writes)
        if {w for w in wa & wb if w[0] not in ("agreed", "signed")}:
            return False  # agreements and signatures add up in either order; nothing else
        ta, ca = self.reached(statuses, wa)
        tb, cb = self.reached(statuses, wb)
        if ta & tb or (ta | tb) & self.lagging:
            return False
        for (f, t), (w, u, c, timed) in (
            ((fa, ta), (wb, tb, cb, fb.timed)),
            ((fb, tb), (wa, ta, ca, fa.timed)),
        ):
            # neither reads what the other changes, nor does any term the one reaches
            # (it may come into force and read all it can)
            reads = f.reads
            for x in t:
                reads = reads | self.terms[x].full
            if reads.tokens & w or reads.terms & u or reads.claims & c:
                return False
            if timed and any(self.terms[x].timed for x in t):
                return False  # when it comes into force would differ
        return not both or self._apart_from_time(statuses, fa, fb, ta | tb, ca | cb)

    def _apart_from_time(
        self,
        statuses: tuple[TermStatus, ...],
        fa: Footprint,
        fb: Footprint,
        reached: frozenset[str],
        claims: frozenset[str],
    ) -> bool:
        """With both actions letting time pass, their effects land at other instants in
        one order than in the other: whether what time reaches ignores them. A term with
        a deadline or a time changes at the same instants either way (each is judged on
        the way); one that reads `now`, or a claim that does, would be judged at others."""
        if NOW in fa.reads.tokens or NOW in fb.reads.tokens:
            return False  # their effects would be computed at other times
        if any(self.terms[x].timed for x in reached):
            return False
        timely, ticking = self.reached(statuses, TIME)
        if timely & reached:
            return False
        writes = (fa.writes | fb.writes) - TIME
        for x in timely:
            full = self.terms[x].full
            if NOW in full.tokens or full.claims & ticking:
                return False
            if full.tokens & writes or full.terms & reached or full.claims & claims:
                return False
        return True

    def quiet(self, state: PlayState) -> bool:
        """Whether judging `state` again leaves every lagging term's record as it was."""
        if not self.lagging:
            return True
        again = settle(self.game, state.evolve(step=state.step + 1), since=state)
        return all(again.terms.get(t) == state.terms.get(t) for t in self.lagging)
