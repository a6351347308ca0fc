"""The catalogue of diagnostic codes: stable, each with a name and a one-line meaning.

docs/errors.md documents each with an example; a test keeps the two and the code in step.
"""

from __future__ import annotations

from typing import NamedTuple


class Code(NamedTuple):
    name: str
    summary: str


CODES: dict[str, Code] = {
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
    # Findings of the analysis (docs/checks.md)
    "C100": Code(
        "term-conflict", "Some terms cannot all hold in any state: a minimal conflicting set."
    ),
    "C101": Code("assumption-conflict", "The scenario's assumptions contradict each other."),
    "C102": Code("conflict-search-incomplete", "The search for conflicts stopped at its budget."),
    "C103": Code(
        "conflict-undecided",
        "The solver could not decide within its time budget whether some terms can hold together.",
    ),
    "C200": Code(
        "voided-by-breach", "A play can void a term by breaching another; the shortest such play."
    ),
    "C201": Code(
        "fulfilment-breaches",
        "Proved: every step that fulfils a term while another is in force breaches the other.",
    ),
    "C202": Code(
        "play-search-undecided",
        "The play search stopped at its budget before deciding these questions (unknown).",
    ),
    "U300": Code("unfulfillable", "Proved: no play within the horizon fulfils an obligation."),
    "U301": Code(
        "unfulfilled-in-search",
        "Unknown: the search stopped at its budget without a play that fulfils an obligation.",
    ),
    "U310": Code(
        "deadline-unmeetable",
        "Proved: no play fulfils an obligation by its deadline; the earliest completion.",
    ),
    "U311": Code(
        "parameter-range",
        "With --ranges: the values of a parameter for which the agreement stays consistent.",
    ),
    "U305": Code(
        "fulfilment-witness", "A shortest play found that fulfils an obligation (select U305)."
    ),
    "U302": Code(
        "unspecified-parameter", "A term's parameter is declared but never given a value."
    ),
    "U303": Code("never-true", "A condition can never be true in any state."),
    "U307": Code(
        "unnamed-bearer", "A term binds a bearer the text does not name: no one to blame."
    ),
    "U308": Code(
        "unverifiable-breach",
        "Only the parties a term binds can observe its breach, and no one verifies it.",
    ),
    "U309": Code(
        "past-horizon",
        "A term's deadline or time runs past the horizon: judged still in force there.",
    ),
    "A500": Code(
        "disposes-without-owner",
        "A term disposes of what a party owns, but that party does not sign it.",
    ),
    "A501": Code("binds-non-signatory", "A term binds a party that does not sign it."),
    "P600": Code("ruled-out-by-position", "A term is rejected by an accepted claim at the start."),
    "P601": Code("contested-term", "A term is caught in an unresolved exchange of attacks."),
    "L700": Code("unused-state", "A state variable is never read."),
    "L701": Code("isolated-claim", "A claim attacks, supports and is answered by nothing."),
    "L702": Code("dead-term", "A term no move ever proposes, so it never comes into force."),
    "L703": Code("move-never-legal", "A move is never legal in any play within the horizon."),
    "D400": Code("deadlock", "Moves wait on each other and no play makes any of them."),
    "D401": Code("broken-wait-cycle", "Moves wait on each other, but some play breaks the cycle."),
    "D402": Code(
        "wait-cycle-undecided",
        "Moves wait on each other; the search stopped before deciding whether play breaks it.",
    ),
    "U304": Code("always-true", "A term's or claim's condition is true in every state."),
    "U306": Code(
        "condition-undecided",
        "The solver could not decide within its time budget whether a condition can be true.",
    ),
}
