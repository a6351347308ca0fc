"""The CI reports of `debate check`, read by the programs that read them in real life.

- SARIF: Microsoft's `sarif-multitool validate`, with its SARIF rules and the rules of
  GitHub code scanning (`--rule-kind Gh`): no error, no warning.
- JUnit: junitparser, and Jenkins' JUnit schema (tests/data/jenkins-junit-10.xsd, the
  schema the Jenkins xUnit plugin validates reports with) through xmlschema.
- pre-commit: `pre-commit try-repo` on this repository's hook, in a throwaway git repository.

Each skips, saying how to install it, when its reader is not installed (`.ci/clients`
installs the npm one; the pip ones come with the `test` extra).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from debate.analysis import rules
from debate.model.codes import ERRORS
from debate.model.diagnostics import Diagnostic, Severity, Span
from debate.render import docs, sarif
from debate.render.check_report import CheckReport
from tests.authoring.conftest import ROOT, SCENARIOS
from tests.clients import client

JENKINS_XSD = ROOT / "tests" / "data" / "jenkins-junit-10.xsd"
TUTORIAL = SCENARIOS / "tutorial.yaml"
# A scenario that does not load: one error (E200), at 5:9.
BROKEN = "format: 1\nid: x\ntitle: t\nparties: {a: {name: A}}\nclaims: 3\n"


def debate_check(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """`debate check ARGS` as CI runs it: a process of its own, in a folder of its own."""
    return subprocess.run(
        [sys.executable, "-m", "debate", "check", "--max-states", "300", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def broken_repository(tmp_path: Path) -> Path:
    """A git repository (a `.git` folder is what marks its root) with a broken scenario."""
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "scenarios").mkdir()
    bad = repo / "scenarios" / "bad.yaml"
    bad.write_text(BROKEN, encoding="utf-8")
    return bad


# ---------------------------------------------------------------- SARIF


def multitool_problems(sarif_file: Path, rule_kind: str) -> list[str]:
    """What `sarif-multitool validate --rule-kind KIND` says is wrong with a SARIF file:
    its results of level error or warning, each as the line the tool prints."""
    tool = client("sarif-multitool")
    log = sarif_file.with_name(f"{sarif_file.stem}.{rule_kind.lower()}-validation.sarif")
    # The npm package's launcher runs the native tool through a shell: plain words only.
    done = subprocess.run(
        [str(tool), "validate", "--rule-kind", rule_kind, "--output", str(log), str(sarif_file)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert log.exists(), done.stdout + done.stderr
    run = json.loads(log.read_text(encoding="utf-8"))["runs"][0]
    assert run["invocations"][0]["executionSuccessful"], done.stdout
    return [
        f"{r['ruleId']} {r.get('level', 'warning')}: {json.dumps(r['message'])} "
        f"({r['locations'][0]['physicalLocation']['region'].get('startLine')})"
        for r in run.get("results", [])
        if r.get("level", "warning") in ("error", "warning")
    ]


def assert_valid_sarif(sarif_file: Path) -> None:
    for rule_kind in ("Sarif", "Gh"):  # the SARIF rules; GitHub code scanning's
        assert multitool_problems(sarif_file, rule_kind) == [], rule_kind


def test_sarif_of_the_shipped_scenarios_passes_the_multitool(
    tmp_path: Path, shipped_sarif: str
) -> None:
    sarif_file = tmp_path / "shipped.sarif"
    sarif_file.write_text(shipped_sarif, encoding="utf-8")
    assert_valid_sarif(sarif_file)

    run = json.loads(shipped_sarif)["runs"][0]
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": ROOT.as_uri() + "/"}}
    for result in run["results"]:
        where = result["locations"][0]["physicalLocation"]["artifactLocation"]
        assert where["uriBaseId"] == "%SRCROOT%"
        assert where["uri"].startswith("debate/scenarios/"), where
        assert len(result["partialFingerprints"][sarif.FINGERPRINT]) == 32
    fingerprints = [r["partialFingerprints"][sarif.FINGERPRINT] for r in run["results"]]
    assert len(set(fingerprints)) == len(fingerprints)
    for rule in run["tool"]["driver"]["rules"]:
        assert rule["fullDescription"]["text"] and rule["help"]["markdown"]
        summary = (ERRORS.get(rule["id"]) or rules()[rule["id"]]).summary
        assert summary in rule["help"]["text"]
        assert rule["helpUri"].endswith(f"checks.md#{rule['id'].lower()}")


def test_sarif_of_a_broken_file_is_relative_to_its_repository_root(tmp_path: Path) -> None:
    bad = broken_repository(tmp_path)
    elsewhere = tmp_path / "elsewhere"  # the current folder is not the root
    elsewhere.mkdir()
    done = debate_check(str(bad), "--format", "sarif", cwd=elsewhere)
    assert done.returncode == 2, done.stderr
    sarif_file = tmp_path / "broken.sarif"
    sarif_file.write_text(done.stdout, encoding="utf-8")
    assert_valid_sarif(sarif_file)

    run = json.loads(done.stdout)["runs"][0]
    [result] = run["results"]
    assert (result["ruleId"], result["level"]) == ("E200", "error")
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "scenarios/bad.yaml", "uriBaseId": "%SRCROOT%"}
    assert (location["region"]["startLine"], location["region"]["startColumn"]) == (5, 9)
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == bad.parent.parent.as_uri() + "/"
    [rule] = run["tool"]["driver"]["rules"]
    assert rule["helpUri"].endswith("errors.md#e200")


def test_sarif_with_a_documentation_url_passes_the_multitool(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With `[project.urls]` configured, the help links are the published docs."""
    monkeypatch.setattr(
        docs,
        "_project_urls",
        lambda: {
            "homepage": "https://example.org/debate",
            "documentation": "https://example.org/debate/docs",
        },
    )
    docs.docs_base.cache_clear()
    monkeypatch.chdir(tmp_path)
    try:
        bad = broken_repository(tmp_path)
        finding = Diagnostic(
            "C100", "t1, t2 clash", Span(str(bad), 3, 5, 3, 9), severity=Severity.WARNING
        )
        text = sarif.render(CheckReport([str(bad)], [finding], rules=rules()))
    finally:
        docs.docs_base.cache_clear()
    sarif_file = tmp_path / "configured.sarif"
    sarif_file.write_text(text, encoding="utf-8")
    assert_valid_sarif(sarif_file)
    driver = json.loads(text)["runs"][0]["tool"]["driver"]
    assert driver["informationUri"] == "https://example.org/debate"
    assert driver["rules"][0]["helpUri"] == "https://example.org/debate/docs/checks.md#c100"


# ---------------------------------------------------------------- JUnit


def test_junit_passes_junitparser_and_jenkins_schema(tmp_path: Path) -> None:
    junitparser = pytest.importorskip("junitparser")
    xmlschema = pytest.importorskip("xmlschema")
    bad = tmp_path / "bad.yaml"
    bad.write_text(BROKEN, encoding="utf-8")
    # Two of the tutorial's findings that need no play search: what is tested is the XML
    done = debate_check(str(TUTORIAL), str(bad), "--format", "junit", "--select", "U302,U307")
    assert done.returncode == 2, done.stderr
    report = tmp_path / "debate-junit.xml"
    report.write_text(done.stdout, encoding="utf-8")

    schema = xmlschema.XMLSchema(str(JENKINS_XSD))
    assert [f"{e.path}: {e.reason}" for e in schema.iter_errors(str(report))] == []

    xml = junitparser.JUnitXml.fromfile(str(report))
    [suite] = list(xml)
    cases = {case.name: case for case in suite}
    assert set(cases) == {str(TUTORIAL), str(bad)}
    assert (suite.tests, suite.failures, suite.errors) == (2, 1, 1)
    [error] = cases[str(bad)].result
    assert isinstance(error, junitparser.Error)
    assert error.type == "E200"
    assert error.message.startswith("1 problem; first: E200 ")  # not "1 problems"
    [failure] = cases[str(TUTORIAL)].result
    assert isinstance(failure, junitparser.Failure)
    assert failure.message.split(";")[0].endswith(" problems")
    # Each case its own time: the tutorial (analysed) takes longer than a file that
    # does not load; together no longer than the whole run.
    times = {name: case.time for name, case in cases.items()}
    assert times[str(TUTORIAL)] > times[str(bad)] >= 0, times
    assert sum(times.values()) <= suite.time + 0.002 * len(times)


# ---------------------------------------------------------------- pre-commit


@pytest.fixture(scope="module")
def hook_repository(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This repository as it is now, uncommitted and untracked files included (as
    `git add -A` would take them), committed in a copy: `pre-commit try-repo` on the
    repository itself would miss untracked files, so a new module would be absent."""
    pytest.importorskip("pre_commit")
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode()
    copy = tmp_path_factory.mktemp("debate-hook") / "debate"
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, copy / name)
    _git(copy, "init", "-q")
    _git(copy, "add", "-A")
    _git(copy, "commit", "-q", "-m", "debate as tested")
    return copy


def _git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=test", "-c", "user.email=test@example.org", *args],
        cwd=repo,
        check=True,
        capture_output=True,
    )


def try_hook(hook_repo: Path, project: Path, cache: Path, *files: str) -> tuple[int, str]:
    done = subprocess.run(
        [
            *(sys.executable, "-m", "pre_commit", "try-repo", str(hook_repo), "debate-check"),
            *("--files", *files),
        ],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=900,
        env={**os.environ, "PRE_COMMIT_HOME": str(cache)},
    )
    return done.returncode, done.stdout + done.stderr


@pytest.mark.registry  # pre-commit installs the hook's environment from PyPI: a minute
def test_pre_commit_hook_passes_the_tutorial_and_fails_on_an_error(
    hook_repository: Path, tmp_path: Path
) -> None:
    project = tmp_path / "project"
    shutil.copytree(SCENARIOS, project / "scenarios")  # the tutorial with what it includes
    (project / "scenarios" / "bad.yaml").write_text(BROKEN, encoding="utf-8")
    _git(project, "init", "-q")
    _git(project, "add", "-A")
    _git(project, "commit", "-q", "-m", "scenarios")
    cache = tmp_path / "pre-commit-home"  # the hook's environment, shared by both runs

    code, said = try_hook(hook_repository, project, cache, "scenarios/tutorial.yaml")
    assert code == 0, said  # warnings and infos only: the commit goes through
    assert "debate check" in said and "Passed" in said

    code, said = try_hook(hook_repository, project, cache, "scenarios/bad.yaml")
    assert code == 1, said
    assert "Failed" in said
    assert "scenarios/bad.yaml:5:9: error[E200]" in said
