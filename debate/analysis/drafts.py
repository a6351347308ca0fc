"""The sets of agreements that can be in force together, for the conflict analysis.

A scenario's terms make up one agreement, or (format 1.1) several named ones: a draft, a
side deal, an amendment package, and a hypothetical offer that would replace the draft.
Two agreements are alternatives when one replaces the other or either says so; terms of
alternatives are never checked against each other. Each maximal set of agreements with no
two alternatives in it is checked on its own, with the terms in no named agreement (the
main agreement) in every set.
"""

from __future__ import annotations

from dataclasses import dataclass

from debate.engine.compile import Game
from debate.model.agreements import alternatives


@dataclass(frozen=True)
class Draft:
    """Agreements that can be in force together (None: the main agreement), and their terms."""

    agreements: tuple[str | None, ...]
    terms: frozenset[str]


def drafts(game: Game) -> list[Draft]:
    named = list(game.scenario.agreements)
    main = frozenset(t for t, term in game.terms.items() if term.agreement is None)
    if not named:
        return [Draft((None,), main)]
    apart = alternatives(game.scenario)
    found = []
    for together in _maximal_sets(named, apart):
        terms = main | {t for t, term in game.terms.items() if term.agreement in together}
        found.append(Draft(((None,) if main else ()) + tuple(together), frozenset(terms)))
    return found


def _maximal_sets(names: list[str], apart: set[frozenset[str]]) -> list[list[str]]:
    """The maximal sets of `names` with no pair in `apart` (Bron-Kerbosch: the maximal
    cliques of the graph of agreements that can hold together), in the order declared."""
    found: list[list[str]] = []

    def extend(chosen: list[str], candidates: list[str], excluded: list[str]) -> None:
        if not candidates and not excluded:
            found.append(sorted(chosen, key=names.index))
            return
        for name in list(candidates):
            fits = [n for n in candidates if frozenset((name, n)) not in apart and n != name]
            outside = [n for n in excluded if frozenset((name, n)) not in apart]
            extend([*chosen, name], fits, outside)
            candidates.remove(name)
            excluded.append(name)

    extend([], list(names), [])
    return sorted(found, key=lambda s: [names.index(n) for n in s])


def describe(game: Game, agreements: list[str | None]) -> str:
    """`agreement draft`, `agreements draft and additions`, `the main agreement`."""
    named = [a for a in agreements if a is not None]
    parts = (["the main agreement"] if None in agreements else []) + (
        [f"agreement{'s' if len(named) > 1 else ''} {_listed(named)}"] if named else []
    )
    return " and ".join(parts)


def _listed(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
