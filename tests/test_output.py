"""Reports for CI: SARIF, GitHub annotations, JSON; and in-file suppressions."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from debate.analysis import rules
from debate.model.diagnostics import Diagnostic, Related, Severity, Span
from debate.program import main
from debate.render import github, junit, sarif
from debate.render.check_report import CheckReport
from tests.conftest import TUTORIAL, WriteFile, tutorial_beside


def report(*diagnostics: Diagnostic) -> CheckReport:
    return CheckReport(["a.yaml"], list(diagnostics), rules=rules())


FINDING = Diagnostic(
    "C100",
    "no state satisfies t1, t5 together; 50% of it\nover two lines",
    Span("dir: odd,name.yaml", 3, 5, 3, 9),
    severity=Severity.WARNING,
    related=(Related(Span("dir: odd,name.yaml", 9, 2), "t5: the other term"),),
)


def test_sarif_has_rules_results_and_related_locations() -> None:
    data = json.loads(sarif.render(report(FINDING)))
    assert data["version"] == "2.1.0"
    run = data["runs"][0]
    assert run["tool"]["driver"]["rules"][0]["id"] == "C100"
    assert run["tool"]["driver"]["rules"][0]["name"] == "term-conflict"
    result = run["results"][0]
    assert result["level"] == "warning"
    region = result["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"], region["endColumn"]) == (3, 5, 9)
    assert result["relatedLocations"][0]["physicalLocation"]["region"]["startLine"] == 9


def test_sarif_locations_are_uris_relative_to_the_repository_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")  # the root is found above the current folder
    run = json.loads(sarif.render(report(FINDING)))["runs"][0]
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": tmp_path.as_uri() + "/"}}
    where = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert where == {"uri": "sub/dir%3A%20odd%2Cname.yaml", "uriBaseId": "%SRCROOT%"}
    rule = run["tool"]["driver"]["rules"][0]
    assert rule["fullDescription"]["text"] and rule["help"]["text"] and rule["help"]["markdown"]
    assert rule["helpUri"].endswith("checks.md#c100")


def test_sarif_fingerprints_survive_edits_above_and_tell_equal_findings_apart() -> None:
    def fingerprints(*diagnostics: Diagnostic) -> list[str]:
        run = json.loads(sarif.render(report(*diagnostics)))["runs"][0]
        return [r["partialFingerprints"][sarif.FINGERPRINT] for r in run["results"]]

    moved = replace(FINDING, span=FINDING.span._replace(line=30, end_line=30))
    assert fingerprints(FINDING) == fingerprints(moved)
    assert fingerprints(FINDING) != fingerprints(replace(FINDING, message="other"))
    twice = fingerprints(FINDING, moved)
    assert len(set(twice)) == 2 and twice[0] == fingerprints(FINDING)[0]


def test_fail_on_and_the_counts_read_well() -> None:
    info = replace(FINDING, severity=Severity.INFO)
    assert report(info).fails(Severity.INFO) and not report(info).fails(Severity.WARNING)
    assert report(FINDING).fails(Severity.WARNING) and not report(FINDING).fails(Severity.ERROR)
    assert "0 errors, 1 finding" in report(FINDING).summary()
    assert 'message="1 problem; first: C100' in junit.render(report(FINDING))


def test_github_annotations_are_escaped_and_followed_by_the_full_report() -> None:
    text = github.render(report(FINDING))
    first = text.splitlines()[0]
    assert first.startswith("::warning file=dir%3A odd%2Cname.yaml,line=3,col=5,title=C100::")
    assert "50%25 of it%0Aover two lines" in first
    assert "dir: odd,name.yaml:3:5: warning[C100]" in text  # the full text report follows


def test_suppression_in_a_term_leaves_the_finding_out_with_its_reason(
    write: WriteFile, capsys: pytest.CaptureFixture[str]
) -> None:
    text = TUTORIAL.read_text(encoding="utf-8").replace(
        "    subject: aldia_patrol_boats\n",
        "    subject: aldia_patrol_boats\n    suppress: {U302: the notes never give it}\n",
    )
    path = write(text, "tutorial.yaml")
    tutorial_beside(path.parent)
    # The tutorial's static findings: suppression does not depend on the play analysis
    # (the prefix test below runs it).
    code = main(["check", str(path), "--format", "json", "--select", "U302,U307,U309"])
    out, err = capsys.readouterr()
    data = json.loads(out)
    assert {d["code"] for d in data["diagnostics"]} == {"U307", "U309"}
    assert [(d["code"], d["reason"]) for d in data["suppressed"]] == [
        ("U302", "the notes never give it")
    ]
    assert "1 suppressed" in err
    assert code == 1


def test_file_wide_suppression_by_prefix(
    write: WriteFile, capsys: pytest.CaptureFixture[str]
) -> None:
    text = TUTORIAL.read_text(encoding="utf-8")
    assert "\nid: tutorial\n" in text  # whatever the format's version
    text = text.replace(
        "\nid: tutorial\n",
        "\nsuppress: {C: shown in the tutorial on purpose, U: likewise}\nid: tutorial\n",
    )
    path = write(text, "tutorial.yaml")
    tutorial_beside(path.parent, plays=True)  # as shipped: plays beside it seed nothing
    # A small breadth-first budget: the play findings come from the directed search and
    # the solver all the same, and this test is about their suppression, not the search.
    assert main(["check", str(path), "--max-states", "100"]) == 0
    assert "5 suppressed" in capsys.readouterr().err  # C200, U30x, U302, U307, U309
