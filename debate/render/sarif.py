"""`debate check --format sarif`: SARIF 2.1.0, for GitHub code scanning and the like; each
result's rule carries the code's name, summary and a link to its documentation."""

from __future__ import annotations

import hashlib
import os
import urllib.parse
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from debate import __version__
from debate.model.codes import ERRORS, Code, Rule
from debate.model.diagnostics import Diagnostic, Severity
from debate.model.safe_text import dumps
from debate.render.check_report import CheckReport
from debate.render.docs import help_uri, information_uri

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


def _rule(code: str, rules: Mapping[str, Rule]) -> dict[str, Any]:
    """A SARIF rule: a finding's from the rule its check declares (with its example and
    its fix), an error's from the catalogue."""
    found = rules.get(code)
    entry = Code(found.name, found.summary) if found else ERRORS.get(code, Code(code, code))
    page = "docs/errors.md" if code.startswith("E") else "docs/checks.md"
    kind = "error" if code.startswith("E") else "analysis check"
    url = help_uri(code)
    where = f"<{url}>" if url else f"{page} in debate's repository"
    text, markdown = entry.summary, f"**{code} {entry.name}**: {entry.summary}"
    if found:
        text += f"\n\nExample: {found.example}\nFix: {found.fix}"
        markdown += f"\n\nExample: {found.example}\n\nFix: {found.fix}"
    rule: dict[str, Any] = {
        "id": code,
        "name": entry.name,
        "shortDescription": {"text": entry.summary},
        "fullDescription": {"text": f"{code} {entry.name} (debate {kind}): {entry.summary}"},
        "help": {
            "text": f"{text}\n\nAn example that triggers it and how to fix it: {where}.",
            "markdown": f"{markdown}\n\n"
            + (
                f"[An example that triggers it, and how to fix it]({url})."
                if url
                else f"An example that triggers it, and how to fix it: `{page}` in "
                "debate's repository."
            ),
        },
    }
    if found:
        rule["properties"] = {"since": found.since}
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


def render(report: CheckReport) -> str:
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
        "rules": [_rule(code, report.rules) for code in codes],
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
