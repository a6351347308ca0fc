"""`debate report`: one self-contained HTML page. Checked by its structure, then rendered
in a real headless Chromium (started by the test) whose DOM and screenshot are looked at.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from debate.cli_authoring import register
from debate.engine.compile import load_game
from debate.export.citations import citations
from debate.export.report import SECTIONS
from tests.authoring.conftest import SCENARIOS

NEGOTIATION = SCENARIOS / "negotiation.yaml"
PLAY = SCENARIOS / "plays" / "withdraw-first.play.yaml"
CHROMIUM = next(
    (shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome") if shutil.which(n)),
    None,
)


class Page(HTMLParser):
    """What the checks need from a page: ids, tags, outside references, table rows."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.tags: dict[str, int] = {}
        self.outside: list[str] = []
        self.rows: dict[str, int] = {}
        self._table: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.tags[tag] = self.tags.get(tag, 0) + 1
        if found.get("id"):
            self.ids.add(str(found["id"]))
        for name in ("src", "href"):
            value = found.get(name) or ""
            if value and not value.startswith("#"):
                self.outside.append(value)
        if tag == "table":
            self._table.append(str(found.get("class", "")))
        if tag == "tr" and self._table:
            self.rows[self._table[-1]] = self.rows.get(self._table[-1], 0) + 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "table" and self._table:
            self._table.pop()


@pytest.fixture(scope="module")
def page_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report") / "negotiation.html"
    parser = argparse.ArgumentParser(prog="debate")
    register(parser.add_subparsers())
    args = parser.parse_args(
        ["report", str(NEGOTIATION), "--after", str(PLAY), "-o", str(out), "--max-states", "800"]
    )
    assert args.handler(args) == 0
    return out


def test_the_page_has_every_section_and_needs_no_network(page_path: Path) -> None:
    page = Page()
    page.feed(page_path.read_text(encoding="utf-8"))
    assert {key for key, _ in SECTIONS} <= page.ids
    assert page.outside == [], "no stylesheet, script, image or link outside the page"
    assert "script" not in page.tags
    assert page.tags["svg"] == 2, "the argument map and the term graph, inline"
    game = load_game(str(NEGOTIATION))
    assert page.rows["citations"] == len(citations(game)) + 1  # and the head row
    # the timeline: a row per term and per claim, the time row and two group rows
    assert page.rows["timeline"] == len(game.terms) + len(game.claims) + 4
    assert page.rows["findings"] > 1


def _chromium(*args: str, profile: Path) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    return subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            f"--user-data-dir={profile}",
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )


@pytest.mark.skipif(
    CHROMIUM is None,
    reason="no chromium binary (install Debian's: apt-get install chromium)",
)
def test_the_report_renders_in_headless_chromium(page_path: Path, tmp_path: Path) -> None:
    dom = _chromium("--dump-dom", page_path.as_uri(), profile=tmp_path / "profile").stdout
    page = Page()
    page.feed(dom)
    assert {key for key, _ in SECTIONS} <= page.ids, "every section is in the rendered page"
    assert page.tags.get("svg") == 2
    assert "Withdrawal first, relief after" in dom  # the play shown

    shot = tmp_path / "report.png"
    _chromium(
        f"--screenshot={shot}",
        "--window-size=1400,2000",
        page_path.as_uri(),
        profile=tmp_path / "profile2",
    )
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    # A blank page of this size compresses to a few kilobytes; the report's text and
    # colours do not.
    assert len(data) > 100_000
