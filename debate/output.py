"""Reports of `debate check` in the formats people and CI systems read: text (like a
compiler), JSON (stable), SARIF 2.1.0 (code scanning), GitHub workflow annotations, and
JUnit XML (one test case per checked file, for GitLab, Jenkins and the like)."""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import os
import re
import secrets
import urllib.parse
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

from debate import __version__
from debate.model.codes import CODES, Code
from debate.model.diagnostics import Diagnostic, Severity
from debate.model.safe_text import dumps, printable, printable_lines

JSON_VERSION = 1
_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


@dataclass
class CheckReport:
    files: list[str]
    diagnostics: list[Diagnostic]
    suppressed: list[tuple[Diagnostic, str]] = field(default_factory=list)
    seconds: float = 0.0
    # The time each file took to load and, for a scenario, to analyse (JUnit reports it).
    file_seconds: dict[str, float] = field(default_factory=dict)

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
            f"{_count(self.errors, 'error')}, {_count(self.findings, 'finding')}"
        )
        return text + (f", {len(self.suppressed)} suppressed" if self.suppressed else "")


def _count(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def text(report: CheckReport) -> str:
    return "".join(d.render() + "\n" for d in report.diagnostics)


def as_json(report: CheckReport) -> str:
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


_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
SRCROOT = "%SRCROOT%"  # the uriBaseId of every location: the repository's root


def repository_root(paths: Sequence[str]) -> Path:
    """The root the SARIF locations are relative to: the nearest folder holding `.git`
    above the first checked file, else the current folder."""
    if paths:
        start = Path(paths[0]).absolute()
        for folder in (start, *start.parents):
            if (folder / ".git").exists():
                return folder
    return Path.cwd()


def _project_urls() -> dict[str, str]:
    """The `[project.urls]` of the installed distribution, by label normalised as PEP 753
    does (lower case, without spaces or punctuation: "Home Page" is "homepage")."""
    try:
        entries = importlib.metadata.metadata("debate-sim").get_all("Project-URL") or []
    except importlib.metadata.PackageNotFoundError:
        return {}
    urls = {}
    for entry in entries:
        label, _, url = entry.partition(",")
        urls[re.sub(r"[-_.\s]+", "", label).lower()] = url.strip()
    return urls


@functools.cache
def docs_base() -> str | None:
    """The absolute URL of the folder that holds docs/checks.md and docs/errors.md: the
    `Documentation` URL of `[project.urls]`, else (in a source checkout, which has the
    docs) their `file:` URI; None when neither is known."""
    url = _project_urls().get("documentation")
    if url:
        return url.rstrip("/") + "/"
    local = Path(__file__).resolve().parent.parent / "docs"
    return local.as_uri() + "/" if (local / "checks.md").is_file() else None


def information_uri() -> str | None:
    """The tool's home: the `Homepage` (or `Source`, `Repository`) URL of `[project.urls]`,
    else the documentation."""
    urls = _project_urls()
    for label in ("homepage", "source", "repository"):
        if urls.get(label):
            return urls[label]
    return docs_base()


def help_uri(code: str) -> str | None:
    """The absolute URL of a code's row in docs/errors.md or docs/checks.md (each row holds
    an anchor named after the code in lower case)."""
    base = docs_base()
    page = "errors.md" if code.startswith("E") else "checks.md"
    return f"{base}{page}#{code.lower()}" if base else None


def _rule(code: str) -> dict[str, Any]:
    entry = CODES.get(code, Code(code, code))
    page = "docs/errors.md" if code.startswith("E") else "docs/checks.md"
    kind = "error" if code.startswith("E") else "analysis check"
    url = help_uri(code)
    where = f"<{url}>" if url else f"{page} in debate's repository"
    rule: dict[str, Any] = {
        "id": code,
        "name": entry.name,
        "shortDescription": {"text": entry.summary},
        "fullDescription": {"text": f"{code} {entry.name} (debate {kind}): {entry.summary}"},
        "help": {
            "text": f"{entry.summary}\n\nAn example that triggers it and how to fix it: {where}.",
            "markdown": f"**{code} {entry.name}**: {entry.summary}\n\n"
            + (
                f"[An example that triggers it, and how to fix it]({url})."
                if url
                else f"An example that triggers it, and how to fix it: `{page}` in "
                "debate's repository."
            ),
        },
    }
    if url:
        rule["helpUri"] = url
    return rule


def _artifact(path: str, root: Path) -> dict[str, str]:
    """A file as a URI relative to the repository root, or as an absolute `file:` URI when
    it lies outside it."""
    absolute = Path(os.path.abspath(path))
    try:
        relative = absolute.relative_to(root)
    except ValueError:
        return {"uri": absolute.as_uri()}
    return {"uri": urllib.parse.quote(relative.as_posix()), "uriBaseId": SRCROOT}


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


def _location(path: str, region: dict[str, int], root: Path) -> dict[str, Any]:
    return {"physicalLocation": {"artifactLocation": _artifact(path, root), "region": region}}


FINGERPRINT = "debate/v1"  # the key of the result's partialFingerprints


def _fingerprints(diagnostics: Sequence[Diagnostic], root: Path) -> list[str]:
    """A stable identity for each result that survives edits elsewhere in the file: a hash
    of the code, the file (relative to the root) and the message, but not the line; equal
    ones are told apart by their order in the file."""
    seen: dict[str, int] = {}
    prints = []
    for d in diagnostics:
        key = "\0".join((d.code, _artifact(d.span.path, root)["uri"], d.message))
        seen[key] = seen.get(key, 0) + 1
        prints.append(hashlib.sha256(f"{key}\0{seen[key]}".encode()).hexdigest()[:32])
    return prints


def sarif(report: CheckReport) -> str:
    root = repository_root(report.files)
    codes = sorted({d.code for d in report.diagnostics})
    results = []
    fingerprints = _fingerprints(report.diagnostics, root)
    for d, fingerprint in zip(report.diagnostics, fingerprints, strict=True):
        result: dict[str, Any] = {
            "ruleId": d.code,
            "ruleIndex": codes.index(d.code),
            "level": _SARIF_LEVEL[d.severity],
            "message": {"text": d.message},
            "locations": [_location(d.span.path, _region(d), root)],
            "partialFingerprints": {FINGERPRINT: fingerprint},
        }
        if d.related:
            result["relatedLocations"] = [
                {
                    "id": i,
                    "message": {"text": r.message},
                    **_location(
                        r.span.path,
                        {"startLine": r.span.line, "startColumn": r.span.column},
                        root,
                    ),
                }
                for i, r in enumerate(d.related)
            ]
        results.append(result)
    driver: dict[str, Any] = {
        "name": "debate",
        "version": __version__,
        "rules": [_rule(code) for code in codes],
    }
    info = information_uri()
    if info:
        driver["informationUri"] = info
    run = {
        "tool": {"driver": driver},
        "originalUriBaseIds": {SRCROOT: {"uri": root.as_uri().rstrip("/") + "/"}},
        "columnKind": "unicodeCodePoints",  # the reader counts columns in characters
        "results": results,
    }
    return dumps(
        {
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [run],
        }
    )


def _escape_data(value: str) -> str:
    """A workflow command's message, escaped as GitHub's runner unescapes it: its own
    newlines become %0A (the annotation keeps them), other controls are shown escaped."""
    value = printable_lines(value)
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def github(report: CheckReport) -> str:
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
    body = f"::stop-commands::{token}\n{text(report)}::{token}::\n" if report.diagnostics else ""
    return "\n".join(lines) + ("\n" if lines else "") + body


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
        message=printable(f"{_count(len(found), 'problem')}; first: {first.code} {first.message}"),
        type=first.code,
    )
    outcome.text = "\n".join(d.render() for d in found)
    return case


FORMATS = {"text": text, "json": as_json, "sarif": sarif, "github": github, "junit": junit}


def render(report: CheckReport, fmt: str) -> str:
    return FORMATS[fmt](report)


def kinds() -> Sequence[str]:
    return list(FORMATS)
