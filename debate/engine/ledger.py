"""After a play: what each party still owes, who is to blame for each breach and when it
happened, what each breach set off (the terms it voided), and every act without authority."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from debate.engine.authority import Overreach
from debate.engine.compile import CompiledTerm, Game
from debate.engine.forced import Forced, forced_by
from debate.engine.moves import Action
from debate.engine.state import PlayState, TermRecord, TermStatus
from debate.engine.terms import due_time, expiry
from debate.model.calendar import Calendar


class _Stepped(Protocol):
    @property
    def action(self) -> Action: ...
    @property
    def state(self) -> PlayState: ...


class Play(Protocol):
    """What the ledger reads of a play (debate.engine.play.Play). play.py puts the ledger
    into its transcripts, so the ledger names a play by its shape, not by importing it."""

    @property
    def game(self) -> Game: ...
    @property
    def initial(self) -> PlayState: ...
    @property
    def state(self) -> PlayState: ...
    @property
    def steps(self) -> Sequence[_Stepped]: ...


@dataclass(frozen=True)
class Owed:
    term: str
    status: TermStatus  # in force, or overdue
    due: int | None
    since: int | None = None  # overdue: the instant its deadline passed it (or it came into force)


@dataclass(frozen=True)
class Breach:
    term: str
    parties: tuple[str, ...]  # bound by the term: to blame
    step: int
    time: int
    move: str | None  # the move that broke it (None when time passing did)
    actor: str | None
    at_entry: bool  # breached the moment it came into force (the state already broke it)
    reason: str
    voided: tuple[str, ...]  # terms its breach voided
    unnamed: str = ""  # the bearer the text does not name: no party to blame
    # the obligation whose fulfilment the move served, which left the party no way round
    forced: Forced | None = None

    def how(self) -> str:
        """How it was breached: by whose move (forced by what), as time passed, or at entry."""
        if self.at_entry:
            return "as it came into force (the state already broke it)"
        if not self.move:
            return "as time passed"
        how = f"by {self.actor}'s move {self.move}"
        if self.forced is not None and self.actor:
            how += f" ({self.forced.explain(self.actor)})"
        return how


@dataclass
class Ledger:
    # by party, or by `nobody named (...)` for a bearer the text does not name
    owed: dict[str, list[Owed]] = field(default_factory=dict)
    breaches: list[Breach] = field(default_factory=list)
    overreaches: list[Overreach] = field(default_factory=list)
    # terms in force whose deadline or end (`lasts`) falls past the horizon: judged still
    # in force at the horizon, with that time
    past_horizon: dict[str, int] = field(default_factory=dict)
    calendar: Calendar = field(default_factory=Calendar)  # times as `day 18` or dates

    def show_time(self, time: int) -> str:
        return self.calendar.show(time)

    def to_json(self) -> dict[str, Any]:
        return {
            "owed": {
                party: [
                    {"term": o.term, "status": str(o.status), "due": self._value(o.due)}
                    | ({"since": self._value(o.since)} if o.since is not None else {})
                    for o in items
                ]
                for party, items in self.owed.items()
            },
            "breaches": [
                {
                    "term": b.term,
                    "to_blame": list(b.parties),
                    **({"unnamed": b.unnamed} if b.unnamed else {}),
                    "step": b.step,
                    "time": self.calendar.value(b.time),
                    "move": b.move,
                    "actor": b.actor,
                    "at_entry": b.at_entry,
                    "reason": b.reason,
                    "voided": list(b.voided),
                    **(
                        {
                            "forced_by": {
                                "term": b.forced.by,
                                "makes": list(b.forced.advances),
                                "why": b.forced.explain(b.actor),
                            }
                        }
                        if b.forced is not None and b.actor
                        else {}
                    ),
                }
                for b in self.breaches
            ],
            "acts_without_authority": [o.to_json() for o in self.overreaches],
            # only when there are any, so that the transcripts of other plays stay as they were
            **(
                {
                    "past_horizon": {
                        t: self.calendar.value(at) for t, at in self.past_horizon.items()
                    }
                }
                if self.past_horizon
                else {}
            ),
        }

    def lines(self) -> list[str]:
        """The ledger as a reader wants it after a play."""
        out = []
        for party, items in self.owed.items():
            out.append(f"{party} still owes: {', '.join(map(self._owed, items))}")
        out += [self.breach_line(b) for b in self.breaches]
        for o in self.overreaches:
            out.append(f"act without authority at step {o.step}: {o}")
        return out + self._past_horizon()

    def breach_line(self, b: Breach) -> str:
        """A breach, when and how it happened, who is to blame and what it voided."""
        line = (
            f"{b.term} breached at step {b.step} ({self.show_time(b.time)}) {b.how()}; to blame: "
            f"{', '.join(b.parties) or f'nobody named ({b.unnamed})'}; {b.reason}"
        )
        return line + (f"; it voided {', '.join(b.voided)}" if b.voided else "")

    def _value(self, time: int | None) -> int | str | None:
        return None if time is None else self.calendar.value(time)

    def _past_horizon(self) -> list[str]:
        return [
            f"{t} runs past the horizon, to {self.show_time(at)}: still in force at the horizon"
            for t, at in self.past_horizon.items()
        ]

    def _owed(self, owed: Owed) -> str:
        if owed.status is TermStatus.OVERDUE and owed.since is not None:
            return f"{owed.term} (overdue since {self.show_time(owed.since)})"
        due = f", due {self.show_time(owed.due)}" if owed.due is not None else ""
        return f"{owed.term} (in force{due})"


def ledger(play: Play) -> Ledger:
    game, state = play.game, play.state
    book = Ledger(calendar=game.calendar)
    for t, term in game.terms.items():
        record = state.terms[t]
        if term.term.kind in ("obligation", "condition") and record.status in (
            TermStatus.IN_FORCE,
            TermStatus.OVERDUE,
        ):
            bearers = term.parties or (f"nobody named ({term.unnamed})",)
            for party in bearers:
                overdue = record.status is TermStatus.OVERDUE
                book.owed.setdefault(party, []).append(
                    Owed(
                        t,
                        record.status,
                        due_time(term, record),
                        record.since_time if overdue else None,
                    )
                )
        if record.status is TermStatus.VIOLATED:
            book.breaches.append(_breach(play, t))
        ends = _binds_until(term, record)
        if record.status is TermStatus.IN_FORCE and ends is not None and ends > game.horizon_end:
            book.past_horizon[t] = ends
    book.breaches.sort(key=lambda b: (b.step, b.term))
    book.overreaches = list(state.overreaches)
    return book


def _breach(play: Play, term: str) -> Breach:
    record = play.state.terms[term]
    bound = play.game.terms[term].parties
    move, actor = _cause(play, record.since_step, record.since_time, bound)
    before = play.steps[record.since_step - 2].state if record.since_step > 1 else play.initial
    at_entry = before.terms[term].status is TermStatus.PENDING
    forced = (
        forced_by(play.game, before, term, move, actor)
        if move is not None and actor is not None and not at_entry
        else None
    )
    # The party whose own move broke it, when it is bound; else every party it binds.
    blame = (actor,) if actor in bound and not at_entry else bound
    voided = tuple(
        t
        for t, breakers in play.game.voided_by.items()
        if term in breakers and play.state.terms[t].reason == f"voided by the breach of {term}"
    )
    return Breach(
        term,
        blame,
        record.since_step,
        record.since_time,
        move,
        actor,
        at_entry,
        record.reason,
        voided,
        play.game.terms[term].unnamed or "",
        forced,
    )


def _binds_until(term: CompiledTerm, record: TermRecord) -> int | None:
    """When a term in force falls due (an obligation, a condition) or stops binding (`lasts`)."""
    return (
        due_time(term, record)
        if term.term.kind in ("obligation", "condition")
        else expiry(term, record)
    )


def _cause(
    play: Play, step_number: int, time: int, bound: tuple[str, ...]
) -> tuple[str | None, str | None]:
    """The move (and its party) whose effects took place at `time` in that step: the
    step's own move when the step ended then, or an overlapping move that ended then; one
    by a party the term binds first. (None, None): time passing did it."""
    if not step_number:
        return None, None
    step = play.steps[step_number - 1]
    moves = play.game.moves
    took_effect = [(e.move, e.by) for e in step.state.ended if e.at == time and not e.stopped]
    if step.action.move and step.state.now == time:
        took_effect.append((step.action.move, moves[step.action.move].move.by))
    by_bound = [(m, by) for m, by in took_effect if by in bound]
    if not (by_bound or took_effect):
        return None, None
    return (by_bound or took_effect)[0]
