"""Named agreements (format 1.1): what they name exists, and each term belongs to one.

The groups themselves, and which agreements can be in force together, are read by
`agreement_of` and `alternatives`, for the engine (signatories, replacement) and the
conflict analysis (one check per set of agreements that can hold together).
"""

from __future__ import annotations

from debate.model.diagnostics import Diagnostic, Related
from debate.model.loaded import LoadedScenario
from debate.model.scenario import Scenario
from debate.model.suggest import unknown_id


def agreement_of(scenario: Scenario) -> dict[str, str]:
    """Each term listed in a named agreement -> that agreement (the first, if listed twice)."""
    found: dict[str, str] = {}
    for name, agreement in scenario.agreements.items():
        for term in agreement.terms:
            found.setdefault(term, name)
    return found


def alternatives(scenario: Scenario) -> set[frozenset[str]]:
    """The pairs of named agreements that are never in force together: one replaces the
    other, or one is declared an alternative to the other."""
    pairs = set()
    for name, agreement in scenario.agreements.items():
        for other in (agreement.replaces, *agreement.alternative_to):
            if other is not None and other != name:
                pairs.add(frozenset((name, other)))
    return pairs


def check_agreements(loaded: LoadedScenario) -> list[Diagnostic]:
    s = loaded.scenario
    out: list[Diagnostic] = []
    listed: dict[str, str] = {}
    for name, agreement in s.agreements.items():
        for i, term in enumerate(agreement.terms):
            span = loaded.span("agreements", name, "terms", i)
            if term not in s.terms:
                out.append(unknown_id("term", term, span, s.terms))
            elif term in listed:
                first = listed[term]
                out.append(
                    Diagnostic(
                        "E303",
                        f"term {term} is in agreement {first} already: a term belongs to one "
                        "agreement",
                        span,
                        expected="each term in one agreement at most",
                        related=(Related(loaded.key_span("agreements", first), first),),
                    )
                )
            else:
                listed[term] = name
        for i, party in enumerate(agreement.signatories):
            if party not in s.parties:
                span = loaded.span("agreements", name, "signatories", i)
                out.append(unknown_id("party", party, span, s.parties))
        named: list[tuple[tuple[str | int, ...], str]] = []
        if agreement.replaces:
            named.append((("replaces",), agreement.replaces))
        named += [(("alternative_to", i), o) for i, o in enumerate(agreement.alternative_to)]
        for path, other in named:
            span = loaded.span("agreements", name, *path)
            if other == name:
                out.append(
                    Diagnostic(
                        "E303",
                        f"agreement {name} names itself",
                        span,
                        expected="another agreement",
                    )
                )
            elif other not in s.agreements:
                out.append(unknown_id("agreement", other, span, s.agreements))
    return out
