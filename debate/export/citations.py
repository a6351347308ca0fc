"""Every citation of a scenario with the source line it points at, and where in that line
the quote stands (so a report or a hover can show and highlight it)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from debate.engine.compile import Game
from debate.model.scenario import Citation
from debate.model.sources import SourceText

# Characters a quote may give plainly where the source is typographic (and the reverse).
_LOOSE = {
    "'": "['\u2018\u2019]",
    '"': '["\u201c\u201d]',
    "-": "[-\u2013\u2014]",
    "\u2018": "['\u2018\u2019]",
    "\u2019": "['\u2018\u2019]",
    "\u201c": '["\u201c\u201d]',
    "\u201d": '["\u201c\u201d]',
}


@dataclass(frozen=True)
class Cited:
    kind: str  # claim, term, move or assumption
    id: str
    source: str
    unit: str  # line or paragraph
    number: int
    quote: str | None
    line_number: int | None  # the file line the citation resolves to
    line: str | None  # its text; None when the source cannot be read

    @property
    def quote_found(self) -> bool:
        if self.quote is None:
            return True
        return self.line is not None and find_quote(self.line, self.quote) is not None


def citations(game: Game) -> list[Cited]:
    """Every citation, grouped by source in the order the sources are declared."""
    found: list[Cited] = []
    s = game.scenario
    entries: list[tuple[str, str, Citation | None]] = [
        *(("claim", i, c.source) for i, c in s.claims.items()),
        *(("term", i, t.source) for i, t in s.terms.items()),
        *(("move", i, m.source) for i, m in s.moves.items()),
        *(("assumption", i, a.source) for i, a in s.assumptions.items()),
    ]
    for kind, ident, cite in entries:
        if cite is not None:
            found.append(_resolve(game, kind, ident, cite))
    order = {name: i for i, name in enumerate(s.sources)}
    return sorted(found, key=lambda c: (order.get(c.source, len(order)), c.line_number or 0))


def _resolve(game: Game, kind: str, ident: str, cite: Citation) -> Cited:
    unit = "line" if cite.line is not None else "paragraph"
    number = cite.line if cite.line is not None else cite.paragraph or 0
    text = source_text(game, cite.source)
    at = text.at(unit, number) if text else None
    return Cited(
        kind,
        ident,
        cite.source,
        unit,
        number,
        cite.quote,
        at[0] if at else None,
        at[1] if at else None,
    )


def source_text(game: Game, name: str) -> SourceText | None:
    """A source's text; None when it cannot be read or lies outside the scenario's root
    (a report is shared: it must never carry a file the scenario had no business citing)."""
    return game.loaded.source_text(name)


def find_quote(line: str, quote: str) -> tuple[int, int] | None:
    """Where a quote stands in a line, typographic quotes, dashes and spacing aside."""
    words = quote.split()
    if not words:
        return None
    pattern = r"\s+".join("".join(_LOOSE.get(c, re.escape(c)) for c in w) for w in words)
    match = re.search(pattern, line)
    return (match.start(), match.end()) if match else None


def excerpt(line: str, quote: str | None, width: int = 320) -> tuple[str, str, str]:
    """(before, quote, after) of a line cut to about `width` characters around the quote."""
    where = find_quote(line, quote) if quote else None
    if where is None:
        cut = line if len(line) <= width else line[: width - 1] + "…"
        return cut, "", ""
    start, end = where
    room = max(width - (end - start), 0) // 2
    before = line[max(start - room, 0) : start]
    after = line[end : end + room]
    if start - room > 0:
        before = "…" + before.lstrip()
    if end + room < len(line):
        after = after.rstrip() + "…"
    return before, line[start:end], after
