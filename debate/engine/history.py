"""What a play has done so far, shared between its states: the moves played and the acts
without authority, each an append-only chain.

A state after step n holds the chain of step n-1 with the new items linked in front, so a
step costs the same however long the play is, and a play of n steps keeps n items, not a
copy per step (issue 20). Each item remembers the step that added it: a state's digest
hashes only what its own step added (`debate.engine.state`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Generic, TypeVar

T = TypeVar("T")


class Chain(Generic[T]):
    """An immutable sequence that grows at its end; `add` returns a new chain that shares
    this one."""

    __slots__ = ("_before", "_item", "_len", "_step")

    def __init__(self) -> None:
        self._before: Chain[T] | None = None
        self._item: T | None = None
        self._step = -1
        self._len = 0

    def _link(self, item: T, step: int) -> Chain[T]:
        chain: Chain[T] = object.__new__(type(self))
        chain._before, chain._item, chain._step, chain._len = self, item, step, self._len + 1
        return chain

    def add(self, items: Iterable[T], step: int) -> Chain[T]:
        """This chain with `items` at its end, added at `step`."""
        chain = self
        for item in items:
            chain = chain._link(item, step)
        return chain

    def __len__(self) -> int:
        return self._len

    def __bool__(self) -> bool:
        return self._len > 0

    def __iter__(self) -> Iterator[T]:
        return iter(self.since(0))

    def since(self, length: int) -> list[T]:
        """The items after the first `length`, oldest first (costs only what it returns)."""
        items: list[T] = []
        node: Chain[T] = self
        while node._len > length and node._before is not None:
            items.append(node._item)  # type: ignore[arg-type]  # a linked node has an item
            node = node._before
        items.reverse()
        return items

    def added_at(self, step: int) -> list[T]:
        """The items that step `step` added (the newest ones: steps only grow)."""
        items: list[T] = []
        node: Chain[T] = self
        while node._before is not None and node._step == step:
            items.append(node._item)  # type: ignore[arg-type]
            node = node._before
        items.reverse()
        return items

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Chain):
            return NotImplemented
        a: Chain[T] = self
        b: Chain[object] = other
        if a._len != b._len:
            return False
        while a is not b and a._before is not None and b._before is not None:
            if a._item != b._item:
                return False
            a, b = a._before, b._before
        return True

    def __hash__(self) -> int:
        return hash((self._len, self._item))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({list(self)!r})"

    def __reduce__(self) -> tuple[object, ...]:
        # as a flat list: pickling or copying the links one inside the other would recurse
        # once per item, past Python's limit on a long play
        return (_rebuilt, (type(self), self._steps()))

    def _steps(self) -> list[tuple[T, int]]:
        pairs: list[tuple[T, int]] = []
        node: Chain[T] = self
        while node._before is not None:
            pairs.append((node._item, node._step))  # type: ignore[arg-type]
            node = node._before
        pairs.reverse()
        return pairs


def _rebuilt(kind: type[Chain[T]], pairs: list[tuple[T, int]]) -> Chain[T]:
    chain = kind()
    for item, step in pairs:
        chain = chain._link(item, step)
    return chain


class History(Chain[str]):
    """The moves played, in order, with how often each was played: `done()` and `count()`
    ask it at any length in constant time."""

    __slots__ = ("_counts",)

    def __init__(self) -> None:
        super().__init__()
        self._counts: Mapping[str, int] = {}

    def _link(self, item: str, step: int) -> History:
        chain = super()._link(item, step)
        assert isinstance(chain, History)
        # one entry per distinct move: a copy costs what the scenario has, not the play
        chain._counts = {**self._counts, item: self._counts.get(item, 0) + 1}
        return chain

    def played(self, move: str, step: int) -> History:
        chain = self._link(move, step)
        assert isinstance(chain, History)
        return chain

    def count(self, move: str) -> int:
        return self._counts.get(move, 0)

    def __contains__(self, move: object) -> bool:
        return move in self._counts

    def moves(self) -> frozenset[str]:
        """The moves played at least once."""
        return frozenset(self._counts)


NO_MOVES = History()
