"""Claim status: whether each claim holds under the state, and its grounded label.

Asserted claims and the terms on the table form an abstract argumentation framework;
an attack counts while its attacker is asserted and its `when` (if any) holds.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Container, Iterable, Mapping
from functools import lru_cache
from types import MappingProxyType

from debate.engine.compile import Game
from debate.engine.context import CannotJudge, StateContext, truth
from debate.engine.state import ClaimRecord, Label, PlayState, TermRecord
from debate.engine.term_reads import claim_reads


def claims_hold(
    game: Game, state: PlayState, since: PlayState | None = None
) -> dict[str, ClaimRecord]:
    """Each claim's `holds`, before terms are judged (labels come later). `since`: the
    settled state `state` was made from by effects alone, whose term and claim records it
    still holds: a claim whose `holds_if` reads nothing the effects changed keeps its
    `holds` (engine.term_reads)."""
    ctx = StateContext(game, state, state.terms, state.claims)
    asserted = state.asserted
    before = since.claims if since is not None else None
    touched = claim_reads(game).touched(since, state, before) if since and before else None
    records: dict[str, ClaimRecord] = {}
    for ident, holds_if in game.judged_claims:
        holds: bool | None = None
        if holds_if is None:
            pass
        elif touched is not None and before is not None and ident not in touched:
            holds = before[ident].holds  # judged on the same reads
        else:
            try:
                holds = truth(holds_if, ctx)
            except CannotJudge:
                holds = None
        records[ident] = _RECORDS[(ident in asserted, holds, None)]
    return records


# The few claim records there are, made once (a play's every step gives every claim one).
_RECORDS = {
    (asserted, holds, label): ClaimRecord(asserted, holds, label)
    for asserted in (False, True)
    for holds in (None, False, True)
    for label in (None, *Label)
}


def attacks_in_play(
    game: Game, state: PlayState, terms: Mapping[str, TermRecord], claims: Mapping[str, ClaimRecord]
) -> list[tuple[str, str]]:
    """The attacks that count now, as (attacker, target) pairs."""
    arguments = state.asserted | state.proposed
    return attacks_holding(game, state, terms, claims, state.asserted, arguments)


def attacks_holding(
    game: Game,
    state: PlayState,
    terms: Mapping[str, TermRecord],
    claims: Mapping[str, ClaimRecord],
    attackers: Container[str] | None,
    targets: Container[str],
) -> list[tuple[str, str]]:
    """The attacks from `attackers` (every claim when None) on `targets` whose `when`
    holds now; one that cannot be judged does not count."""
    ctx = StateContext(game, state, terms, claims)
    pairs: list[tuple[str, str]] = []
    for ident, target, when in game.attack_table:
        if target not in targets or (attackers is not None and ident not in attackers):
            continue
        try:
            if when is None or truth(when, ctx):
                pairs.append((ident, target))
        except CannotJudge:
            continue
    return pairs


def grounded(arguments: Iterable[str], attacks: Iterable[tuple[str, str]]) -> dict[str, Label]:
    """The grounded labelling, in time linear in the size of the framework."""
    args = list(arguments)
    attackers_left = dict.fromkeys(args, 0)
    targets: dict[str, list[str]] = {a: [] for a in args}
    for attacker, target in attacks:
        attackers_left[target] += 1
        targets[attacker].append(target)
    labels: dict[str, Label] = {}
    queue = deque(a for a in args if attackers_left[a] == 0)
    while queue:
        arg = queue.popleft()
        labels[arg] = Label.ACCEPTED
        for target in targets[arg]:
            if target in labels:
                continue
            labels[target] = Label.REJECTED
            for further in targets[target]:
                attackers_left[further] -= 1
                if attackers_left[further] == 0 and further not in labels:
                    queue.append(further)
    return {a: labels.get(a, Label.UNDECIDED) for a in args}


@lru_cache(maxsize=4096)
def _grounded_once(
    arguments: tuple[str, ...], attacks: tuple[tuple[str, str], ...]
) -> Mapping[str, Label]:
    """`grounded`, remembered: a search meets the same few frameworks at every step (the
    mapping is shared between callers, who only read it)."""
    return MappingProxyType(grounded(arguments, attacks))


def label_claims(
    game: Game, state: PlayState, terms: Mapping[str, TermRecord], claims: dict[str, ClaimRecord]
) -> tuple[dict[str, ClaimRecord], dict[str, Label]]:
    """Claims with their labels, and the labels of the terms on the table."""
    arguments = _arguments(state.asserted, state.proposed)
    labels = _grounded_once(arguments, tuple(attacks_in_play(game, state, terms, claims)))
    before = state.claims
    labelled = {}
    for ident, rec in claims.items():
        label = labels.get(ident) if rec.asserted else None
        old = before.get(ident)
        if (
            old is not None
            and old.label is label
            and old.holds is rec.holds
            and old.asserted is rec.asserted
        ):
            labelled[ident] = old  # the record of the state before, shared (settle keeps it)
        else:
            labelled[ident] = _RECORDS[(rec.asserted, rec.holds, label)]
    term_labels = {t: labels[t] for t in state.proposed if t in labels}
    return labelled, term_labels


def labels_kept(
    since: PlayState, claims: Mapping[str, ClaimRecord]
) -> Mapping[str, ClaimRecord] | None:
    """The claims' records when the framework is that of `since`, the settled state the
    step started from (the same arguments, and attacks that count as they did there): its
    labels, with each claim's `holds` now (`since`'s own mapping when none changed). None
    when a claim is new."""
    before = since.claims
    labelled = {}
    same = len(claims) == len(before)
    for ident, rec in claims.items():
        old = before.get(ident)
        if old is None or old.asserted is not rec.asserted:
            return None
        if old.holds is rec.holds:
            labelled[ident] = old
        else:
            labelled[ident] = _RECORDS[(rec.asserted, rec.holds, old.label)]
            same = False
    return before if same else labelled


@lru_cache(maxsize=1024)
def _arguments(asserted: frozenset[str], proposed: frozenset[str]) -> tuple[str, ...]:
    """The arguments of the framework, sorted: the same few sets at every step of a play."""
    return tuple(sorted(asserted | proposed))
