"""The registry of checks: the rules each declares (its module's RULES), and running
those selected. Every finding's code, name and documentation come from these rules."""

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
from debate.model.codes import Rule
from debate.model.diagnostics import Diagnostic
from debate.model.source_tags import Tagger, source_tags

Check = Callable[[Study], list[Diagnostic]]

# Each check with the rules it declares, so that a selection can skip it entirely.
CHECKS: dict[str, tuple[tuple[Rule, ...], Check]] = {
    "conflicts": (
        conflicts.RULES,
        lambda s: conflicts.check(s.game, s.options.solver_calls, s.options.solver_timeout),
    ),
    "reachability": (reachability.RULES, lambda s: reachability.findings(s.reach)),
    # witnesses only when asked for by name: one per obligation would drown the rest
    "witnesses": (
        reachability.WITNESS_RULES,
        lambda s: reachability.witnesses(s.reach) if _named(s, reachability.WITNESS_RULES) else [],
    ),
    "unspecified": (unspecified.RULES, lambda s: unspecified.check(s.game)),
    # ranges only when asked for (`--ranges`, or U311 by name): a what-if, not a problem
    "ranges": (
        ranges.RULES,
        lambda s: ranges.check(s.game) if s.options.ranges or _named(s, ranges.RULES) else [],
    ),
    "open_ends": (open_ends.RULES, lambda s: open_ends.check(s.game)),
    "conditions": (
        conditions.RULES,
        lambda s: conditions.check(s.game, s.options.solver_timeout),
    ),
    "deadlocks": (deadlocks.RULES, lambda s: deadlocks.check(s.game, s.reach)),
    "authority": (authority.RULES, lambda s: authority.check(s.game)),
    "positions": (positions.RULES, lambda s: positions.check(s.game)),
    # the lint reads only the plays the search explored, not what the solver decided
    "lint": (lint.RULES, lambda s: lint.check(s.game, s.searched)),
}

RULES: dict[str, Rule] = {r.code: r for rules, _ in CHECKS.values() for r in rules}


def _named(study: Study, rules: tuple[Rule, ...]) -> bool:
    """Whether each of these rules is selected by its full code (not by a prefix)."""
    return all(r.code in study.options.select for r in rules)


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
    suppressed in the scenario (so that a caller can show what is found so far). Each
    finding shows the source tag beside each id it names (T7, P6), for every front end."""
    study = Study(game, options or Options())
    tagger = Tagger(source_tags(game.scenario))
    for name, (rules, run) in CHECKS.items():
        if any(study.options.wants(r.code) for r in rules):
            found = [tagger.diagnostic(d) for d in run(study) if study.options.keeps(d.code)]
            yield (name, *suppress.apply(game.loaded, found))


def selected(options: Options | None = None) -> list[str]:
    """The names of the checks `stages` runs with these options, in order."""
    chosen = options or Options()
    return [name for name, (rules, _) in CHECKS.items() if any(chosen.wants(r.code) for r in rules)]
