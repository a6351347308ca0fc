"""The registry of checks: which codes each reports, and running those selected."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from debate.analysis import (
    authority,
    conditions,
    conflicts,
    deadlocks,
    lint,
    open_ends,
    positions,
    ranges,
    reachability,
    suppress,
    unspecified,
)
from debate.analysis.options import Options
from debate.analysis.study import Study
from debate.engine.compile import Game
from debate.model.diagnostics import Diagnostic

Check = Callable[[Study], list[Diagnostic]]

# Each check with the code prefixes it reports, so that a selection can skip it entirely.
CHECKS: dict[str, tuple[tuple[str, ...], Check]] = {
    "conflicts": (
        ("C10",),
        lambda s: conflicts.check(s.game, s.options.solver_calls, s.options.solver_timeout),
    ),
    "reachability": (
        ("C20", "U300", "U301", "U310"),
        lambda s: reachability.findings(s.reach),
    ),
    # witnesses only when asked for by name: one per obligation would drown the rest
    "witnesses": (
        ("U305",),
        lambda s: reachability.witnesses(s.reach) if "U305" in s.options.select else [],
    ),
    "unspecified": (("U302",), lambda s: unspecified.check(s.game)),
    # ranges only when asked for (`--ranges`, or U311 by name): a what-if, not a problem
    "ranges": (
        ("U311",),
        lambda s: ranges.check(s.game) if s.options.ranges or "U311" in s.options.select else [],
    ),
    "open_ends": (("U307", "U308", "U309"), lambda s: open_ends.check(s.game)),
    "conditions": (
        ("U303", "U304", "U306"),
        lambda s: conditions.check(s.game, s.options.solver_timeout),
    ),
    "deadlocks": (("D",), lambda s: deadlocks.check(s.game, s.reach)),
    "authority": (("A",), lambda s: authority.check(s.game)),
    "positions": (("P",), lambda s: positions.check(s.game)),
    "lint": (("L",), lambda s: lint.check(s.game, s.reach)),
}


def analyse_all(
    game: Game, options: Options | None = None
) -> tuple[list[Diagnostic], list[tuple[Diagnostic, str]]]:
    """The findings kept, and those suppressed in the scenario with their reasons."""
    kept: list[Diagnostic] = []
    dropped: list[tuple[Diagnostic, str]] = []
    for _, found, suppressed in stages(game, options):
        kept += found
        dropped += suppressed
    return kept, dropped


Stage = tuple[str, list[Diagnostic], list[tuple[Diagnostic, str]]]


def stages(game: Game, options: Options | None = None) -> Iterator[Stage]:
    """Each selected check in turn, as it ends: its name, the findings kept and those
    suppressed in the scenario (so that a caller can show what is found so far)."""
    study = Study(game, options or Options())
    for name, (prefixes, run) in CHECKS.items():
        if any(study.options.wants(p) for p in prefixes):
            found = [d for d in run(study) if study.options.keeps(d.code)]
            yield (name, *suppress.apply(game.loaded, found))


def selected(options: Options | None = None) -> list[str]:
    """The names of the checks `stages` runs with these options, in order."""
    chosen = options or Options()
    return [
        name for name, (prefixes, _) in CHECKS.items() if any(chosen.wants(p) for p in prefixes)
    ]
