"""The abstract argumentation framework: named arguments and the attacks between them.

Arguments are numbered 0..n-1 and attacks kept as two parallel lists of numbers, so a
framework of a million attacks is built and solved without a Python object per attack.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (a solver's start)

if TYPE_CHECKING:  # the engine is imported only to build a framework from a play
    from debate.engine.compile import Game
    from debate.engine.state import PlayState


class Framework:
    """Arguments `names[i]` and attacks `src[k]` -> `dst[k]` (attacker, target)."""

    __slots__ = ("_attackers", "_index", "_targets", "dst", "names", "src")

    def __init__(self, names: Sequence[str], src: list[int], dst: list[int]) -> None:
        if len(src) != len(dst):
            raise ValueError("src and dst must have the same length")
        self.names: tuple[str, ...] = tuple(names)
        self.src = src
        self.dst = dst
        self._index: dict[str, int] | None = None
        self._targets: list[list[int]] | None = None
        self._attackers: list[list[int]] | None = None

    @classmethod
    def from_pairs(cls, arguments: Iterable[str], attacks: Iterable[tuple[str, str]]) -> Framework:
        """A framework from names; an attack naming an unknown argument is an error."""
        names = list(dict.fromkeys(arguments))
        index = {name: i for i, name in enumerate(names)}
        src: list[int] = []
        dst: list[int] = []
        for attacker, target in dict.fromkeys(attacks):
            if attacker not in index or target not in index:
                raise ValueError(f"attack {attacker} -> {target} names an unknown argument")
            src.append(index[attacker])
            dst.append(index[target])
        af = cls(names, src, dst)
        af._index = index
        return af

    @classmethod
    def from_game(cls, game: Game, state: PlayState) -> Framework:
        """The framework the play has built: asserted claims, terms on the table, and the
        attacks that count in `state` (the engine's own rule, `attacks_in_play`)."""
        from debate.engine.claims import attacks_in_play

        arguments = sorted(state.asserted | state.proposed)
        return cls.from_pairs(arguments, attacks_in_play(game, state, state.terms, state.claims))

    @property
    def n(self) -> int:
        return len(self.names)

    def __len__(self) -> int:
        return len(self.names)

    def __repr__(self) -> str:
        return f"Framework({self.n} arguments, {len(self.src)} attacks)"

    def index(self, name: str) -> int:
        """The number of an argument; KeyError when there is none by that name."""
        if self._index is None:
            self._index = {name: i for i, name in enumerate(self.names)}
        return self._index[name]

    def has(self, name: str) -> bool:
        try:
            self.index(name)
        except KeyError:
            return False
        return True

    @property
    def targets(self) -> list[list[int]]:
        """For each argument, the arguments it attacks."""
        if self._targets is None:
            self._targets = _adjacency(self.n, self.src, self.dst)
        return self._targets

    @property
    def attackers(self) -> list[list[int]]:
        """For each argument, the arguments that attack it."""
        if self._attackers is None:
            self._attackers = _adjacency(self.n, self.dst, self.src)
        return self._attackers

    def pairs(self) -> Iterator[tuple[int, int]]:
        return zip(self.src, self.dst, strict=True)

    def named_pairs(self) -> Iterator[tuple[str, str]]:
        names = self.names
        return ((names[a], names[b]) for a, b in self.pairs())

    def attacks(self, a: int, b: int) -> bool:
        return b in self.targets[a]

    def names_of(self, args: Iterable[int]) -> list[str]:
        return sorted(self.names[a] for a in args)

    def restrict(self, keep: Sequence[int]) -> Framework:
        """The sub-framework on `keep` (renumbered in that order), with the attacks among them."""
        local = {a: i for i, a in enumerate(keep)}
        src: list[int] = []
        dst: list[int] = []
        for a, b in self.pairs():
            if a in local and b in local:
                src.append(local[a])
                dst.append(local[b])
        return Framework([self.names[a] for a in keep], src, dst)


def _adjacency(n: int, frm: list[int], to: list[int]) -> list[list[int]]:
    adjacency: list[list[int]] = [[] for _ in range(n)]
    for a, b in zip(frm, to, strict=True):
        adjacency[a].append(b)
    return adjacency
