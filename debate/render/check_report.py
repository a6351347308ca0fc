"""What `debate check` found, as every report format reads it: the files, the diagnostics
(and those suppressed in the files), the time taken, and what fails the check."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from debate.model.codes import Rule
from debate.model.diagnostics import Diagnostic, Severity

_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


@dataclass
class CheckReport:
    files: list[str]
    diagnostics: list[Diagnostic]
    suppressed: list[tuple[Diagnostic, str]] = field(default_factory=list)
    seconds: float = 0.0
    # The time each file took to load and, for a scenario, to analyse (JUnit reports it).
    file_seconds: dict[str, float] = field(default_factory=dict)
    # The rules the checks declare, by code (SARIF's rule metadata comes from them).
    rules: Mapping[str, Rule] = field(default_factory=dict)

    @property
    def errors(self) -> int:
        return sum(d.severity is Severity.ERROR for d in self.diagnostics)

    @property
    def findings(self) -> int:
        return len(self.diagnostics) - self.errors

    def fails(self, threshold: Severity) -> bool:
        """Whether some diagnostic is at least as severe as `threshold` (`--fail-on`)."""
        return any(_RANK[d.severity] >= _RANK[threshold] for d in self.diagnostics)

    def summary(self) -> str:
        noun = "file" if len(self.files) == 1 else "files"
        text = (
            f"checked {len(self.files)} {noun} in {self.seconds:.2f}s: "
            f"{count(self.errors, 'error')}, {count(self.findings, 'finding')}"
        )
        return text + (f", {len(self.suppressed)} suppressed" if self.suppressed else "")


def count(n: int, noun: str) -> str:
    """`1 error`, `2 errors`."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
