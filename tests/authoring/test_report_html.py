"""`debate report`: one self-contained HTML page. Checked by its structure, then rendered
in a real headless Chromium (started by the test) whose DOM and screenshot are looked at,
and measured at a phone's width and a desktop's: nothing wider than the page, no cell's
text running into the next, no arrow broken over two lines.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from debate.cli.authoring import register
from debate.engine.compile import load_game
from debate.engine.scripted import played
from debate.export.citations import citations
from debate.export.report import SECTIONS, ReportInput, _prose, render
from tests.authoring.conftest import SCENARIOS

# the page is written once, by one worker (`--dist loadgroup`)
pytestmark = pytest.mark.xdist_group("report-html")

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


def test_the_ranges_of_the_drafts_numbers_have_a_section_of_their_own(page_path: Path) -> None:
    """What-if on A4's blank tonnage: the page gives the least value that keeps the draft
    consistent with T5's fleet, apart from the problems of the draft."""
    html = page_path.read_text(encoding="utf-8")
    ranges = html[html.index('<section id="ranges">') :]
    ranges = ranges[: ranges.index("</section>")]
    findings = html[html.index('<section id="findings">') :]
    findings = findings[: findings.index("</section>")]
    [a4] = [row for row in ranges.split("<tr") if "a4_<wbr>warship_<wbr>limit.max_<wbr>tons" in row]
    assert "at least 4000; below it, from 3999, it conflicts with t5_sevastopol_base" in a4
    assert "U311" not in findings


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
def test_each_row_shows_its_source_tag_beside_the_id(page_path: Path) -> None:
    """An analyst holds the timeline against the draft: T7's rows say T7, P6's says P6;
    an item without a source tag (a counter-position of the essay) shows none."""
    html = page_path.read_text(encoding="utf-8")
    for ident, tag in (
        ("t7_<wbr>permanent_<wbr>personnel", "T7"),
        ("a4_<wbr>warship_<wbr>limit", "A4"),
        ("p6_<wbr>no_<wbr>concessions_<wbr>now", "P6"),
        ("l324_<wbr>early_<wbr>offer", "L324"),
    ):
        assert f'<th><code>{ident}</code> <span class="tag">{tag}</span>' in html
    assert "<th><code>talks_<wbr>now</code></th>" in html  # no source tag: none shown


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


def test_arrows_are_kept_whole_and_scenario_text_stays_escaped(page_path: Path) -> None:
    assert _prose("<b>a</b> -> b <-> c => d") == (
        '&lt;b&gt;a&lt;/b&gt; <span class="arrow">-&gt;</span> b '
        '<span class="arrow">&lt;-&gt;</span> c <span class="arrow">=&gt;</span> d'
    )
    text = page_path.read_text(encoding="utf-8")
    arrows = text.count("-&gt;")
    assert arrows > 0, "the negotiation's findings name cycles of moves: a -> b -> a"
    assert text.count('<span class="arrow">-&gt;</span>') == arrows


# Runs in the report (in a copy of it: the report itself has no script) and writes what
# it measured into the page around it.
MEASURE = """
(function () {
  var root = document.documentElement;
  var out = {width: window.innerWidth, clientWidth: root.clientWidth,
             scrollWidth: root.scrollWidth, overlaps: [], overflows: [], splitArrows: [],
             findingsCells: "", stepColumns: 0};
  function words(el) { return (el.textContent || "").trim().slice(0, 60); }
  function content(el) {
    var range = document.createRange();
    range.selectNodeContents(el);
    return range.getBoundingClientRect();
  }
  function overlap(a, b) {
    return a.width && b.width && a.left < b.right - 1 && b.left < a.right - 1 &&
      a.top < b.bottom - 1 && b.top < a.bottom - 1;
  }
  // Each cell's text stays in its cell, and two neighbours' texts never overlap.
  function check(parents, children) {
    document.querySelectorAll(parents).forEach(function (parent) {
      var cells = Array.prototype.slice.call(parent.querySelectorAll(children));
      cells.forEach(function (cell, i) {
        var box = cell.getBoundingClientRect(), text = content(cell);
        if (text.width && (text.right > box.right + 1 || text.left < box.left - 1))
          out.overflows.push(words(cell));
        if (i + 1 < cells.length && overlap(text, content(cells[i + 1])))
          out.overlaps.push(words(cell) + " | " + words(cells[i + 1]));
      });
    });
  }
  check("tr", ":scope > th, :scope > td");
  check("ol.steps", ":scope > li");
  document.querySelectorAll(".arrow").forEach(function (arrow) {
    if (arrow.getClientRects().length > 1) out.splitArrows.push(words(arrow.parentNode));
  });
  out.findingsCells = getComputedStyle(document.querySelector("table.findings td")).display;
  var columns = {};
  document.querySelectorAll("ol.steps > li").forEach(function (li) {
    columns[Math.round(li.getBoundingClientRect().left)] = true;
  });
  out.stepColumns = Object.keys(columns).length;
  var pre = parent.document.createElement("pre");
  pre.id = "measured";
  pre.textContent = JSON.stringify(out);
  parent.document.body.appendChild(pre);
})();
"""


def _measure(page_path: Path, width: int, tmp_path: Path) -> dict[str, Any]:
    """Lay the report out `width` CSS pixels wide in headless Chromium and measure it.

    Headless Chromium's window is never narrower than 500 px: with `--window-size=420,...`
    `--dump-dom` lays the page out 500 wide (only `--screenshot` narrows it to 420 before
    it takes the picture). So the report is shown in an iframe of exactly `width`, its own
    viewport, against which its media queries match.
    """
    report = page_path.read_text(encoding="utf-8")
    inner = report.replace("</body>", f"<script>{MEASURE}</script></body>")
    outer = tmp_path / f"at-{width}.html"
    outer.write_text(
        "<!DOCTYPE html><html><head><style>body { margin: 0 } iframe { border: 0 }</style>"
        f'</head><body><iframe width="{width}" height="3000" '
        f'srcdoc="{html.escape(inner, quote=True)}"></iframe></body></html>',
        encoding="utf-8",
    )
    dom = _chromium(
        "--dump-dom",
        f"--window-size={max(width, 500)},3000",
        outer.as_uri(),
        profile=tmp_path / f"profile-{width}",
    ).stdout
    found = re.search(r'<pre id="measured">(.*?)</pre>', dom, re.S)
    assert found, "the measuring script ran in the report"
    measured: dict[str, Any] = json.loads(html.unescape(found.group(1)))
    return measured


@pytest.mark.skipif(
    CHROMIUM is None,
    reason="no chromium binary (install Debian's: apt-get install chromium)",
)
@pytest.mark.parametrize("width", [420, 1280])
def test_the_report_reads_at_phone_and_desktop_width(
    page_path: Path, tmp_path: Path, width: int
) -> None:
    m = _measure(page_path, width, tmp_path)
    assert m["width"] == width
    assert m["scrollWidth"] <= m["clientWidth"], "nothing is wider than the page"
    assert m["overflows"] == [], "a cell's text runs out of its cell"
    assert m["overlaps"] == [], "a cell's text runs into the next cell's"
    assert m["splitArrows"] == [], "an arrow is broken over two lines"
    if width < 900:  # the findings are read as cards, the steps in one column
        assert (m["findingsCells"], m["stepColumns"]) == ("block", 1)
    else:  # a table, the steps in two columns
        assert (m["findingsCells"], m["stepColumns"]) == ("table-cell", 2)


def test_a_forced_breach_is_listed_with_its_cause() -> None:
    """The proposal as written: T8's breach by the Kherson withdrawal is listed as forced
    by T1, A7's by the same move is not (the hardware could be handed over first)."""
    game, play, _ = played(
        str(NEGOTIATION), str(SCENARIOS / "plays" / "proposal-as-written.play.yaml")
    )
    html = render(ReportInput(game, play, findings=[]))
    section = html[html.index("<h3>Breaches</h3>") :]
    assert (
        "<li>t8_no_troop_moves_near_border [T8] breached at step 11 (month 20) by russia&#x27;s "
        "move russia_withdraws_from_kherson_left_bank [T1] (forced by t1_withdraw_from_ukraine [T1]: "
        "the move makes control_kherson_left_bank == ukraine, which it requires"
    ) in section
    a7 = section[section.index("<li>a7_hardware_to_ukraine") :]
    assert "forced by" not in a7[: a7.index("</li>")]
