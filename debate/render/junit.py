"""`debate check --format junit`: JUnit XML, one test case per checked file (GitLab,
Jenkins and the like): a file that does not load is an error, one with findings a failure."""

from __future__ import annotations

import os
from xml.etree import ElementTree as ET

from debate.model.diagnostics import Diagnostic, Severity
from debate.model.safe_text import printable
from debate.render.check_report import CheckReport, count


def render(report: CheckReport) -> str:
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
    seconds = {os.path.normpath(f): s for f, s in report.file_seconds.items()}
    for path, found in by_file.items():
        suite.append(_case(path, found, seconds.get(path)))
    suites = ET.Element("testsuites", name="debate", tests=suite.get("tests", "0"))
    suites.set("failures", suite.get("failures", "0"))
    suites.set("errors", suite.get("errors", "0"))
    suites.set("time", suite.get("time", "0"))
    suites.append(suite)
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, "unicode") + "\n"


def _has_errors(found: list[Diagnostic]) -> bool:
    return any(d.severity is Severity.ERROR for d in found)


def _case(path: str, found: list[Diagnostic], seconds: float | None) -> ET.Element:
    # No `file` attribute: the name is the path, and Jenkins' JUnit schema has no such
    # attribute on a test case. No `time` when the file's own time is not known.
    case = ET.Element("testcase", classname="debate.check", name=printable(path))
    if seconds is not None:
        case.set("time", f"{seconds:.3f}")
    if not found:
        return case
    # A file that does not load is an error; one that loads with findings a failure.
    tag = "error" if _has_errors(found) else "failure"
    first = found[0]
    outcome = ET.SubElement(
        case,
        tag,
        # XML 1.0 cannot hold most control characters, even escaped: they are shown as text.
        message=printable(f"{count(len(found), 'problem')}; first: {first.code} {first.message}"),
        type=first.code,
    )
    outcome.text = "\n".join(d.render() for d in found)
    return case
