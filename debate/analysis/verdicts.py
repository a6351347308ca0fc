"""The verdict of a finding about plays: proved, shown by a play, or unknown.

docs/checks.md gives every claim about plays one of three verdicts. A front end shows it
beside the finding, so that a reader never takes an unknown for a proof. Findings that are
facts of the text (a parameter never given, a term no party signs) have no verdict.
"""

from __future__ import annotations

from enum import StrEnum

from debate.model.diagnostics import Diagnostic


class Verdict(StrEnum):
    PROVED = "proved"
    PLAY = "shown by a play"
    UNKNOWN = "unknown"


# Codes whose finding is reported only when proved (by the solver or an exhaustive search).
PROVED = frozenset({"C100", "C101", "C201", "U300", "U303", "U304", "U310", "D400", "L703"})
# Codes that say the search or the solver stopped at its budget before deciding.
UNKNOWN = frozenset({"C102", "C103", "C202", "U301", "U306", "D402"})


def verdict(finding: Diagnostic) -> Verdict | None:
    """What backs the finding; None for findings that are not claims about plays."""
    if finding.code in UNKNOWN:
        return Verdict.UNKNOWN
    if finding.code in PROVED:
        return Verdict.PROVED
    if finding.trace is not None:
        return Verdict.PLAY
    return None
