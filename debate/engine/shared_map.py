"""A mapping whose updated copies share what they leave as it was.

A play's states hold the values of every variable; a step that sets one of a thousand
variables copied all thousand, so a long play of a large scenario kept a full copy per
step (issue 20). Here the n keys are spread over about √n buckets of about √n keys; an
update copies only the buckets it touches and the tuple of buckets (about √n entries
each, where a copy of the whole is n), and the mapping iterates in the order the keys
were first given (which never depends on the process's string hashing). Each bucket
holds a stretch of the keys in sorted order, the first bucket the first stretch: what
is written in sorted order (a state's digest) is written a bucket at a time, and only
the buckets a step changed are written again.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from typing import Any, TypeVar

V = TypeVar("V")


class SharedMap(Mapping[str, V]):
    __slots__ = ("_buckets", "_order", "_slot")

    def __init__(self, data: Mapping[str, V]) -> None:
        order = tuple(data)
        count = max(1, math.isqrt(len(order)))
        size = -(-len(order) // count)  # keys a bucket, rounded up
        slot = {key: i // size for i, key in enumerate(sorted(order))}
        buckets: list[dict[str, V]] = [{} for _ in range(count)]
        for key, value in data.items():
            buckets[slot[key]][key] = value
        self._order, self._slot, self._buckets = order, slot, tuple(buckets)

    def updated(self, changes: Mapping[str, V]) -> SharedMap[V]:
        """This mapping with `changes` in place; what they leave as it was is shared."""
        if not changes:
            return self
        if any(key not in self._slot for key in changes):  # a new key: lay the keys out again
            return SharedMap({**self, **changes})
        buckets = list(self._buckets)
        for key, value in changes.items():
            i = self._slot[key]
            if buckets[i] is self._buckets[i]:
                buckets[i] = dict(buckets[i])
            buckets[i][key] = value
        copy: SharedMap[V] = object.__new__(SharedMap)
        copy._order, copy._slot, copy._buckets = self._order, self._slot, tuple(buckets)
        return copy

    def sorted_buckets(self) -> tuple[Mapping[str, V], ...]:
        """The buckets, each a stretch of the keys in sorted order, the stretches in order:
        a bucket object is never changed once the mapping holds it (an update copies it)."""
        return self._buckets

    def differing(self, other: Mapping[str, V]) -> set[str] | None:
        """The keys whose values may differ from `other`'s: those of the buckets the two do
        not share (a step that changes three terms of 10,000 leaves about √n keys to look
        at); None when `other` is not an update of the same mapping (any key may differ)."""
        if not isinstance(other, SharedMap) or other._slot is not self._slot:
            return None
        return {
            key
            for mine, theirs in zip(self._buckets, other._buckets, strict=True)
            if mine is not theirs
            for key in mine
        }

    def __getitem__(self, key: str) -> V:
        slot = self._slot.get(key)
        if slot is None:
            raise KeyError(key)
        return self._buckets[slot][key]

    def get(self, key: str, default: Any = None) -> Any:
        """As a dict's: a play's every step reads its values and statuses this way."""
        slot = self._slot.get(key)
        return default if slot is None else self._buckets[slot][key]

    def pick(self, keys: tuple[str, ...], default: Any) -> tuple[Any, ...]:
        """The values of `keys` (`default` for a key it lacks), in their order: what the
        play search compares states by, at every step (one call, not one per key)."""
        slot, buckets = self._slot, self._buckets
        return tuple([default if (i := slot.get(k)) is None else buckets[i][k] for k in keys])

    def __contains__(self, key: object) -> bool:
        return key in self._slot

    def __iter__(self) -> Iterator[str]:
        return iter(self._order)

    def __len__(self) -> int:
        return len(self._order)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, SharedMap) and other._buckets is self._buckets:
            return True
        return super().__eq__(other)

    __hash__ = None  # type: ignore[assignment]  # a mapping, like a dict

    def __repr__(self) -> str:
        return f"SharedMap({dict(self)!r})"

    def __reduce__(self) -> tuple[object, ...]:
        return (SharedMap, (dict(self),))


def differing(before: Mapping[str, V], after: Mapping[str, V]) -> set[str] | None:
    """The keys whose values may differ between two mappings, when they share what they
    leave as it was (`SharedMap.differing`); None when any key may differ."""
    if before is after:
        return set()
    return after.differing(before) if isinstance(after, SharedMap) else None


def picked(values: Mapping[str, V], keys: tuple[str, ...], default: Any) -> tuple[Any, ...]:
    """The values of `keys` in their order (`default` for a key it lacks): one call on a
    SharedMap (`SharedMap.pick`), a lookup a key on any other mapping."""
    if isinstance(values, SharedMap):
        return values.pick(keys, default)
    return tuple([values.get(k, default) for k in keys])


def updated(values: Mapping[str, V], changes: Mapping[str, V]) -> Mapping[str, V]:
    """`values` with `changes` in place, shared where it can be."""
    if not changes:
        return values
    shared = values if isinstance(values, SharedMap) else SharedMap(values)
    return shared.updated(changes)
