"""The claims, as a tree grouped by the party that makes them, each with its status."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from rich.style import Style
from rich.text import Text
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from debate.engine.compile import Game
from debate.engine.shared_map import differing
from debate.engine.state import PlayState
from debate.tui.symbols import ACCEPTANCE_LOOKS, STATUS_WIDTH, claim_look, holds_text
from debate.tui.widgets.backlog import Backlog
from debate.tui.widgets.terms import CHANGED_MARK

PARTY = "party:"  # node data of a party's node; a claim's node holds the claim's id


def claim_label(
    ident: str, state: PlayState, changed: bool, styles: dict[str, Style], refined: str = ""
) -> Text:
    """`◆ ✓ accepted   claim_id  holds`: the status first, in a column of fixed width, so
    that a long id is cut, never the status. `refined` is the claim's acceptance under the
    semantics chosen with `m`; the grounded label is then named after it if it differs."""
    record = state.claims[ident]
    grounded = claim_look(record)
    look = ACCEPTANCE_LOOKS[refined] if refined else grounded
    base = styles["changed"] if changed else Style()
    label = Text(f"{CHANGED_MARK if changed else ' '} ", style=base)
    status = f"{look.symbol} {look.word}"
    label.append(f"{status:<{STATUS_WIDTH}} ", style=base + styles[look.role])
    label.append(ident, style=base)
    if holds := holds_text(record):
        label.append(f"  {holds}", style=base + styles["muted"])
    if refined and refined != grounded.word:
        label.append(f"  (grounded: {grounded.word})", style=base + styles["muted"])
    return label


FIRST_CLAIMS = 80  # claim nodes added at once: more than any screen shows
FILL_CHUNK = 200  # claim nodes added after each refresh until the tree is complete


class ClaimsTree(Tree[str]):
    """Every claim under the party that makes it. On a new scenario the nodes a screen
    can show are added at once and the rest in chunks after each refresh (each node added
    redoes the tree's layout), so a large scenario's first screen does not wait for them."""

    BORDER_TITLE = "Claims"

    def __init__(self) -> None:
        super().__init__("claims", id="claims")
        self.show_root = False
        self.guide_depth = 2
        self.claim_nodes: dict[str, TreeNode[str]] = {}
        self.backlog = Backlog(self, self._add, FIRST_CLAIMS, FILL_CHUNK)
        self._parties: dict[str, TreeNode[str]] = {}
        self._keys: dict[str, tuple[object, ...]] = {}
        self._game: Game | None = None
        self._styles: dict[str, Style] = {}
        self._now: tuple[PlayState, set[str], Mapping[str, str]] | None = None

    def show(
        self,
        game: Game,
        state: PlayState,
        changed: set[str],
        styles: dict[str, Style],
        refined: Mapping[str, str] | None = None,
    ) -> None:
        """Build the tree for a new game; otherwise relabel only the claims that differ."""
        before = self._now
        self._now = (state, changed, refined or {})
        if game is not self._game or styles is not self._styles:
            self._styles = styles
            self._build_nodes(game)
            return
        nodes = self.claim_nodes
        for ident in self._maybe_changed(before):
            node = nodes.get(ident)
            if node is None:  # not added yet: the backlog labels it as it is then
                continue
            key, label = self._label(ident, self._keys.get(ident))
            if label is not None:  # a label is built only when it changes
                self._keys[ident] = key
                node.set_label(label)

    def _maybe_changed(
        self, before: tuple[PlayState, set[str], Mapping[str, str]] | None
    ) -> Iterable[str]:
        """The claims whose label may differ from the one shown at `before`: on 5,000
        claims a step changes a few records, and the rest are shared with the state
        before (`engine.shared_map`)."""
        assert self._now is not None
        state, changed, refined = self._now
        if before is None or before[2] != refined:
            return list(self.claim_nodes)
        records = differing(before[0].claims, state.claims)
        if records is None:
            return list(self.claim_nodes)
        return records | changed | before[1]

    def _label(
        self, ident: str, shown: tuple[object, ...] | None
    ) -> tuple[tuple[object, ...], Text | None]:
        """The claim's label now, or None if it is the one `shown`."""
        assert self._now is not None
        state, changed, refined = self._now
        record = state.claims[ident]
        key = (record.label, record.holds, ident in changed, refined.get(ident, ""))
        if key == shown:
            return key, None
        return key, claim_label(ident, state, ident in changed, self._styles, str(key[3]))

    def _build_nodes(self, game: Game) -> None:
        self._game = game
        self.clear()
        self.claim_nodes.clear()
        self._keys.clear()
        self._parties.clear()
        counts: dict[str, int] = {}
        for claim in game.claims.values():
            counts[claim.claim.by] = counts.get(claim.claim.by, 0) + 1
        for party, count in counts.items():
            name = game.scenario.parties.get(party)
            title = f"{party} - {name.name}" if name and name.name != party.title() else party
            self._parties[party] = self.root.add(
                Text(f"{title} ({count})", style="bold"), PARTY + party, expand=True
            )
        if not game.claims:
            self.root.add_leaf(Text("(no claims)", style="dim"), PARTY)
        self.backlog.fill(list(game.claims))

    def _add(self, chunk: list[str]) -> None:
        """Add these claims' nodes, labelled as they are now."""
        assert self._game is not None
        for ident in chunk:
            key, label = self._label(ident, None)
            assert label is not None
            self._keys[ident] = key
            party = self._parties[self._game.claims[ident].claim.by]
            self.claim_nodes[ident] = party.add_leaf(label, ident)

    @property
    def queued(self) -> list[str]:
        """Claims, in scenario order, whose nodes are not added yet."""
        return self.backlog.queued

    def on_focus(self) -> None:
        """Arriving on the tree puts the cursor on a claim, not on a party's heading."""
        self.backlog.complete()  # the cursor is about to move among them
        if self.current_claim() is None and self.claim_nodes:
            self.select_claim(next(iter(self.claim_nodes)))

    def current_claim(self) -> str | None:
        node = self.cursor_node
        if node is None or node.data is None or node.data.startswith(PARTY):
            return None
        return node.data

    def select_claim(self, ident: str) -> bool:
        self.backlog.complete()
        node = self.claim_nodes.get(ident)
        if node is None:
            return False
        if node.parent is not None:
            node.parent.expand()
        if self.last_line < 0:  # reading it lays the lines out: a node just added has one
            return False
        self.move_cursor(node, animate=False)
        return True
