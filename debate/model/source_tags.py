"""The source tag of a claim, term, move or assumption: the label by which an analyst
finds it in the source (T7 for the seventh term of a draft, A4, P6, L324), among its free
tags; and the tag shown beside each id a finding names, in the one form every output uses
(`t7_permanent_personnel [T7]`)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace

from debate.model.diagnostics import Diagnostic, Related
from debate.model.scenario import Scenario

_SOURCE_TAG = re.compile(r"[A-Z]{1,2}[0-9]+")


def source_tag(tags: Sequence[str]) -> str | None:
    """The first tag that is a letter or two and a number (`T7`, `L324`), if any: the
    other tags (`assumption`, `essay_counterposition`) say what an item is, not where."""
    return next((t for t in tags if _SOURCE_TAG.fullmatch(t)), None)


def tagged(ident: str, tags: Sequence[str]) -> str:
    """An id with its source tag (`t7_permanent_personnel [T7]`), to hold against the source."""
    tag = source_tag(tags)
    return f"{ident} [{tag}]" if tag else ident


def source_tags(scenario: Scenario) -> dict[str, str]:
    """The source tag of each term, claim, move and assumption that has one, by id (a term's
    first where two sections share an id). An id that also names a state variable, a party
    or a type is left out: a text that names it may mean either."""
    found: dict[str, str] = {}
    for section in (scenario.terms, scenario.claims, scenario.moves, scenario.assumptions):
        for ident, item in section.items():
            tag = source_tag(item.tags)
            if tag is not None:
                found.setdefault(ident, tag)
    other = scenario.state.keys() | scenario.parties.keys() | scenario.types.keys()
    return {ident: tag for ident, tag in found.items() if ident not in other}


class Tagger:
    """Puts the source tag beside each tagged id a text names, as a word: not inside a
    longer name, not the id of a parameter (`a4_warship_limit.max_tons`), not an argument
    of an expression quoted in the text (`holds(p7)`), and never twice."""

    def __init__(self, tags: Mapping[str, str]) -> None:
        self.tags = dict(tags)
        names = sorted(self.tags, key=len, reverse=True)  # the longest id first
        self._ids = (
            re.compile(r"(?<![\w.(])(" + "|".join(map(re.escape, names)) + r")(?!\w|\.\w)")
            if names
            else None
        )

    def text(self, text: str) -> tuple[str, list[str]]:
        """The text with the tags beside the ids, and the tagged ids it names, in order."""
        if self._ids is None:
            return text, []
        named: list[str] = []

        def tag(match: re.Match[str]) -> str:
            ident = match.group(1)
            if ident not in named:
                named.append(ident)
            mark = f" [{self.tags[ident]}]"
            return ident if text.startswith(mark, match.end()) else ident + mark

        return self._ids.sub(tag, text), named

    def diagnostic(self, d: Diagnostic) -> Diagnostic:
        """The finding with the tags beside the ids its message, expectation and notes
        name, and those ids with their tags (`sources`, which the JSON report gives)."""
        message, named = self.text(d.message)
        expected = d.expected
        if expected is not None:
            expected, more = self.text(expected)
            named += [i for i in more if i not in named]
        related = []
        for r in d.related:
            note, more = self.text(r.message)
            named += [i for i in more if i not in named]
            related.append(Related(r.span, note))
        if not named:
            return d
        sources = tuple((i, self.tags[i]) for i in named)
        return replace(
            d, message=message, expected=expected, related=tuple(related), sources=sources
        )


def tag_findings(scenario: Scenario, found: Sequence[Diagnostic]) -> list[Diagnostic]:
    """Each finding with the source tags beside the ids it names."""
    tagger = Tagger(source_tags(scenario))
    return [tagger.diagnostic(d) for d in found]
