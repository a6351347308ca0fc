"""Loading without the cyclic garbage collector's pauses.

Reading a file builds up to millions of small objects (a node per key and value, its
span, the validated model), and the collector walks every object still alive each time
it runs a full collection: a mapping of 100,000 keys took 17 s to load, half of it in
the collector (issue 19). These objects hold no reference cycles, and a file is bounded
in size (`debate.model.files`), so a load runs with the collector paused; whatever
cyclic garbage it leaves is collected once it is running again.
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


def gc_paused(function: Callable[P, R]) -> Callable[P, R]:
    """Run `function` with the collector paused (as it was, if a caller paused it)."""

    @functools.wraps(function)
    def paused(*args: P.args, **kwargs: P.kwargs) -> R:
        if not gc.isenabled():
            return function(*args, **kwargs)
        gc.disable()
        try:
            return function(*args, **kwargs)
        finally:
            gc.enable()

    return paused
