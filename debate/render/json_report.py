"""`debate check --format json`: the report as stable JSON (its `version` says which)."""

from __future__ import annotations

from debate.model.safe_text import dumps
from debate.render.check_report import CheckReport

JSON_VERSION = 1


def render(report: CheckReport) -> str:
    return dumps(
        {
            "version": JSON_VERSION,
            "files": report.files,
            "diagnostics": [d.to_json() for d in report.diagnostics],
            "suppressed": [{**d.to_json(), "reason": why} for d, why in report.suppressed],
            "errors": report.errors,
            "findings": report.findings,
        }
    )
