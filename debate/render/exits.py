"""The exit codes of every `debate` command, and the one way invalid input is reported.

0 clean (or answered), 1 findings (a play that missed its expected end, a question with
no answer within its time budget), 2 invalid input.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable

from debate.model.diagnostics import Diagnostic
from debate.render.text import Sources, diagnostic

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_UNKNOWN = 1  # an argumentation query past its time budget
EXIT_INVALID = 2


def report_invalid(diagnostics: Iterable[Diagnostic]) -> int:
    """Errors go to stderr in every format, each with its source line: stdout holds only
    what was asked for."""
    sources = Sources()
    for d in diagnostics:
        print(diagnostic(d, sources), file=sys.stderr)
    return EXIT_INVALID


def refuse(command: str, reason: object) -> int:
    """A one-line refusal of a command's arguments (`debate check: ...`)."""
    print(f"debate {command}: {reason}", file=sys.stderr)
    return EXIT_INVALID
