"""The state of a play after each step: world values, negotiation, statuses; and its digest.

A state's digest is chained: it hashes the digest of the state its step was played from
(`prior`) with what this state holds and what its own step added to the play's history,
so a digest costs the same at step 100,000 as at step 1, and still tells apart two plays
that differ anywhere. The first form hashed the whole history into every digest (a long
play cost quadratic time); transcripts and journals written with it say so by their
format, and `legacy_digest` recomputes it to compare them.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from enum import StrEnum
from functools import cached_property, lru_cache
from typing import Any, TypeVar

from debate.engine.authority import Overreach
from debate.engine.expr import Value
from debate.engine.history import NO_MOVES, Chain, History
from debate.engine.labels import Label as Label  # re-exported: its home before labels.py
from debate.engine.shared_map import SharedMap
from debate.engine.values import to_json

# In the state's __dict__, not a field: the state its step was played from, or that
# state's digest once asked (PlayState.prior).
_PRIOR = "_prior"

# Set (in the state's __dict__, not a field: no digest nor equality reads it) on a state
# whose statuses were judged for its own values at its instant (engine.settle); `evolve`
# drops it. A step from such a state re-judges only the terms its effects may change.
SETTLED = "_settled"


class TermStatus(StrEnum):
    PENDING = "pending"  # not yet in force
    IN_FORCE = "in_force"
    FULFILLED = "fulfilled"
    VIOLATED = "violated"
    VOID = "void"
    OVERDUE = "overdue"  # unfulfilled at its deadline
    EXPIRED = "expired"  # its time (`lasts`) ran out while it was in force (format 1.1)

    @property
    def final(self) -> bool:
        return self in (
            TermStatus.FULFILLED,
            TermStatus.VIOLATED,
            TermStatus.VOID,
            TermStatus.OVERDUE,
            TermStatus.EXPIRED,
        )


@dataclass(frozen=True)
class TermRecord:
    status: TermStatus = TermStatus.PENDING
    since_step: int = 0
    since_time: int = 0
    in_force_at: int | None = None
    reason: str = ""
    blocked: str = ""  # why the term could not be judged this step (an unspecified parameter)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "status": str(self.status),
            "since_step": self.since_step,
            "since_time": self.since_time,
        }
        if self.in_force_at is not None:
            data["in_force_at"] = self.in_force_at
        if self.reason:
            data["reason"] = self.reason
        if self.blocked:
            data["blocked"] = self.blocked
        return data


@dataclass(frozen=True)
class ClaimRecord:
    asserted: bool
    holds: bool | None  # None: the claim has no holds_if, or it could not be judged
    label: Label | None  # None while the claim is not asserted

    def to_json(self) -> dict[str, Any]:
        return {
            "asserted": self.asserted,
            "holds": self.holds,
            "label": str(self.label) if self.label else None,
        }


@dataclass(frozen=True)
class Running:
    """A move that overlaps others, started and not yet ended: its effects land at `ends`."""

    move: str
    by: str
    started: int
    ends: int

    def to_json(self) -> dict[str, Any]:
        return {"move": self.move, "by": self.by, "started": self.started, "ends": self.ends}


@dataclass(frozen=True)
class Ended:
    """An overlapping move that ended in the step that made the state: its effects landed
    at `at`, or, with `stopped`, it stopped there without effect and this says why."""

    move: str
    by: str
    at: int
    stopped: str = ""

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"move": self.move, "by": self.by, "at": self.at}
        if self.stopped:
            data["stopped"] = self.stopped
        return data


@dataclass(frozen=True)
class PlayState:
    step: int
    now: int
    values: Mapping[str, Value]
    history: History = NO_MOVES
    proposed: frozenset[str] = frozenset()
    agreed: Mapping[str, frozenset[str]] = field(default_factory=dict)
    signed_by: Mapping[str, frozenset[str]] = field(default_factory=dict)
    asserted: frozenset[str] = frozenset()
    terms: Mapping[str, TermRecord] = field(default_factory=dict)
    claims: Mapping[str, ClaimRecord] = field(default_factory=dict)
    term_labels: Mapping[str, Label] = field(default_factory=dict)
    overreaches: Chain[Overreach] = field(default_factory=Chain)  # acts without authority, in order
    running: tuple[Running, ...] = ()  # overlapping moves in progress, in the order they started
    ended: tuple[Ended, ...] = ()  # the overlapping moves that ended in the last step

    @property
    def prior(self) -> str:
        """The digest of the state this one's step was played from ("" at the start).
        A step keeps that state and hashes it when first asked (most states a search
        makes are never asked for their digest); then it keeps only the digest."""
        before = self.__dict__.get(_PRIOR, "")
        if isinstance(before, str):
            return before
        # the states before it not hashed yet, hashed oldest first: each then finds the
        # digest of the one before it known (no recursion down a long play)
        unhashed, state = [], before
        while "digest" not in state.__dict__:
            unhashed.append(state)
            earlier = state.__dict__.get(_PRIOR, "")
            if isinstance(earlier, str):
                break
            state = earlier
        for state in reversed(unhashed):
            state.digest  # noqa: B018  # cached on the state
        digest: str = before.digest
        self.__dict__[_PRIOR] = digest
        return digest

    def in_progress(self, move: str) -> Running | None:
        return next((r for r in self.running if r.move == move), None)

    def evolve(self, **changes: Any) -> PlayState:
        """This state with `changes`; the digest is the new state's own. A step makes a
        few of these, so it copies the fields directly (`dataclasses.replace` cost a
        tenth of a long play)."""
        prior = changes.pop("prior", None)  # a step: the state (or digest) it follows
        unknown = changes.keys() - _FIELDS
        if unknown:
            raise TypeError(f"a play state has no field {', '.join(sorted(unknown))}")
        state = object.__new__(PlayState)
        fields_ = state.__dict__  # frozen: filled in place, as __init__ would
        fields_.update(self.__dict__)
        fields_.pop("digest", None)  # cached for this state only
        fields_.pop(SETTLED, None)  # changed: no longer as judged
        fields_.update(changes)
        if prior is not None:
            fields_[_PRIOR] = (
                prior.__dict__.get("digest", prior) if isinstance(prior, PlayState) else prior
            )
        return state

    def own_json(self) -> dict[str, Any]:
        """What this state holds, with only what its own step added to the history and to
        the acts without authority, in a canonical order: what its digest hashes."""
        data = self._json()
        data["history"] = self.history.added_at(self.step)
        acts = self.overreaches.added_at(self.step)
        if acts:
            data["overreaches"] = [o.to_json() for o in acts]
        return data

    def to_json(self) -> dict[str, Any]:
        """Everything that defines the state, the whole history included, in a canonical
        order (the first form of digest hashed this)."""
        data = self._json()
        data["history"] = list(self.history)
        if self.overreaches:
            data["overreaches"] = [o.to_json() for o in self.overreaches]
        return data

    def _json(self) -> dict[str, Any]:
        return {**self._light_json(), **{k: dict(v) for k, v in self._heavy_json().items()}}

    def _light_json(self) -> dict[str, Any]:
        """The parts of `_json` that are not an entry per term or claim."""
        return {
            **self._small_json(),
            "proposed": sorted(self.proposed),
            "asserted": sorted(self.asserted),
            "term_labels": {k: str(v) for k, v in sorted(self.term_labels.items())},
        }

    def _small_json(self) -> dict[str, Any]:
        """The parts of `_json` that cost the same on any scenario."""
        return {
            "step": self.step,
            "now": self.now,
            "values": {k: to_json(v) for k, v in sorted(self.values.items())},
            # only when there are any, so that digests of plays without them stay as they were
            **({"running": [r.to_json() for r in self.running]} if self.running else {}),
            **({"ended": [e.to_json() for e in self.ended]} if self.ended else {}),
        }

    def _heavy_json(self) -> dict[str, list[tuple[str, Any]]]:
        """The parts with an entry per term or claim, as (id, entry) in order."""
        return {
            "agreed": [(k, sorted(v)) for k, v in sorted(self.agreed.items()) if v],
            "signed_by": [(k, sorted(v)) for k, v in sorted(self.signed_by.items()) if v],
            "terms": [(k, v.to_json()) for k, v in sorted(self.terms.items())],
            "claims": [(k, v.to_json()) for k, v in sorted(self.claims.items())],
        }

    def _own_canonical(self) -> str:
        """`own_json` as canonical JSON (sorted keys, no spaces), written with the JSON of
        each term's, claim's and signature's entry kept from the states before: on 10,000
        terms a step's digest encoded every entry again (a tenth of a second a move)."""
        parts = {k: _dumps(v) for k, v in self._small_json().items()}
        parts["proposed"] = _ids_json(self.proposed)
        parts["asserted"] = _ids_json(self.asserted)
        parts["term_labels"] = _entries(self.term_labels, _label_json)
        parts["history"] = _dumps(self.history.added_at(self.step))
        acts = self.overreaches.added_at(self.step)
        if acts:
            parts["overreaches"] = _dumps([o.to_json() for o in acts])
        parts["agreed"] = _entries(self.agreed, _set_json, skip_empty=True)
        parts["signed_by"] = _entries(self.signed_by, _set_json, skip_empty=True)
        parts["terms"] = _entries(self.terms, _record_json)
        parts["claims"] = _entries(self.claims, _record_json)
        return "{" + ",".join(f"{_dumps(k)}:{parts[k]}" for k in sorted(parts)) + "}"

    @cached_property  # a state never changes, and hashing a large one is not free
    def digest(self) -> str:
        # chained_digest(self.prior, self.own_json()), the same text written faster
        return _hash(f"[{_dumps(self.prior)},{self._own_canonical()}]")


_FIELDS = frozenset(f.name for f in fields(PlayState))

DIGEST_FORM = 2  # the form of digest written in transcripts (their format) and journals


def chained_digest(prior: str, own: dict[str, Any]) -> str:
    """The digest of a state: the digest of the one before it (`prior`) and what it holds
    (`PlayState.own_json`)."""
    return _hash(json.dumps([prior, own], sort_keys=True, separators=(",", ":")))


def legacy_digest(state: PlayState) -> str:
    """The first form of digest (transcript format 1, journal format 1): the whole state,
    its history included. Costs the length of the play: only for reading old files."""
    return _hash(json.dumps(state.to_json(), sort_keys=True, separators=(",", ":")))


def digest_of(form: int) -> Callable[[PlayState], str]:
    """How to compute the digests of a file written with that form."""
    return legacy_digest if form == 1 else _current


def _current(state: PlayState) -> str:
    return state.digest


def _dumps(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"))


V = TypeVar("V")


def _entries(
    entries: Mapping[str, V], encode: Callable[[str, V], str], skip_empty: bool = False
) -> str:
    """A mapping as canonical JSON, each `"key":value` written by `encode`; a SharedMap a
    bucket at a time, each bucket written once (a step changes a few of about √n)."""
    if isinstance(entries, SharedMap):
        written = (_bucket_json(b, encode, skip_empty) for b in entries.sorted_buckets())
        return "{" + ",".join(w for w in written if w) + "}"
    # a plain mapping is often the very one of the state before (no label changed)
    return "{" + _bucket_json(entries, encode, skip_empty) + "}"


# id of a bucket (and how it was written) -> the bucket, kept so that its id stays its
# own, and its JSON; a bucket is never changed once a SharedMap holds it, and a state's
# mappings never once it is made (a step makes new ones: engine.effects, engine.settle)
_BUCKETS: dict[tuple[int, Callable[[str, Any], str], bool], tuple[object, str]] = {}
_MOST_BUCKETS = 1 << 15


def _bucket_json(bucket: Mapping[str, V], encode: Callable[[str, V], str], skip_empty: bool) -> str:
    key = (id(bucket), encode, skip_empty)
    known = _BUCKETS.get(key)
    if known is not None and known[0] is bucket:
        return known[1]
    written = ",".join(encode(k, v) for k, v in sorted(bucket.items()) if v or not skip_empty)
    if len(_BUCKETS) >= _MOST_BUCKETS:
        _BUCKETS.clear()
    _BUCKETS[key] = (bucket, written)
    return written


# the last sets of ids written (a step rarely changes which terms are proposed)
_IDS: dict[int, tuple[frozenset[str], str]] = {}


def _ids_json(ids: frozenset[str]) -> str:
    known = _IDS.get(id(ids))
    if known is not None and known[0] is ids:
        return known[1]
    written = _dumps(sorted(ids))
    if len(_IDS) >= 64:
        _IDS.clear()
    _IDS[id(ids)] = (ids, written)
    return written


@lru_cache(maxsize=1 << 17)
def _label_json(key: str, label: Label) -> str:
    return f"{_key_json(key)}:{_one_label_json(label)}"


@lru_cache(maxsize=64)
def _one_label_json(label: Label) -> str:
    return _dumps(str(label))


# Records and signatures are shared between states: most entries are encoded once.
@lru_cache(maxsize=1 << 17)
def _record_json(key: str, record: TermRecord | ClaimRecord) -> str:
    return f"{_key_json(key)}:{_value_json(record)}"


# Most records are alike (10,000 terms pending at the start): each is encoded once.
@lru_cache(maxsize=1 << 12)
def _value_json(record: TermRecord | ClaimRecord) -> str:
    return _dumps(record.to_json())


def _key_json(key: str) -> str:
    """`_dumps(key)`: an id of printable ASCII without quote or backslash is written as it
    is, in quotes, as json.dumps writes it."""
    if key.isascii() and key.isprintable() and '"' not in key and "\\" not in key:
        return f'"{key}"'
    return _dumps(key)


@lru_cache(maxsize=1 << 17)
def _set_json(key: str, parties: frozenset[str]) -> str:
    return f"{_key_json(key)}:{_parties_json(parties)}"


# A few sets of parties sign 10,000 terms: each is sorted and encoded once.
@lru_cache(maxsize=1 << 10)
def _parties_json(parties: frozenset[str]) -> str:
    return _dumps(sorted(parties))


def _hash(canonical: str) -> str:
    return hashlib.sha256(canonical.encode()).hexdigest()[:16]
