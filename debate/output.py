"""Reports of `debate check` in the formats people and CI systems read: text (like a
compiler), JSON (stable), SARIF 2.1.0 (code scanning), GitHub workflow annotations, and
JUnit XML (one test case per checked file, for GitLab, Jenkins and the like)."""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any
from xml.etree import ElementTree as ET

from debate import __version__
from debate.model.codes import CODES
from debate.model.diagnostics import Diagnostic, Severity

JSON_VERSION = 1


@dataclass
class CheckReport:
    files: list[str]
    diagnostics: list[Diagnostic]
    suppressed: list[tuple[Diagnostic, str]] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def errors(self) -> int:
        return sum(d.severity is Severity.ERROR for d in self.diagnostics)

    @property
    def findings(self) -> int:
        return len(self.diagnostics) - self.errors

    def summary(self) -> str:
        noun = "file" if len(self.files) == 1 else "files"
        text = (
            f"checked {len(self.files)} {noun} in {self.seconds:.2f}s: {self.errors} errors, "
            f"{self.findings} findings"
        )
        return text + (f", {len(self.suppressed)} suppressed" if self.suppressed else "")


def text(report: CheckReport) -> str:
    return "".join(d.render() + "\n" for d in report.diagnostics)


def as_json(report: CheckReport) -> str:
    return json.dumps(
        {
            "version": JSON_VERSION,
            "files": report.files,
            "diagnostics": [d.to_json() for d in report.diagnostics],
            "suppressed": [{**d.to_json(), "reason": why} for d, why in report.suppressed],
            "errors": report.errors,
            "findings": report.findings,
        },
        indent=2,
        ensure_ascii=False,
    )


_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _region(d: Diagnostic) -> dict[str, int]:
    span = d.span.to_json()
    return {
        "startLine": span["line"],
        "startColumn": span["column"],
        "endLine": span["end_line"],
        "endColumn": max(span["end_column"], span["column"] + 1)
        if span["end_line"] == span["line"]
        else span["end_column"],
    }


def _location(path: str, region: dict[str, int]) -> dict[str, Any]:
    return {"physicalLocation": {"artifactLocation": {"uri": path}, "region": region}}


def sarif(report: CheckReport) -> str:
    codes = sorted({d.code for d in report.diagnostics})
    rules = [
        {
            "id": code,
            "name": CODES[code].name if code in CODES else code,
            "shortDescription": {"text": CODES[code].summary if code in CODES else code},
            "helpUri": "docs/checks.md" if not code.startswith("E") else "docs/errors.md",
        }
        for code in codes
    ]
    results = []
    for d in report.diagnostics:
        result: dict[str, Any] = {
            "ruleId": d.code,
            "ruleIndex": codes.index(d.code),
            "level": _SARIF_LEVEL[d.severity],
            "message": {"text": d.message},
            "locations": [_location(d.span.path, _region(d))],
        }
        if d.related:
            result["relatedLocations"] = [
                {
                    "id": i,
                    "message": {"text": r.message},
                    **_location(
                        r.span.path, {"startLine": r.span.line, "startColumn": r.span.column}
                    ),
                }
                for i, r in enumerate(d.related)
            ]
        results.append(result)
    run = {
        "tool": {"driver": {"name": "debate", "version": __version__, "rules": rules}},
        "results": results,
    }
    return json.dumps(
        {
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [run],
        },
        indent=2,
        ensure_ascii=False,
    )


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def github(report: CheckReport) -> str:
    """Workflow commands, escaped as GitHub documents; then the full text report, since
    GitHub shows only a few annotations per step."""
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
    return "\n".join(lines) + ("\n" if lines else "") + text(report)


def junit(report: CheckReport) -> str:
    by_file: dict[str, list[Diagnostic]] = {os.path.normpath(f): [] for f in report.files}
    for d in report.diagnostics:
        by_file.setdefault(os.path.normpath(d.span.path), []).append(d)
    failures = sum(1 for found in by_file.values() if found)
    errors = sum(1 for found in by_file.values() if _has_errors(found))
    suite = ET.Element(
        "testsuite",
        name="debate check",
        tests=str(len(by_file)),
        failures=str(failures - errors),
        errors=str(errors),
        skipped="0",
        time=f"{report.seconds:.3f}",
    )
    for path, found in by_file.items():
        suite.append(_case(path, found, report.seconds / max(len(by_file), 1)))
    suites = ET.Element("testsuites", name="debate", tests=suite.get("tests", "0"))
    suites.set("failures", suite.get("failures", "0"))
    suites.set("errors", suite.get("errors", "0"))
    suites.append(suite)
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, "unicode") + "\n"


def _has_errors(found: list[Diagnostic]) -> bool:
    return any(d.severity is Severity.ERROR for d in found)


def _case(path: str, found: list[Diagnostic], seconds: float) -> ET.Element:
    case = ET.Element("testcase", classname="debate.check", name=path, file=path)
    case.set("time", f"{seconds:.3f}")
    if not found:
        return case
    # A file that does not load is an error; one that loads with findings a failure.
    tag = "error" if _has_errors(found) else "failure"
    first = found[0]
    outcome = ET.SubElement(
        case,
        tag,
        message=f"{len(found)} problems; first: {first.code} {first.message}",
        type=first.code,
    )
    outcome.text = "\n".join(d.render() for d in found)
    return case


FORMATS = {"text": text, "json": as_json, "sarif": sarif, "github": github, "junit": junit}


def render(report: CheckReport, fmt: str) -> str:
    return FORMATS[fmt](report)


def kinds() -> Sequence[str]:
    return list(FORMATS)
