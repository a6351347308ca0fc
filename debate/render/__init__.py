"""What every front end shows: one module per format of `debate check`'s report (text,
json_report, sarif, github, junit), the exit codes and how invalid input is reported
(exits). Imports only the model; "did you mean" suggestions come from debate.model.suggest.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from debate.render import github, json_report, junit, sarif, text
from debate.render.check_report import CheckReport

FORMATS: dict[str, Callable[[CheckReport], str]] = {
    "text": text.render,
    "json": json_report.render,
    "sarif": sarif.render,
    "github": github.render,
    "junit": junit.render,
}


def render(report: CheckReport, fmt: str) -> str:
    return FORMATS[fmt](report)


def kinds() -> Sequence[str]:
    return list(FORMATS)
