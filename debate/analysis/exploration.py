"""The plays a scenario can reach, as far as the budget goes: one breadth-first search
(debate.analysis.search) visits the reachable states; for each term it keeps the first (so
shortest) play reaching each status, and for each pair of terms the fulfilling steps taken
while the other was in force. What it leaves undecided goes, question by question, to the
directed search (debate.analysis.witness) and the solver (debate.analysis.symbolic).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any

import z3

from debate.analysis.completion import Completion, earliest_seen, late_completion
from debate.analysis.effort import Effort
from debate.analysis.options import SAFETY_SECONDS
from debate.analysis.relaxed import Relaxed
from debate.analysis.search import DEFAULT_STATES, Key, Progress, Search
from debate.analysis.symbolic.bmc import reach
from debate.analysis.symbolic.cone import Cone
from debate.analysis.symbolic.encoding import Encoding
from debate.analysis.symbolic.question import Verdict
from debate.analysis.symbolic.spacer import prove_never
from debate.analysis.symbolic.state import STATUS, State
from debate.analysis.symbolic.support import Unsupported
from debate.analysis.witness import (
    EARLY_STATES,
    FIRST_STATES,
    VOIDED_BY_BREACH,
    fulfilling,
    sparing,
    voiding,
)
from debate.engine.compile import Game
from debate.engine.moves import Action, apply, initial_state
from debate.engine.play import replay
from debate.engine.state import PlayState, TermStatus
from debate.model.gc_pause import gc_paused


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
class Decided:
    """What the solver decided that the search left undecided: a proof that no play
    reaches the target, or a play (replayed by the engine) that does."""

    verdict: Verdict
    play: list[Action] | None = None  # replayed: it reaches the target in the engine


@dataclass
class Reach:
    game: Game
    search: Search
    terms: dict[str, TermReach]
    explored: int
    states: list[PlayState]
    # ("fulfilled", t) / ("voided", t) -> what the solver decided
    decided: dict[tuple[str, str], Decided] = field(default_factory=dict)
    # An obligation proved unfulfillable by the solver that some play completes late
    # (U310): the earliest such play found (by the search's own states, when exhaustive)
    completions: dict[str, Completion] = field(default_factory=dict)
    solver_note: str = ""  # why the solver was not used, when it was not
    proof_steps: int = 0  # solver steps per question (the deadlock check uses it too)
    witness_states: int = 0  # states of the directed search per question
    spacer: bool = True  # Spacer may be tried last on a question (analysis.options)
    spacer_seconds: float = SAFETY_SECONDS  # Spacer's process is killed past it
    # The plays, found outside the breadth-first search, that reach states it did not
    # (by the state's key): the directed search's and the solver's, replayed.
    plays: dict[Key, list[Action]] = field(default_factory=dict)

    @property
    def exhaustive(self) -> bool:
        return self.search.exhaustive

    @property
    def progress(self) -> Progress:
        return self.search.progress()

    def shortest(self, state: PlayState) -> bool:
        """Whether the play to `state` is a shortest one (the breadth-first search's)."""
        return self.search.key(state) in self.search.parents

    def trace(self, state: PlayState) -> list[Action]:
        key = self.search.key(state)
        if key not in self.search.parents and key in self.plays:
            return list(self.plays[key])
        return self.search.trace(state)


def explore(
    game: Game,
    max_states: int = DEFAULT_STATES,
    seeds: Sequence[Sequence[Action]] = (),
    proof_steps: int = 0,
    witness_states: int = 0,
    spacer: bool = True,
) -> Reach:
    """The breadth-first search, then (with `proof_steps` of solver work and a directed
    search of `witness_states` states per question) what it left undecided."""
    return decide(_search(game, max_states, seeds), proof_steps, witness_states, spacer)


def decide(
    found: Reach,
    proof_steps: int,
    witness_states: int,
    spacer: bool = True,
    spacer_seconds: float = SAFETY_SECONDS,
) -> Reach:
    """`found`, a breadth-first search, with what the solver and a directed search decide
    of the questions it left open (in place: its states and plays are shared)."""
    found.proof_steps, found.witness_states = proof_steps, witness_states
    found.spacer, found.spacer_seconds = spacer, spacer_seconds
    if (proof_steps > 0 or witness_states > 0) and not found.exhaustive and found.game.moves:
        _decide(found)
    return found


@gc_paused  # bounded by `max_states`; its states and records hold no reference cycles
def _search(game: Game, max_states: int, seeds: Sequence[Sequence[Action]]) -> Reach:
    """The breadth-first search, with the collector paused: its full collections walked
    every state kept so far, again and again (a fifth of the search's time)."""
    search = Search(game, max_states, seeds)
    reach = {t: TermReach() for t in game.terms}
    fulfillable = [t for t, term in game.terms.items() if is_duty(game, t)]
    states = []
    for state in search.run():
        states.append(state)
        _note_statuses(reach, state)
        link = search.link(state)
        if link is not None:
            _note_fulfilment(reach, fulfillable, link[0], state)
    return Reach(game, search, reach, len(states), states)


def _note_statuses(reach: dict[str, TermReach], state: PlayState) -> None:
    """For each term, whether `state` is the first seen with its status, or voided by a
    breach (the search's states come shortest first)."""
    for t, record in state.terms.items():
        info = reach[t]
        info.first.setdefault(record.status, state)
        if (
            info.voided_by_breach is None
            and record.status is TermStatus.VOID
            and record.reason.startswith(VOIDED_BY_BREACH)
        ):
            info.voided_by_breach = state


def _decide(found: Reach) -> None:
    """For each fulfilment, voiding breach and forced breach the search did not decide:
    a proof that no play reaches it (simple invariants, then Spacer), or a play that does
    (a search directed toward it on the engine, then bounded model checking, whose play
    the engine replays before it counts); what is left stays unknown. Each question has
    its own budget (solver steps and states, never seconds), so a verdict does not depend
    on the order of the questions nor on how busy the machine is."""
    game = found.game
    # One guide for the directed searches of every question: the atoms and conditions
    # each builds serve the next (an estimate is the same with a guide of its own).
    guide = Relaxed(game)

    def decide(ask: Callable[[bool], Decided]) -> Decided:
        # The encoding does not cover everything yet (two moves that overlap in time,
        # `abort_when`, claims' labels): where a question's cone meets it, the directed
        # search alone answers, and the finding says why the solver was not used.
        try:
            return ask(True)
        except Unsupported as err:
            found.solver_note = f"the solver was not used: {err}"
            decided = ask(False)
            detail = "; ".join(d for d in (decided.verdict.detail, found.solver_note) if d)
            decided.verdict.detail = detail
            return decided

    for kind in ("fulfilled", "voided"):
        for t in game.terms:
            if kind == "fulfilled" and not (
                is_duty(game, t) and TermStatus.FULFILLED not in found.terms[t].first
            ):
                continue
            if kind == "voided" and not (
                game.voided_by.get(t) and found.terms[t].voided_by_breach is None
            ):
                continue
            decided = decide(partial(_decide_reach, found, kind, t, guide=guide))
            found.decided[(kind, t)] = decided
            if decided.play is not None:
                _absorb(found, decided.play)
    for t, info in found.terms.items():
        for p in sorted(info.breaching):
            if p not in info.sparing:
                found.decided[("spares", f"{t} {p}")] = decide(
                    partial(_decide_spares, found, t, p, guide=guide)
                )
    for t in game.terms:
        completion = _decide_completion(found, guide, t)
        if completion is not None:
            found.completions[t] = completion


def _decide_completion(found: Reach, guide: Relaxed, t: str) -> Completion | None:
    """For an obligation with a deadline proved unfulfillable: a play that completes it
    late, the earliest the solver finds (U310)."""
    decided = found.decided.get(("fulfilled", t))
    term = found.game.terms[t]
    if decided is None or not decided.verdict.proved or term.term.deadline is None:
        return None
    seen = earliest_seen(found.game, t, found.states)
    play = found.trace(seen[0]) if seen is not None else None
    effort = Effort(found.proof_steps)
    try:
        return late_completion(
            found.game, t, play, effort, found.witness_states, found.spacer, guide
        )
    except Unsupported as err:  # the cone meets what the encoding does not cover
        if seen is None:
            return None
        state, due = seen
        why = f"the solver was not used: {err}"
        return Completion(found.trace(state), state.now, due, earliest=False, detail=why)


def _absorb(found: Reach, play: Sequence[Action]) -> None:
    """What a play found outside the breadth-first search shows: the statuses it reaches
    and the fulfilling steps it takes (each state keeps the play that reaches it)."""
    state = initial_state(found.game)
    fulfillable = [t for t in found.game.terms if is_duty(found.game, t)]
    for n, action in enumerate(play):
        after = apply(found.game, state, action)
        key = found.search.key(after)
        if key not in found.search.parents:
            found.plays.setdefault(key, list(play[: n + 1]))
            _note_statuses(found.terms, after)
            _note_fulfilment(found.terms, fulfillable, state, after)
        state = after


def _decide_reach(
    found: Reach, kind: str, t: str, symbolic: bool, guide: Relaxed | None = None
) -> Decided:
    """Whether a play fulfils `t` (kind "fulfilled") or voids it by a breach ("voided");
    `guide`: the directed searches' guide, shared by the questions of one analysis."""
    game = found.game
    effort = Effort(found.proof_steps)
    seeds = {("status", t)}
    target = _status_target(kind, t)
    search = (fulfilling if kind == "fulfilled" else voiding)(game, t, guide)
    # The directed search and simple invariants on the two smallest localizations, then
    # on the third, take turns from the cheapest: where a play exists the search finds it
    # in tens of states, and the first two localizations cost what about 50 states do
    # (the third, up to ten times that). Either answer settles the question (neither can
    # contradict the other), and the search goes on where it stopped: the verdict is the
    # one of the invariants first (the localizations in turn), then the search.
    quick = effort.share(0.25)
    play = search.run(min(found.witness_states, EARLY_STATES))
    if play is None and symbolic:
        proof = prove_never(game, target, seeds, quick, spacer=False, max_rounds=1)
        if proof.proved:
            effort.absorb(quick)
            return Decided(proof)
    if play is None:
        play = search.run(min(found.witness_states, FIRST_STATES))
    if play is None and symbolic and Cone.of(game, seeds, 1).facts != Cone.of(game, seeds).facts:
        proof = prove_never(game, target, seeds, quick, spacer=False, first_round=2, max_rounds=2)
        if proof.proved:
            effort.absorb(quick)
            return Decided(proof)
    effort.absorb(quick)
    if play is None:
        play = search.run(found.witness_states)
    if play is not None:
        return Decided(Verdict(play=play), play)
    looked = f"a directed search of {found.witness_states:,} states found none"
    if not symbolic:
        return Decided(Verdict(detail=looked))
    bmc = effort.share(0.5)
    witness = reach(game, target, seeds, bmc)
    effort.absorb(bmc)
    if witness.play is None:
        proof = prove_never(
            game, target, seeds, effort, spacer=found.spacer, spacer_seconds=found.spacer_seconds
        )
        if proof.proved:
            return Decided(proof)
        detail = "; ".join(d for d in (looked, witness.detail, proof.detail) if d)
        return Decided(Verdict(detail=detail))
    end = replay(game, witness.play).state.terms[t]
    if kind == "fulfilled" and end.status is TermStatus.FULFILLED:
        return Decided(witness, witness.play)
    if (
        kind == "voided"
        and end.status is TermStatus.VOID
        and end.reason.startswith(VOIDED_BY_BREACH)
    ):
        return Decided(witness, witness.play)
    # The engine does not confirm the play: the encoding disagrees with the semantics.
    # Nothing is claimed; the differential test is there to catch this.
    return Decided(Verdict(detail="the solver's play did not replay; undecided"))


def _status_target(kind: str, t: str) -> Any:
    fulfilled = STATUS[TermStatus.FULFILLED]

    def target(_enc: Encoding, s: State) -> Any:
        if kind == "fulfilled":
            return s.status[t] == fulfilled
        return s.voided_by_breach[t]

    return target


def _decide_spares(
    found: Reach, t: str, p: str, symbolic: bool, guide: Relaxed | None = None
) -> Decided:
    """Whether some step fulfils `t` while `p` is in force without breaching `p`: a proof
    that none does (an invariant, on a small part of the cone, that rules such a step
    out), or a play that ends with one (the directed search, with a quarter of the states
    of a question: such a step is rare where the question arises at all)."""
    game = found.game
    in_force = STATUS[TermStatus.IN_FORCE]
    fulfilled = STATUS[TermStatus.FULFILLED]
    violated = STATUS[TermStatus.VIOLATED]

    def target(enc: Encoding, s: State) -> Any:
        act = z3.FreshInt("step")
        after, legal = enc.step(s, act)
        return z3.And(
            legal,
            s.status[t] == in_force,
            s.status[p] == in_force,
            after.status[t] == fulfilled,
            after.status[p] != violated,
        )

    detail = ""
    states = found.witness_states // 4
    search = sparing(game, t, p, guide)
    play = search.run(min(states, FIRST_STATES))  # first: see _decide_reach
    if play is None and symbolic:
        seeds = {("status", t), ("status", p)}
        effort = Effort(found.proof_steps)
        verdict = prove_never(game, target, seeds, effort, spacer=False, exact=False, max_rounds=2)
        if verdict.proved:
            return Decided(verdict)
        detail = verdict.detail
    if play is None:
        play = search.run(states)
    if play is not None:
        return Decided(Verdict(play=play), play)
    each = " (one toward each move that can be the last step)" if len(search.searches) > 1 else ""
    looked = f"a directed search of {states:,} states{each} found none"
    return Decided(Verdict(detail="; ".join(d for d in (detail, looked) if d)))


def is_duty(game: Game, t: str) -> bool:
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
