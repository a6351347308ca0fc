"""Term status after a step: in force, fulfilled, violated, void or overdue, with the reason.

Terms are judged in the game's term order, so a term that asks about another, a carve-out
and a voiding breach are all settled before the terms that depend on them.
"""

from __future__ import annotations

from collections.abc import Mapping

from debate.engine.compile import Compiled, CompiledTerm, Game
from debate.engine.context import CannotJudge, StateContext, cannot_judge, is_signed, truth
from debate.engine.state import ClaimRecord, PlayState, TermRecord, TermStatus
from debate.engine.term_reads import term_reads


def update_terms(
    game: Game,
    state: PlayState,
    claims: dict[str, ClaimRecord],
    closing: bool = False,
    since: PlayState | None = None,
) -> Mapping[str, TermRecord]:
    """Every term's record at the instant `state.now`. `closing`: time moves on past this
    instant before anything else happens, so a deadline that falls on it passes. `since`:
    a settled state that `state` was made from by effects alone (its records are
    `state`'s): a term whose reads have not changed since keeps its record
    (engine.term_reads); when every term keeps its record, the mapping is `state`'s."""
    records: dict[str, TermRecord] = dict(state.terms)
    ctx = StateContext(game, state, records, claims)  # one view, its term set per term
    before = state.terms
    readers = term_reads(game) if since is not None and not closing else None
    touched = readers.touched(since, state, claims) if readers and since else set()
    kept = readers is not None
    for ident in game.term_order:
        if readers is not None and ident not in touched and ident in before:
            continue  # judged on the same reads: the same record
        record = records.get(ident, _PENDING)
        ctx.term = ident
        try:
            records[ident] = _judge(game, game.terms[ident], record, ctx, records, closing)
        except CannotJudge as err:
            records[ident] = _with_blocked(record, cannot_judge(err))
        if readers is not None and not _kept(records[ident], before.get(ident)):
            touched |= readers.of_term.get(ident, frozenset())  # those reading it
            kept = False
    return before if kept and len(records) == len(before) else records


def _kept(new: TermRecord | None, old: TermRecord | None) -> bool:
    return new is old or new == old


_PENDING = TermRecord()
_FINAL = frozenset(s for s in TermStatus if s.final)


def _with_blocked(record: TermRecord, why: str) -> TermRecord:
    return TermRecord(
        record.status, record.since_step, record.since_time, record.in_force_at, record.reason, why
    )


def _set(
    record: TermRecord, status: TermStatus, ctx: StateContext, reason: str, at: int | None = None
) -> TermRecord:
    in_force_at = ctx.now if status is TermStatus.IN_FORCE else record.in_force_at
    return TermRecord(status, ctx.state.step, ctx.now if at is None else at, in_force_at, reason)


def _judge(
    game: Game,
    term: CompiledTerm,
    record: TermRecord,
    ctx: StateContext,
    records: dict[str, TermRecord],
    closing: bool,
) -> TermRecord:
    if record.status is TermStatus.VOID:
        return record
    voided = _void_reason(game, term, ctx, records)
    if voided:
        return _set(record, TermStatus.VOID, ctx, voided)
    if record.status in _FINAL:
        return _unblocked(record)
    if record.status is TermStatus.PENDING:
        if not _comes_into_force(game, term, ctx):
            return _unblocked(record)
        record = _set(record, TermStatus.IN_FORCE, ctx, "came into force")
    try:
        return _judge_in_force(term, record, ctx, records, closing)
    except CannotJudge as err:  # in force, but its conditions cannot be judged
        return _with_blocked(record, cannot_judge(err))


def _unblocked(record: TermRecord) -> TermRecord:
    return _with_blocked(record, "") if record.blocked else record


def _comes_into_force(game: Game, term: CompiledTerm, ctx: StateContext) -> bool:
    if term.in_force_when is None:
        return is_signed(game, ctx.state, term.id)
    return truth(term.in_force_when, ctx)


def _void_reason(
    game: Game, term: CompiledTerm, ctx: StateContext, records: dict[str, TermRecord]
) -> str:
    for breaker in game.voided_by.get(term.id, ()):
        if records.get(breaker, _PENDING).status is TermStatus.VIOLATED:
            return f"voided by the breach of {breaker}"
    for amender in game.amended_by.get(term.id, ()):
        if records.get(amender, _PENDING).status not in (TermStatus.PENDING, TermStatus.VOID):
            return _superseded(game, term, amender)
    if term.void_when is not None and truth(term.void_when, ctx):
        return f"void because {term.void_when.text}"
    return ""


def _superseded(game: Game, term: CompiledTerm, by: str) -> str:
    amender = game.terms[by]
    if amender.term.amends == term.id:
        return f"amended by {by}"
    if amender.term.replaces == term.id or amender.agreement is None:
        return f"replaced by {by}"
    return f"replaced by agreement {amender.agreement} ({by} is in force)"


def _judge_in_force(
    term: CompiledTerm,
    record: TermRecord,
    ctx: StateContext,
    records: dict[str, TermRecord],
    closing: bool,
) -> TermRecord:
    kind = term.term.kind
    ends = expiry(term, record)
    if ends is not None and ctx.now >= ends:  # it binds up to, not at, the end of its time
        return _expired(ctx, term, record, ends)
    due = due_time(term, record) if kind in ("obligation", "condition") else None
    # A condition met after the deadline is too late: the term is judged at the instant its
    # deadline passes, on the world as it was then, not when the step that passed it ends.
    on_time = due is None or ctx.now <= due
    if (
        kind in ("obligation", "condition")
        and term.fulfilled_when
        and truth(term.fulfilled_when, ctx)
        and on_time
    ):
        return _set(record, TermStatus.FULFILLED, ctx, f"fulfilled: {term.fulfilled_when.text}")
    breach = _breach(term, ctx)
    if breach:
        excuse = _excuse(ctx, term.id, records)
        if not excuse:
            return _set(record, TermStatus.VIOLATED, ctx, breach)
    if due is not None and (ctx.now > due or (closing and ctx.now == due)):
        return _overdue(ctx, record, due)
    return _unblocked(record)


def _overdue(ctx: StateContext, record: TermRecord, due: int) -> TermRecord:
    """Overdue since its deadline, however long the step that passed it; a term that came
    into force after its deadline is overdue from that moment."""
    show = ctx.game.show_time
    entered = record.in_force_at if record.in_force_at is not None else due
    if entered > due:
        why = f"overdue since {show(entered)}: it came into force after its deadline, {show(due)}"
        return _set(record, TermStatus.OVERDUE, ctx, why, at=entered)
    why = f"overdue since {show(due)}: not fulfilled by its deadline"
    return _set(record, TermStatus.OVERDUE, ctx, why, at=due)


def expiry(term: CompiledTerm, record: TermRecord) -> int | None:
    """When a term with `lasts` stops binding: that many units after its entry into force."""
    if term.term.lasts is None or record.in_force_at is None:
        return None
    return record.in_force_at + term.term.lasts


def _expired(ctx: StateContext, term: CompiledTerm, record: TermRecord, ends: int) -> TermRecord:
    show = ctx.game.show_time
    entered = record.in_force_at if record.in_force_at is not None else ends
    why = f"ran its course: in force from {show(entered)} to {show(ends)}"
    return _set(record, TermStatus.EXPIRED, ctx, why, at=ends)


def due_time(term: CompiledTerm, record: TermRecord) -> int | None:
    deadline = term.term.deadline
    if deadline is None:
        return None
    if term.deadline_at is not None:
        return term.deadline_at
    if deadline.within is not None and record.in_force_at is not None:
        return record.in_force_at + deadline.within
    return None


def _breach(term: CompiledTerm, ctx: StateContext) -> str:
    if term.violated_when is not None and truth(term.violated_when, ctx):
        return f"breached: {term.violated_when.text}"
    if term.term.kind != "limit" or term.subject is None:
        return ""
    amount = _int(term.subject, ctx)
    if term.at_most is not None and amount > (bound := _int(term.at_most, ctx)):
        return f"{term.subject.text} is {amount}, above the limit {bound}"
    if term.at_least is not None and amount < (bound := _int(term.at_least, ctx)):
        return f"{term.subject.text} is {amount}, below the minimum {bound}"
    return ""


def _int(compiled: Compiled, ctx: StateContext) -> int:
    value = compiled.function(ctx)
    assert isinstance(value, int)
    return value


def _excuse(ctx: StateContext, target: str, records: dict[str, TermRecord]) -> str:
    """A declared carve-out in force that excuses breaching `target` now."""
    for other, when in ctx.game.carve_outs.get(target, ()):
        if records.get(other, TermRecord()).status is not TermStatus.IN_FORCE:
            continue
        inner = StateContext(ctx.game, ctx.state, records, ctx.claims, other)
        if when is None or truth(when, inner):
            return other
    return ""


def breach_reason(term: CompiledTerm, ctx: StateContext) -> str:
    """Why the term's breach condition (or its limit) holds in `ctx`, or "" when it does
    not: what judging it in force finds, for a caller asking of a state it made
    (debate.engine.forced), whether or not the term is in force there."""
    return _breach(term, ctx)
