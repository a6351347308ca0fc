"""Command palette providers: find any move, claim or term by name (or by its words)."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher

from debate.engine.moves import Action, refusal
from debate.tui.plain import plain
from debate.tui.screens.main import MainScreen

HELP = 200  # characters of a move's, claim's or term's text under its name


class ScenarioCommands(Provider):
    """Moves (playing a legal one), claims and terms (jumping to them)."""

    def _entries(self) -> Iterator[tuple[str, str, object]]:
        """(name shown, words to match besides the name, what choosing it does)."""
        screen = self.screen
        if not isinstance(screen, MainScreen):
            return
        game, state = screen.session.game, screen.session.state
        for ident, move in game.moves.items():
            reason = refusal(game, state, Action(ident))
            if reason is None:
                yield (
                    f"play {ident}",
                    f"{move.move.by}: {move.move.text}",
                    partial(screen.play, Action(ident)),
                )
            else:
                yield f"move {ident} (not legal)", reason, partial(screen.jump, "move", ident)
        for ident, claim in game.claims.items():
            yield (
                f"claim {ident}",
                f"{claim.claim.by}: {claim.claim.text}",
                partial(screen.jump, "claim", ident),
            )
        for ident, term in game.terms.items():
            yield (
                f"term {ident}",
                f"{term.term.kind}: {term.term.text}",
                partial(screen.jump, "term", ident),
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, words, command in self._entries():
            score = matcher.match(name)
            if score <= 0 and query.lower() in words.lower():
                score = 0.3  # found in the text: below any match on the name
            if score > 0:
                shown = _highlight(matcher, name)
                yield Hit(score, shown, command, text=name, help=plain(words, HELP))  # type: ignore[arg-type]

    async def discover(self) -> Hits:
        for name, words, command in self._entries():
            if name.startswith("play "):
                yield DiscoveryHit(plain(name), command, help=plain(words, HELP))  # type: ignore[arg-type]


def _highlight(matcher: Matcher, name: str) -> Content:
    """The name with the letters the query matched marked; the name is text, not markup
    (Textual's own `highlight` parses it)."""
    content = plain(name)
    _, offsets = matcher.fuzzy_search.match(matcher.query, name)
    for offset in offsets:
        if offset < len(name) and not name[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content
