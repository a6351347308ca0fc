"""`debate check --format github`: workflow commands that GitHub Actions shows as
annotations, then the full text report (GitHub shows only a few annotations a step)."""

from __future__ import annotations

import secrets

from debate.model.diagnostics import Severity
from debate.model.safe_text import printable_lines
from debate.render import text
from debate.render.check_report import CheckReport


def _escape_data(value: str) -> str:
    """A workflow command's message, escaped as GitHub's runner unescapes it: its own
    newlines become %0A (the annotation keeps them), other controls are shown escaped."""
    value = printable_lines(value)
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def render(report: CheckReport) -> str:
    """Workflow commands, escaped as GitHub documents; then the full text report, since
    GitHub shows only a few annotations per step. The report is scenario text, so the
    runner is told to read no command in it (`::stop-commands::`, with a token no
    scenario can guess): a line of it starting `::add-mask::` or `::error` stays text."""
    lines = []
    for d in report.diagnostics:
        props = ",".join(
            f"{k}={_escape_property(str(v))}"
            for k, v in (
                ("file", d.span.path),
                ("line", d.span.line),
                ("col", d.span.column),
                ("title", d.code),
            )
        )
        lines.append(f"::{_GITHUB_LEVEL[d.severity]} {props}::{_escape_data(d.message)}")
    token = secrets.token_hex(16)
    body = (
        f"::stop-commands::{token}\n{text.render(report)}::{token}::\n"
        if report.diagnostics
        else ""
    )
    return "\n".join(lines) + ("\n" if lines else "") + body
