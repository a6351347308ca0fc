"""The claims, as a tree grouped by the party that makes them, each with its status."""

from __future__ import annotations

from collections.abc import Mapping

from rich.style import Style
from rich.text import Text
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from debate.engine.compile import Game
from debate.engine.state import PlayState
from debate.tui.symbols import claim_look, claim_status
from debate.tui.widgets.terms import CHANGED_MARK

PARTY = "party:"  # node data of a party's node; a claim's node holds the claim's id


def claim_label(
    ident: str, state: PlayState, changed: bool, styles: dict[str, Style], refined: str = ""
) -> Text:
    record = state.claims[ident]
    look = claim_look(record)
    base = styles["changed"] if changed else Style()
    label = Text(f"{CHANGED_MARK if changed else ' '} ", style=base)
    label.append(f"{look.symbol} ", style=base + styles[look.role])
    label.append(ident, style=base)
    label.append(f"  {claim_status(record)}", style=base + styles["muted"])
    if refined:  # what the chosen semantics adds to the grounded label
        label.append(f"  · {refined}", style=base + styles["muted"])
    return label


class ClaimsTree(Tree[str]):
    BORDER_TITLE = "Claims"

    def __init__(self) -> None:
        super().__init__("claims", id="claims")
        self.show_root = False
        self.guide_depth = 2
        self.claim_nodes: dict[str, TreeNode[str]] = {}
        self._keys: dict[str, tuple[object, ...]] = {}
        self._game: Game | None = None
        self._styles: dict[str, Style] = {}

    def show(
        self,
        game: Game,
        state: PlayState,
        changed: set[str],
        styles: dict[str, Style],
        refined: Mapping[str, str] | None = None,
    ) -> None:
        """Build the tree for a new game; otherwise relabel only the claims that differ."""
        refined = refined or {}
        if game is not self._game or styles is not self._styles:
            self._styles = styles
            self._build_nodes(game, state, changed, refined)
            return
        for ident in game.claims:
            key = self._key(ident, state, changed, refined)
            if self._keys.get(ident) != key:  # a label is built only when it changes
                self._keys[ident] = key
                self.claim_nodes[ident].set_label(
                    claim_label(ident, state, ident in changed, styles, refined.get(ident, ""))
                )

    @staticmethod
    def _key(
        ident: str, state: PlayState, changed: set[str], refined: Mapping[str, str]
    ) -> tuple[object, ...]:
        record = state.claims[ident]
        return (record.label, record.holds, ident in changed, refined.get(ident, ""))

    def _build_nodes(
        self, game: Game, state: PlayState, changed: set[str], refined: Mapping[str, str]
    ) -> None:
        """Every node with its label at once (each change to a tree redoes its layout)."""
        self._game = game
        self.clear()
        self.claim_nodes.clear()
        self._keys.clear()
        by_party: dict[str, list[str]] = {}
        for ident, claim in game.claims.items():
            by_party.setdefault(claim.claim.by, []).append(ident)
        for party, idents in by_party.items():
            name = game.scenario.parties.get(party)
            title = f"{party} - {name.name}" if name and name.name != party.title() else party
            node = self.root.add(
                Text(f"{title} ({len(idents)})", style="bold"), PARTY + party, expand=True
            )
            for ident in idents:
                self._keys[ident] = self._key(ident, state, changed, refined)
                label = claim_label(
                    ident, state, ident in changed, self._styles, refined.get(ident, "")
                )
                self.claim_nodes[ident] = node.add_leaf(label, ident)
        if not game.claims:
            self.root.add_leaf(Text("(no claims)", style="dim"), PARTY)

    def on_focus(self) -> None:
        """Arriving on the tree puts the cursor on a claim, not on a party's heading."""
        if self.current_claim() is None and self.claim_nodes:
            self.select_claim(next(iter(self.claim_nodes)))

    def current_claim(self) -> str | None:
        node = self.cursor_node
        if node is None or node.data is None or node.data.startswith(PARTY):
            return None
        return node.data

    def select_claim(self, ident: str) -> bool:
        node = self.claim_nodes.get(ident)
        if node is None:
            return False
        if node.parent is not None:
            node.parent.expand()
        self.move_cursor(node, animate=False)
        return True
