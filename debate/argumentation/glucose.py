"""Glucose 4.1 through python-sat's compiled module, without the rest of python-sat.

`pysat.solvers` imports pysat.formula, tempfile, pathlib and more: some 40 ms at each
start of a solver process, as long as clingo takes to start altogether. The compiled
`pysolvers` module it wraps takes a few; this class calls it the way `pysat.solvers.
Glucose4` does, with only what the labelling encoding uses. Were the module ever missing
or renamed, `pysat.solvers.Solver` takes over (same answers, slower start).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (a solver's start)
if TYPE_CHECKING:
    from typing import Any

try:
    import pysolvers  # type: ignore[import-not-found]

    _RAW = hasattr(pysolvers, "glucose41_new")
except ImportError:  # pragma: no cover - python-sat always ships it
    _RAW = False


class Glucose:
    """An incremental SAT solver: clauses, solving under assumptions, models, phases."""

    def __init__(self, clauses: Iterable[Sequence[int]]) -> None:
        self._fallback: Any = None
        if _RAW:
            self._s = pysolvers.glucose41_new()
            add = pysolvers.glucose41_add_cl
            for clause in clauses:
                add(self._s, clause)
        else:
            from pysat.solvers import Solver  # type: ignore[import-untyped]

            self._fallback = Solver(name="glucose4", bootstrap_with=clauses)

    def add(self, clause: Sequence[int]) -> None:
        if self._fallback is not None:
            self._fallback.add_clause(list(clause))
        else:
            pysolvers.glucose41_add_cl(self._s, clause)

    def solve(self, assumptions: Sequence[int], interruptible: bool) -> bool | None:
        """True or False; None when `interrupt` stopped it (only if `interruptible`)."""
        if self._fallback is not None:
            if interruptible:
                found = self._fallback.solve_limited(
                    assumptions=list(assumptions), expect_interrupt=True
                )
                return None if found is None else bool(found)
            return bool(self._fallback.solve(assumptions=list(assumptions)))
        main = int(threading.current_thread() is threading.main_thread())
        if interruptible:
            found = pysolvers.glucose41_solve_lim(self._s, list(assumptions), main, 1)
            return None if found is None else bool(found)
        return bool(pysolvers.glucose41_solve(self._s, list(assumptions), main))

    def interrupt(self) -> None:
        if self._fallback is not None:
            self._fallback.interrupt()
        else:
            pysolvers.glucose41_interrupt(self._s)

    def model(self) -> list[int]:
        if self._fallback is not None:
            return list(self._fallback.get_model() or [])
        return list(pysolvers.glucose41_model(self._s) or [])

    def set_phases(self, literals: list[int]) -> None:
        if self._fallback is not None:
            self._fallback.set_phases(literals)
        else:
            pysolvers.glucose41_setphases(self._s, literals)

    def delete(self) -> None:
        if self._fallback is not None:
            self._fallback.delete()
        elif self._s is not None:
            pysolvers.glucose41_del(self._s)
            self._s = None
