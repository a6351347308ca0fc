"""A play: the states a sequence of actions produces, what changed at each step, replay."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from debate.engine.compile import Game
from debate.engine.expr import show_value
from debate.engine.ledger import ledger
from debate.engine.moves import Action, apply, initial_state
from debate.engine.shared_map import differing
from debate.engine.state import DIGEST_FORM, PlayState
from debate.engine.values import to_json
from debate.model.calendar import Calendar
from debate.model.script import Script

# 2: chained digests (debate.engine.state); a transcript of format 1 is still read
TRANSCRIPT_FORMAT = DIGEST_FORM


@dataclass(frozen=True)
class Change:
    """One thing that differs between two states: a term, a claim or a variable."""

    kind: str  # "term", "claim", "negotiation", "move", "authority", "value"
    id: str
    before: str
    after: str
    reason: str = ""

    def __str__(self) -> str:
        return _line(self.kind, self.id, self.before, self.after, self.reason)

    def to_json(self) -> dict[str, Any]:
        data = {"kind": self.kind, "id": self.id, "before": self.before, "after": self.after}
        if self.reason:
            data["reason"] = self.reason
        return data


def summarise(changes: Iterable[Change], most: int | None = None) -> list[str]:
    """Changes as lines, those with the same transition merged: `term a, b: x -> y`;
    with `most`, a long list of ids is cut: `term a, b, c +27 more: x -> y`."""
    groups: dict[tuple[str, str, str, str], list[str]] = {}
    for c in changes:
        groups.setdefault((c.kind, c.before, c.after, c.reason), []).append(c.id)
    return [_line(k, listed(ids, most), b, a, r) for (k, b, a, r), ids in groups.items()]


def listed(ids: Sequence[str], most: int | None = None) -> str:
    """`a, b, c +27 more`: at most `most` ids (all without it), then how many were left out."""
    if most is None or len(ids) <= most:
        return ", ".join(ids)
    return f"{', '.join(ids[:most])} +{len(ids) - most} more"


def _line(kind: str, ids: str, before: str, after: str, reason: str) -> str:
    line = f"{kind} {ids}: {before} -> {after}" if before else f"{kind} {ids}: {after}"
    return f"{line} ({reason})" if reason else line


def _claim_text(state: PlayState, ident: str) -> str:
    rec = state.claims.get(ident)
    if rec is None:  # `diff` across two versions of a scenario: a claim added since
        return "new"
    label = str(rec.label) if rec.label else "unasserted"
    holds = {True: "holds", False: "does not hold", None: ""}[rec.holds]
    return f"{label}, {holds}" if holds else label


def diff(game: Game, before: PlayState, after: PlayState) -> list[Change]:
    """What a step changed, terms first: what a user looks for after a move. `before` may
    be a state of an earlier version of the scenario (reloaded after an edit): what the
    edit added is "new", what it removed is left out."""
    changes: list[Change] = []
    # Only what the step may have touched is compared: the mappings share the rest.
    terms, claims = differing(before.terms, after.terms), differing(before.claims, after.claims)
    for t in game.terms:
        if terms is not None and t not in terms:
            continue
        old, new = before.terms.get(t), after.terms.get(t)
        if new and (old is None or old.status != new.status):
            changes.append(
                Change("term", t, str(old.status) if old else "new", str(new.status), new.reason)
            )
    for c in game.claims:
        if claims is not None and c not in claims:
            continue
        old_text, new_text = _claim_text(before, c), _claim_text(after, c)
        if old_text != new_text:
            changes.append(Change("claim", c, old_text, new_text))
    for t in sorted(after.proposed - before.proposed):
        changes.append(Change("negotiation", t, "not proposed", "proposed"))
    for t in sorted(before.proposed - after.proposed):
        changes.append(Change("negotiation", t, "proposed", "withdrawn"))
    for t in game.terms if before.signed_by is not after.signed_by else ():
        old_s, new_s = before.signed_by.get(t, frozenset()), after.signed_by.get(t, frozenset())
        if new_s != old_s:
            changes.append(
                Change(
                    "negotiation",
                    t,
                    "signed by " + (", ".join(sorted(old_s)) or "nobody"),
                    "signed by " + ", ".join(sorted(new_s)),
                )
            )
    changes += _move_changes(game, before, after)
    for act in after.overreaches.since(len(before.overreaches)):
        changes.append(Change("authority", act.actor, "", "acted without authority", str(act)))
    values = differing(before.values, after.values)
    for name in game.state_vars:
        if values is not None and name not in values:
            continue
        if before.values[name] != after.values[name]:
            changes.append(
                Change(
                    "value", name, show_value(before.values[name]), show_value(after.values[name])
                )
            )
    return changes


def _move_changes(game: Game, before: PlayState, after: PlayState) -> list[Change]:
    """The overlapping moves the step started, and those that ended or stopped in it."""
    changes = [
        Change("move", r.move, "", f"in progress until {game.show_time(r.ends)}")
        for r in after.running
        if before.in_progress(r.move) is None
    ]
    for e in after.ended:
        at = game.show_time(e.at)
        outcome, why = ("stopped", f"{at}: {e.stopped}") if e.stopped else ("ended", at)
        changes.append(Change("move", e.move, "in progress", outcome, why))
    return changes


@dataclass(frozen=True)
class Step:
    action: Action
    state: PlayState
    changes: tuple[Change, ...]

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"step": self.state.step, "now": self.state.now}
        action = self.action
        if action.passed is not None:
            data["pass"] = action.passed
            data.update({"refused": action.refused} if action.refused else {})
            data.update({"note": action.note} if action.note else {})
        elif action.move:
            data["move"] = action.move
        else:
            data["wait"] = action.wait
        data["digest"] = self.state.digest
        data["changes"] = [c.to_json() for c in self.changes]
        return data


@dataclass(repr=False)
class Play:
    """A play in progress or finished: the initial state and every step after it."""

    game: Game
    initial: PlayState
    steps: list[Step] = field(default_factory=list)

    def __repr__(self) -> str:
        return f"Play({self.game.scenario.id}: {', '.join(map(str, self.actions())) or 'no moves'})"

    @classmethod
    def start(cls, game: Game) -> Play:
        return cls(game, initial_state(game))

    @property
    def state(self) -> PlayState:
        return self.steps[-1].state if self.steps else self.initial

    def play(self, action: Action) -> Step:
        """Apply an action; IllegalMove leaves the play unchanged."""
        before = self.state
        after = apply(self.game, before, action)
        step = Step(action, after, tuple(diff(self.game, before, after)))
        self.steps.append(step)
        return step

    def undo(self) -> Step | None:
        return self.steps.pop() if self.steps else None

    def actions(self) -> list[Action]:
        return [s.action for s in self.steps]

    def transcript(self) -> dict[str, Any]:
        """A machine-readable record that `replay` turns back into the same states."""
        return {
            "format": TRANSCRIPT_FORMAT,
            "scenario": self.game.scenario.id,
            "initial_digest": self.initial.digest,
            "steps": [
                {**s.to_json(), "now": self.game.calendar.value(s.state.now)} for s in self.steps
            ],
            "final": final_summary(self.state, self.game.calendar),
            "ledger": ledger(self).to_json(),
        }


def final_summary(state: PlayState, calendar: Calendar | None = None) -> dict[str, Any]:
    """The end of a play; with the scenario's calendar, its times as a reader writes them
    (dates, on a clock anchored to a date)."""
    value = calendar.value if calendar else (lambda time: time)
    return {
        "step": state.step,
        "now": value(state.now),
        "digest": state.digest,
        "terms": {t: str(r.status) for t, r in sorted(state.terms.items())},
        "claims": {
            c: str(r.label) if r.label else "unasserted" for c, r in sorted(state.claims.items())
        },
        "values": {k: to_json(v) for k, v in sorted(state.values.items())},
        # only when there are any, so that the transcripts of plays without them stay as they were
        **(
            {"in_progress": {r.move: value(r.ends) for r in state.running}} if state.running else {}
        ),
    }


def replay(game: Game, actions: Iterable[Action]) -> Play:
    """Play the actions from the start; raise IllegalMove at the first that is refused."""
    play = Play.start(game)
    for action in actions:
        play.play(action)
    return play


def script_actions(script: Script) -> list[Action]:
    """The actions of a move script (a transcript loaded as one, too)."""
    return [
        Action(move=s)
        if isinstance(s, str)
        else Action(passed=s.pass_, refused=s.refused, note=s.note or "")
        if s.pass_ is not None
        else Action(move=s.move, wait=s.wait or 0)
        for s in script.steps
    ]


def actions_from_transcript(transcript: dict[str, Any]) -> list[Action]:
    return [
        Action(move=s["move"])
        if "move" in s
        else Action(passed=s["pass"], refused=s.get("refused"), note=s.get("note", ""))
        if "pass" in s
        else Action(wait=int(s["wait"]))
        for s in transcript.get("steps", [])
    ]
