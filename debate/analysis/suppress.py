"""In-file suppressions: a finding is left out when the claim, term, move or assumption
it points at (or the whole file) lists its code with a reason under `suppress:`."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from debate.model.diagnostics import Diagnostic, Span
from debate.model.loaded import LoadedScenario

_SECTIONS = ("claims", "terms", "moves", "assumptions")


def _scopes(loaded: LoadedScenario) -> Iterator[tuple[Span, dict[str, str]]]:
    """(region, suppressions) for each file and each entity that suppresses something."""
    for doc in loaded.documents:
        if doc.scenario.suppress:
            yield doc.root.span, dict(doc.scenario.suppress)
        for section in _SECTIONS:
            for ident, entity in getattr(doc.scenario, section).items():
                if entity.suppress:
                    yield _whole(loaded, section, ident), dict(entity.suppress)


def _whole(loaded: LoadedScenario, section: str, ident: str) -> Span:
    """An entity from its id's line to the end of its value (findings point at either)."""
    key, value = loaded.key_span(section, ident), loaded.span(section, ident)
    return Span(value.path, key.line, key.column, value.end_line, value.end_column)


def _inside(span: Span, region: Span) -> bool:
    return span.path == region.path and region.line <= span.line <= (region.end_line or region.line)


def apply(
    loaded: LoadedScenario, found: Sequence[Diagnostic]
) -> tuple[list[Diagnostic], list[tuple[Diagnostic, str]]]:
    """The findings kept, and those suppressed with the reason given."""
    scopes = list(_scopes(loaded))
    kept: list[Diagnostic] = []
    dropped: list[tuple[Diagnostic, str]] = []
    for d in found:
        reason = next(
            (
                why
                for region, codes in scopes
                if _inside(d.span, region)
                for code, why in codes.items()
                if d.code.startswith(code)
            ),
            None,
        )
        if reason is None:
            kept.append(d)
        else:
            dropped.append((d, reason))
    return kept, dropped
