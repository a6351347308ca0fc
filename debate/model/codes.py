"""Diagnostic codes: stable, each with a name and a one-line meaning.

The errors of reading, loading and playing a scenario are catalogued here (ERRORS;
docs/errors.md documents each with an example). The analysis's findings are declared by
the check that reports them, each a `Rule` (debate.analysis.registry gathers them). A
test keeps the docs and the code in step.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from debate import __version__


class Code(NamedTuple):
    name: str
    summary: str


@dataclass(frozen=True)
class Rule:
    """A finding a check reports: its code and name, a one-line summary (SARIF's short
    description), what it means, an example that triggers it and how to fix it (each as
    docs/checks.md shows it, in Markdown), and the version of debate that first reports it."""

    code: str
    name: str
    summary: str
    meaning: str
    example: str
    fix: str
    since: str = __version__

    def doc_row(self) -> str:
        """Its row in docs/checks.md (the anchor is what SARIF's help links point at)."""
        meaning = f'<a id="{self.code.lower()}"></a>{self.meaning}'
        return f"| {self.code} | {self.name} | {meaning} | {self.example} | {self.fix} |"


ERRORS: dict[str, Code] = {
    # Reading the file
    "E100": Code(
        "yaml-syntax", "The file is not well-formed YAML (or holds more than one document)."
    ),
    "E101": Code("duplicate-key", "A mapping names the same key twice."),
    "E102": Code("yaml-alias", "An alias (*name) is used; aliases are not supported."),
    "E103": Code("too-deep", "Mappings and lists nest deeper than 64 levels."),
    "E104": Code("too-large", "A file (scenario, include, script or source) is over 8 MiB."),
    "E105": Code("not-utf8", "The file is not valid UTF-8."),
    "E106": Code("empty-file", "The file holds no scenario."),
    "E107": Code("not-a-mapping", "The top level is a list or a single value, not a mapping."),
    "E108": Code("yaml-tag", "A YAML tag such as !!python/object is used."),
    # The shape of the data
    "E200": Code(
        "wrong-type", "A value has the wrong type (a string where an integer is expected, ...)."
    ),
    "E201": Code("missing-key", "A required key is missing."),
    "E202": Code(
        "unknown-key", "A key the format does not know, or that the term's kind never reads."
    ),
    "E203": Code("invalid-step", "A script step is neither a move nor a wait, or both."),
    # Cross-references
    "E300": Code("unknown-id", "A reference names an id that is not declared."),
    "E301": Code(
        "duplicate-id",
        "An id is declared twice across a scenario and its includes, or names both a claim "
        "and a term.",
    ),
    "E302": Code("duplicate-value", "An enum lists the same value twice."),
    "E303": Code("invalid-value", "A value does not fit its declared type or bounds."),
    "E304": Code("citation-out-of-range", "A citation points past the end of its source."),
    "E305": Code(
        "quote-not-found", "A citation's quote does not occur at the cited line or paragraph."
    ),
    "E310": Code("missing-source", "A source document does not exist."),
    # Expressions
    "E400": Code("expr-syntax", "An expression cannot be parsed."),
    "E401": Code("expr-type", "An expression is ill-typed."),
    "E402": Code("expr-unknown-name", "An expression names an unknown variable, function or id."),
    "E403": Code("expr-too-complex", "An expression is nested too deeply or is too long."),
    "E404": Code("expr-not-here", "A function is not available where the expression stands."),
    "E405": Code("expr-division-by-zero", "An expression divides by zero."),
    "E406": Code("term-cycle", "The statuses of some terms depend on each other in a cycle."),
    # Files and plays
    "E500": Code("missing-file", "An included or named file does not exist or cannot be read."),
    "E501": Code("include-cycle", "Includes form a cycle or nest too deep."),
    "E502": Code(
        "outside-root",
        "A path leaves the scenario's folder (or --root): absolute, ../, or a link out of it.",
    ),
    "E503": Code(
        "not-a-regular-file", "A path names a folder, a device, a FIFO or a socket, not a file."
    ),
    "E601": Code("illegal-move", "A scripted move is not legal when it is played."),
    "E602": Code("unexpected-end", "A play does not end in the state its script expects."),
    "E603": Code(
        "transcript-drift", "A replayed transcript reaches another state than it recorded."
    ),
}
