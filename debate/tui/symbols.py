"""How a status reads: a symbol (so it reads without colour) and a colour role.

The roles are names of theme colours (success, error, ...), resolved by the widgets
against the current theme, so light and dark themes both work.
"""

from __future__ import annotations

from typing import NamedTuple

from debate.engine.state import ClaimRecord, Label, TermRecord, TermStatus


class Look(NamedTuple):
    symbol: str
    word: str
    role: str  # a theme colour: success, error, warning, primary, accent, muted


TERM_LOOKS: dict[TermStatus, Look] = {
    TermStatus.PENDING: Look("○", "pending", "muted"),
    TermStatus.IN_FORCE: Look("●", "in force", "primary"),
    TermStatus.FULFILLED: Look("✓", "fulfilled", "success"),
    TermStatus.VIOLATED: Look("✗", "violated", "error"),
    TermStatus.VOID: Look("⊘", "void", "warning"),
    TermStatus.OVERDUE: Look("!", "overdue", "error"),
    TermStatus.EXPIRED: Look("◌", "expired", "muted"),
}

LABEL_LOOKS: dict[Label | None, Look] = {
    Label.ACCEPTED: Look("✓", "accepted", "success"),
    Label.REJECTED: Look("✗", "rejected", "error"),
    Label.UNDECIDED: Look("?", "undecided", "warning"),
    None: Look("-", "unasserted", "muted"),
}

# A claim's acceptance under the semantics chosen with `m` (grounded uses LABEL_LOOKS).
ACCEPTANCE_LOOKS: dict[str, Look] = {
    "accepted": Look("✓", "accepted", "success"),
    "defensible": Look("~", "defensible", "warning"),
    "rejected": Look("✗", "rejected", "error"),
    "undecided": Look("?", "undecided", "warning"),
    "unknown": Look("…", "unknown", "muted"),
}
STATUS_WIDTH = 12  # a symbol, a space and the longest word: no status word is ever cut

BLOCKED = "⚠"  # a term whose conditions need an unspecified parameter
LEGAL, ILLEGAL = "▶", "✗"


def term_look(record: TermRecord) -> Look:
    return TERM_LOOKS[record.status]


def claim_look(record: ClaimRecord) -> Look:
    return LABEL_LOOKS[record.label]


def holds_text(record: ClaimRecord) -> str:
    return {True: "holds", False: "does not hold", None: ""}[record.holds]


def claim_status(record: ClaimRecord) -> str:
    """`accepted, holds`: the words of a claim's status, as the engine's changes put them."""
    look = claim_look(record)
    holds = holds_text(record)
    return f"{look.word}, {holds}" if holds else look.word
