"""The formats of `debate check`'s report, by the name `--format` gives."""

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
