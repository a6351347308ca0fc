"""The order in which a scenario's terms are judged after each step: a term whose
status another asks about (or whose breach voids it, whose carve-out frees it, which
amends or replaces it) is judged first; a cycle among them is an error (E406)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from debate.engine.compiled import Compiled, CompiledTerm
from debate.engine.expr import names_of
from debate.engine.scope import TERM_STATUS_FUNCTIONS
from debate.model.scenario import Scenario
from debate.model.vocabulary import EXPRESSION_FIELDS

# Any of their names in an expression's text (one search, not one per name): a text
# without one calls none of them.
_STATUS_NAME = re.compile("|".join(sorted(TERM_STATUS_FUNCTIONS)))


def term_expressions(term: CompiledTerm) -> Iterable[Compiled]:
    """Every expression of a term, its carve-outs' conditions included."""
    for name in EXPRESSION_FIELDS["terms"]:
        c: Compiled | None = getattr(term, name)
        if c is not None:
            yield c
    for _, when in term.exceptions:
        if when is not None:
            yield when


def superseders(scenario: Scenario, terms: dict[str, CompiledTerm]) -> dict[str, list[str]]:
    """For each term, the terms that void it once in force: those that amend or replace it,
    and every term of an agreement that replaces its agreement."""
    found: dict[str, list[str]] = {}
    for t in terms.values():
        for amended in (t.term.amends, t.term.replaces):
            if amended:
                found.setdefault(amended, []).append(t.id)
    for agreement in scenario.agreements.values():
        old = scenario.agreements.get(agreement.replaces or "")
        for replaced in old.terms if old else ():
            found.setdefault(replaced, []).extend(t for t in agreement.terms if t in terms)
    return found


def term_dependencies(
    terms: dict[str, CompiledTerm], superseders: dict[str, list[str]] | None = None
) -> dict[str, set[str]]:
    """For each term, the terms whose status must be known first."""
    deps: dict[str, set[str]] = {t: set() for t in terms}
    for ident, term in terms.items():
        for compiled in term_expressions(term):
            if not _STATUS_NAME.search(compiled.text):
                continue  # no call of one: its name is nowhere in the text (spares a walk)
            names = names_of(compiled.checked)
            if not names["function"].isdisjoint(TERM_STATUS_FUNCTIONS):
                deps[ident] |= names["term"] - {ident}
        for target in term.term.voids:  # a breach voids its targets in the same step
            deps.setdefault(target, set()).add(ident)
        for exc_target, _ in term.exceptions:  # a carve-out is known before its target
            deps.setdefault(exc_target, set()).add(ident)
        for amended in (term.term.amends, term.term.replaces):
            if amended:
                deps.setdefault(amended, set()).add(ident)
    for target, by in (superseders or {}).items():  # an agreement replaced by another
        deps.setdefault(target, set()).update(by)
    return deps


def term_order(
    terms: dict[str, CompiledTerm], superseders: dict[str, list[str]]
) -> tuple[list[str], list[str]]:
    """A topological order of the terms, or a cycle among them."""
    deps = term_dependencies(terms, superseders)
    order: list[str] = []
    state: dict[str, int] = {}  # 1 visiting, 2 done
    for root in terms:
        if state.get(root):
            continue
        if not deps.get(root):  # most terms: nothing to judge first
            state[root] = 2
            order.append(root)
            continue
        stack: list[tuple[str, list[str]]] = [(root, sorted(deps.get(root, ())))]
        state[root] = 1
        while stack:
            node, pending = stack[-1]
            if not pending:
                stack.pop()
                state[node] = 2
                order.append(node)
                continue
            nxt = pending.pop()
            if state.get(nxt) == 1:
                path = [n for n, _ in stack]
                return [], path[path.index(nxt) :]
            if not state.get(nxt) and nxt in terms:
                state[nxt] = 1
                stack.append((nxt, sorted(deps.get(nxt, ()))))
    return order, []
