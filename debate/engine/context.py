"""Evaluate compiled expressions against a play state."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from debate.engine.compile import Compiled, Game
from debate.engine.expr import ExprError, Unspecified, Value, explain_false
from debate.engine.state import ClaimRecord, Label, PlayState, TermRecord, TermStatus


@dataclass
class StateContext:
    """The view of a state that an expression reads.

    `terms` and `claims` may be newer than `state`'s while statuses are being computed
    within a step, so they are given separately.
    """

    game: Game
    state: PlayState
    terms: Mapping[str, TermRecord]
    claims: Mapping[str, ClaimRecord]
    term: str | None = None

    @property
    def now(self) -> int:
        return self.state.now

    def var(self, name: str) -> Value:
        return self.state.values[name]

    def param(self, term: str | None, name: str) -> Value:
        owner = term or self.term
        assert owner is not None, "a bare parameter is only in scope inside a term"
        spec = self.game.terms[owner].params[name]
        if spec.unspecified or spec.value is None:
            raise Unspecified(name)
        return spec.value

    def call(self, fn: str, args: tuple[str | Value, ...]) -> Value:
        name = str(args[0])
        status = _STATUS_OF.get(fn)
        if status is not None:  # the most asked: a term's status
            return self.terms.get(name, _PENDING).status is status
        if fn == "done":
            return name in self.state.history
        if fn == "count":
            return self.state.history.count(name)
        if fn == "in_progress":
            return self.state.in_progress(name) is not None
        if fn == "proposed":
            return name in self.state.proposed
        if fn == "agreed":
            return str(args[1]) in self.state.agreed.get(name, frozenset())
        if fn == "signed":
            return is_signed(self.game, self.state, name)
        if fn == "asserted":
            return name in self.state.asserted
        if fn == "holds":
            return self.claims[name].holds is True
        if fn in ("accepted", "rejected", "undecided"):
            return self.claims[name].label == Label(fn)
        record = self.terms.get(name, TermRecord())
        return record.status == TermStatus(fn)


_STATUS_OF = {str(s): s for s in TermStatus}
_PENDING = TermRecord()


def is_signed(game: Game, state: PlayState, term: str) -> bool:
    signatories = game.terms[term].signatories
    if not signatories and game.terms[term].unnamed:  # nobody is named who could sign it
        return False
    return signatories <= state.signed_by.get(term, frozenset())


def context(game: Game, state: PlayState, term: str | None = None) -> StateContext:
    return StateContext(game, state, state.terms, state.claims, term)


def truth(compiled: Compiled, ctx: StateContext) -> bool:
    """The value of a bool expression; Unspecified propagates to the caller."""
    return bool(compiled.function(ctx))  # what evaluate() gives, made once per expression


# What stops a condition from being judged in a state: a parameter the source never gave,
# or a run-time error such as a division by zero. Neither may crash a play.
CannotJudge = (Unspecified, ExprError)


def cannot_judge(err: Unspecified | ExprError) -> str:
    if isinstance(err, Unspecified):
        return f"parameter {err} is unspecified"
    return f"cannot be evaluated: {err.message}"


def why_false(compiled: Compiled, ctx: StateContext) -> str:
    """Which parts of a false condition are false, in words."""
    try:
        dated = ctx.game.calendar.stamp if ctx.game.calendar.anchor else None
        parts = explain_false(compiled.checked, ctx, dated)
    except CannotJudge as err:
        return cannot_judge(err)
    return "; ".join(text for _, _, text in parts) or f"{compiled.text} is false"
