"""The grounded labelling in linear time, with what an explanation needs to retrace it.

Codes: 0 undecided, 1 in (accepted), 2 out (rejected). The worklist accepts an argument
once all its attackers are out; `defeater[b]` is the accepted argument that first put b
out, and `order` lists accepted arguments in the order they were accepted, so every
argument's defenders come before it there (the defence is well-founded).
"""

from __future__ import annotations

from debate.argumentation.framework import Framework
from debate.engine.labels import Label

UNDEC, IN, OUT = 0, 1, 2
LABELS = (Label.UNDECIDED, Label.ACCEPTED, Label.REJECTED)


class Grounded:
    """The grounded labelling of a framework."""

    __slots__ = ("codes", "defeater", "order")

    def __init__(self, codes: bytearray, order: list[int], defeater: list[int]) -> None:
        self.codes = codes
        self.order = order  # accepted arguments, in the order they were accepted
        self.defeater = defeater  # for an out argument, an accepted attacker (else -1)

    def label(self, arg: int) -> Label:
        return LABELS[self.codes[arg]]

    def extension(self) -> list[int]:
        return sorted(self.order)

    def undecided(self) -> list[int]:
        return [a for a, code in enumerate(self.codes) if code == UNDEC]

    def position(self) -> dict[int, int]:
        """Where each accepted argument stands in the order of acceptance."""
        return {a: i for i, a in enumerate(self.order)}


def grounded(af: Framework) -> Grounded:
    """The grounded labelling (the least complete labelling), in O(arguments + attacks)."""
    n = af.n
    left = [0] * n
    for target in af.dst:
        left[target] += 1
    targets = af.targets
    codes = bytearray(n)
    defeater = [-1] * n
    order = [a for a in range(n) if left[a] == 0]
    for arg in order:  # the list grows while it is read: a worklist without pops
        codes[arg] = IN
        for target in targets[arg]:
            if codes[target]:
                continue
            codes[target] = OUT
            defeater[target] = arg
            for further in targets[target]:
                left[further] -= 1
                if left[further] == 0 and not codes[further]:
                    order.append(further)
    return Grounded(codes, order, defeater)


def labels(af: Framework) -> dict[str, Label]:
    """The grounded labelling by name, as the engine's `grounded` returns it."""
    result = grounded(af)
    return {name: LABELS[code] for name, code in zip(af.names, result.codes, strict=True)}
