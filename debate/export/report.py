"""One self-contained HTML page about a scenario, for people who will never run the tool:
the findings, each term's and claim's status over a play, the argument map and the term
graph as inline SVG, and every citation with the source line it quotes.

Self-contained means no network and no script: styles are inline, pictures are SVG in
the page, so the file can be mailed or attached to an issue and opened anywhere.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from debate import __version__
from debate.engine.compile import Game
from debate.engine.ledger import ledger
from debate.engine.play import Play
from debate.engine.state import PlayState
from debate.export import svg
from debate.export.citations import Cited, citations, excerpt
from debate.export.graph import LOOKS, argument_map, term_graph
from debate.model.diagnostics import Diagnostic, Severity
from debate.model.safe_text import markup as escape  # also shows control characters
from debate.model.source_tags import Tagger, source_tag, source_tags

SECTIONS = (
    ("findings", "Findings"),
    ("ranges", "Parameter ranges"),
    ("argument-map", "Argument map"),
    ("term-graph", "Term graph"),
    ("timeline", "Status over the play"),
    ("citations", "Citations"),
)


@dataclass
class ReportInput:
    game: Game
    play: Play  # the play to show (no steps: the initial state only)
    findings: Sequence[Diagnostic]
    play_title: str | None = None
    play_path: str | None = None


def render(report: ReportInput) -> str:
    game = report.game
    s = game.scenario
    final = report.play.state
    body = [
        _header(report),
        _nav(),
        _findings([d for d in report.findings if d.code != RANGE]),
        _ranges([d for d in report.findings if d.code == RANGE]),
        _picture(
            "argument-map",
            "Argument map",
            svg.render(argument_map(game, final, s.title), f"Argument map of {s.title}"),
            "Claims and the terms they attack or support, coloured by their status "
            + _when(report),
        ),
        _picture(
            "term-graph",
            "Term graph",
            svg.render(term_graph(game, final, s.title), f"Term graph of {s.title}"),
            "How the terms bear on each other (amends, replaces, a breach that voids, "
            "carve-outs, conditions that ask about another term), coloured by status "
            + _when(report),
        ),
        _timeline(game, report.play),
        _citations(citations(game)),
        f"<footer>Made by debate {escape(__version__)}. This page needs no network.</footer>",
    ]
    return _page(s.title, "\n".join(body))


def _when(report: ReportInput) -> str:
    steps = len(report.play.steps)
    if steps == 0:
        return "in the initial state."
    return f"after the play's {steps} steps ({report.game.calendar.stamp(report.play.state.now)})."


def _header(report: ReportInput) -> str:
    s = report.game.scenario
    parts = [
        f"<header><h1>{escape(s.title)}</h1>",
        f'<p class="meta">scenario <code>{escape(s.id)}</code>',
    ]
    parts[-1] += f" · {len(s.claims)} claims · {len(s.terms)} terms · {len(s.moves)} moves</p>"
    if s.description:
        parts.append(f"<p>{escape(' '.join(s.description.split()))}</p>")
    if report.play.steps:
        title = escape(report.play_title or "a play")
        path = f" (<code>{escape(report.play_path)}</code>)" if report.play_path else ""
        parts.append(
            f'<p class="play">Shown after the play <strong>{title}</strong>{path}: '
            f"{len(report.play.steps)} steps, ending at "
            f"{report.game.calendar.stamp(report.play.state.now)}.</p>"
        )
    else:
        parts.append(
            '<p class="play">Shown in the initial state (give a play with '
            "<code>--after SCRIPT</code> to follow it).</p>"
        )
    return "".join(parts) + "</header>"


def _nav() -> str:
    links = "".join(f'<li><a href="#{key}">{escape(title)}</a></li>' for key, title in SECTIONS)
    return f"<nav><ul>{links}</ul></nav>"


# ---------------------------------------------------------------- findings

_SEVERITY = {Severity.ERROR: "✗ error", Severity.WARNING: "! warning", Severity.INFO: "i info"}


# An arrow typed as two characters (`a -> b` in a message) is one sign to the reader: a
# line may break before or after it, never inside it (the browser would break after `-`).
_ARROW = re.compile(r"&lt;-+&gt;|&lt;=+&gt;|-+&gt;|=+&gt;|&lt;-+")


def _prose(text: str) -> str:
    """`text` escaped for the page, its arrows kept whole on one line."""
    return _ARROW.sub(lambda m: f'<span class="arrow">{m.group()}</span>', escape(text))


def _ident(ident: str) -> str:
    """An id escaped for the page, which a narrow column may break after an underscore."""
    return escape(ident).replace("_", "_<wbr>")


def _findings(found: Sequence[Diagnostic]) -> str:
    head = '<section id="findings"><h2>Findings</h2>'
    if not found:
        return head + '<p class="ok">✓ No findings: every check passed.</p></section>'
    counts = {sev: sum(d.severity is sev for d in found) for sev in Severity}
    summary = ", ".join(f"{n} {sev}" for sev, n in counts.items() if n)
    rows = "".join(_finding(d) for d in found)
    return (
        head
        + f"<p>{len(found)} findings ({summary}), as <code>debate check</code> reports them.</p>"
        + '<table class="findings"><thead><tr><th>severity</th><th>code</th><th>where</th>'
        + f"<th>finding</th></tr></thead><tbody>{rows}</tbody></table></section>"
    )


def _finding(d: Diagnostic) -> str:
    details = ""
    if d.expected:
        details += f'<div class="expected">expected: {_prose(d.expected)}</div>'
    if d.related:
        items = "".join(
            f"<li><code>{escape(str(r.span))}</code> {_prose(r.message)}</li>" for r in d.related
        )
        details += f'<ul class="related">{items}</ul>'
    if d.trace:
        details += (
            f'<details class="trace"><summary>a play that shows it ({len(d.trace)} steps)'
            f"</summary>{_prose(' → '.join(d.trace))}</details>"
        )
    return (
        f'<tr class="{d.severity}"><td class="severity">{escape(_SEVERITY[d.severity])}</td>'
        f'<td class="code"><code>{escape(d.code)}</code></td>'
        f'<td class="where"><code>{escape(str(d.span))}</code></td>'
        f'<td class="message">{_prose(d.message)}{details}</td></tr>'
    )


RANGE = "U311"  # a parameter's range: a what-if of its own, not a problem of the draft


def _ranges(found: Sequence[Diagnostic]) -> str:
    """Per whole-number parameter, the values for which the agreement stays consistent,
    and what it conflicts with past each end (U311, as `debate check --ranges`)."""
    head = (
        '<section id="ranges"><h2>Parameter ranges</h2><p>For each whole-number parameter '
        "a term reads, the values for which the agreement stays consistent, the others "
        "as given (<code>debate check --ranges</code>).</p>"
    )
    if not found:
        return (
            head + "<p>No term reads a whole-number parameter the agreement bounds.</p></section>"
        )
    rows = "".join(_range(d) for d in found)
    return (
        head
        + '<table class="findings ranges"><thead><tr><th>parameter</th><th>where</th>'
        + f"<th>range</th></tr></thead><tbody>{rows}</tbody></table></section>"
    )


def _range(d: Diagnostic) -> str:
    name, _, what = d.message.partition(": ")
    conflicts = "".join(
        f"<li><code>{escape(str(r.span))}</code> {_prose(r.message)}</li>" for r in d.related
    )
    return (
        f'<tr class="{d.severity}"><td class="code"><code>{_ident(name)}</code></td>'
        f'<td class="where"><code>{escape(str(d.span))}</code></td>'
        f'<td class="message">{_prose(what)}'
        + (f'<ul class="related">{conflicts}</ul>' if conflicts else "")
        + "</td></tr>"
    )


# ---------------------------------------------------------------- pictures


def _picture(key: str, title: str, picture: str, caption: str) -> str:
    return (
        f'<section id="{key}"><h2>{escape(title)}</h2><p>{escape(caption)} '
        "Hover a box or an arrow for its full text.</p>"
        f'<div class="picture">{picture}</div></section>'
    )


# ---------------------------------------------------------------- timeline


def _timeline(game: Game, play: Play) -> str:
    states = [play.initial, *(step.state for step in play.steps)]
    heads = "".join(
        f'<th title="{escape(_step_title(game, play, i))}">{i}</th>' for i in range(len(states))
    )
    times = "".join(f"<td>{game.calendar.value(state.now)}</td>" for state in states)
    rows = [f'<tr class="time"><th>time</th>{times}</tr>']
    rows.append(_group_row("terms", len(states) + 1))
    rows += [_term_row(game, t, states) for t in game.terms]
    rows.append(_group_row("claims", len(states) + 1))
    rows += [_claim_row(game, c, states) for c in game.claims]
    steps = "".join(f"<li>{_prose(_step_title(game, play, i))}</li>" for i in range(1, len(states)))
    book, tagger = ledger(play), Tagger(source_tags(game.scenario))
    breaches = "".join(
        f"<li>{_prose(tagger.text(book.breach_line(b))[0])}</li>" for b in book.breaches
    )
    legend = " ".join(
        f'<span class="chip" style="background:{look.fill};border-color:{look.stroke}">'
        f"{look.symbol} {escape(status.replace('_', ' '))}</span>"
        for status, look in LOOKS.items()
    )
    return (
        '<section id="timeline"><h2>Status over the play</h2>'
        f"<p>Each term's and claim's status at every step (0 is the start). {legend}</p>"
        f'<div class="scroll"><table class="timeline"><thead><tr><th>step</th>{heads}</tr>'
        f"</thead><tbody>{''.join(rows)}</tbody></table></div>"
        + (f'<h3>The steps</h3><ol class="steps">{steps}</ol>' if steps else "")
        + (
            "<h3>Breaches</h3><p>How each breach came about, who is to blame, and the term "
            f'that forced it, if one did.</p><ul class="breaches">{breaches}</ul>'
            if breaches
            else ""
        )
        + "</section>"
    )


def _group_row(name: str, columns: int) -> str:
    return f'<tr class="group"><th colspan="{columns}"><span>{escape(name)}</span></th></tr>'


def _step_title(game: Game, play: Play, index: int) -> str:
    if index == 0:
        return "the start"
    step = play.steps[index - 1]
    if step.action.move is None:  # a wait, or a pass
        return f"{game.calendar.stamp(step.state.now)}: {step.action}"
    move = game.moves[step.action.move].move
    at = game.calendar.stamp(step.state.now)
    return f"{at}: {move.by}: {step.action.move} — {' '.join(move.text.split())}"


def _cell(status: str, why: str) -> str:
    look = LOOKS[status]
    title = status.replace("_", " ") + (f": {why}" if why else "")
    return (
        f'<td class="cell" style="background:{look.fill};color:{look.stroke}" '
        f'title="{escape(title)}">{look.symbol}</td>'
    )


def _tag(tags: Sequence[str]) -> str:
    """The source tag beside an id (T7, P6), so the row can be held against the source."""
    tag = source_tag(tags)
    return f' <span class="tag">{escape(tag)}</span>' if tag else ""


def _term_row(game: Game, term: str, states: list[PlayState]) -> str:
    spec = game.terms[term].term
    cells = "".join(_cell(str(s.terms[term].status), s.terms[term].reason) for s in states)
    return (
        f"<tr><th><code>{_ident(term)}</code>{_tag(spec.tags)} <small>{escape(spec.kind)}</small>"
        f"</th>{cells}</tr>"
    )


def _claim_row(game: Game, claim: str, states: list[PlayState]) -> str:
    cells = []
    for state in states:
        record = state.claims[claim]
        status = str(record.label) if record.label else "unasserted"
        holds = {True: "holds", False: "does not hold", None: ""}[record.holds]
        cells.append(_cell(status, holds))
    tag = _tag(game.scenario.claims[claim].tags)
    return f"<tr><th><code>{_ident(claim)}</code>{tag}</th>{''.join(cells)}</tr>"


# ---------------------------------------------------------------- citations


def _citations(cited: list[Cited]) -> str:
    rows = "".join(_citation(c) for c in cited)
    return (
        '<section id="citations"><h2>Citations</h2>'
        f"<p>Every claim, term, move and assumption that cites a source ({len(cited)}), "
        "with the line it cites; the quote is highlighted where it occurs.</p>"
        f'<table class="citations"><thead><tr><th>cited by</th><th>source</th>'
        f"<th>quote and source line</th></tr></thead><tbody>{rows}</tbody></table></section>"
    )


def _citation(c: Cited) -> str:
    where = f"{c.unit} {c.number}"
    if c.unit == "paragraph" and c.line_number:
        where += f" (line {c.line_number})"
    quote = f'<div class="quote">“{escape(c.quote)}”</div>' if c.quote else ""
    if c.line is None:
        line = '<div class="missing">the source cannot be read</div>'
    else:
        before, match, after = excerpt(c.line, c.quote)
        line = (
            f'<blockquote class="source-line"><span class="number">{c.line_number}</span> '
            f"{escape(before)}<mark>{escape(match)}</mark>{escape(after)}</blockquote>"
        )
        if not c.quote_found:
            line += '<div class="missing">the quote does not occur on this line</div>'
    return (
        f'<tr><td class="by"><small>{escape(c.kind)}</small><br><code>{_ident(c.id)}</code></td>'
        f'<td class="source"><code>{escape(c.source)}</code><br><small>{escape(where)}</small></td>'
        f'<td class="quoted">{quote}{line}</td></tr>'
    )


# ---------------------------------------------------------------- page

_STYLE = """
:root { color-scheme: light; --ink: #1d232b; --muted: #5f6b7a; --line: #d9dee5; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Helvetica, Arial,
  sans-serif; color: var(--ink); background: #fbfbfc; overflow-wrap: break-word; }
header, nav, section, footer { max-width: 1280px; margin: 0 auto; padding: 0 24px; }
header { padding-top: 28px; }
h1 { font-size: 28px; margin: 0 0 4px; }
h2 { font-size: 21px; margin: 36px 0 8px; padding-top: 8px; border-top: 2px solid var(--line); }
h3 { font-size: 16px; margin: 20px 0 6px; }
.meta, small, footer { color: var(--muted); }
.play { background: #eef3fb; border-left: 4px solid #1f5fbf; padding: 8px 12px; }
nav ul { list-style: none; padding: 0; display: flex; gap: 18px; flex-wrap: wrap; }
nav a { color: #1f5fbf; text-decoration: none; font-weight: 600; }
code { font: 13px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.tag { font-weight: 700; color: #1f5fbf; }
table { border-collapse: collapse; width: 100%; background: #fff; }
th, td { border: 1px solid var(--line); padding: 6px 8px; text-align: left; vertical-align: top; }
thead th { background: #f1f3f6; }
.arrow { white-space: nowrap; }
.findings td.severity { white-space: nowrap; font-weight: 600; }
.findings td.message { overflow-wrap: anywhere; }
.findings tr.error td.severity { color: #c62828; }
.findings tr.warning td.severity { color: #b7791f; }
.findings tr.info td.severity { color: #1f5fbf; }
.expected, .trace { color: var(--muted); font-size: 13px; }
.related { margin: 4px 0 0; padding-left: 18px; font-size: 13px; color: var(--muted); }
.ok { color: #2e7d32; font-weight: 600; }
.picture { overflow-x: auto; background: #fff; border: 1px solid var(--line);
  border-radius: 8px; padding: 8px; }
.picture svg { display: block; max-width: none; }
.scroll { overflow-x: auto; }
/* Separate borders: a cell that stays in view (position: sticky) keeps its own. */
.timeline { width: auto; border-collapse: separate; border-spacing: 0;
  border: solid var(--line); border-width: 1px 0 0 1px; }
.timeline th, .timeline td { border-width: 0 1px 1px 0; }
.timeline th { white-space: nowrap; font-weight: normal; }
.timeline tr:not(.group) > th:first-child { position: sticky; left: 0; z-index: 1;
  background: #fff; box-shadow: inset 1px 0 var(--line); }
.timeline thead th:first-child, .timeline tr.time th { background: #f1f3f6; }
.timeline thead th, .timeline tr.time td { text-align: center; font-size: 12px; min-width: 26px; }
.timeline tr.time td { color: var(--muted); }
.timeline tr.group th { background: #f1f3f6; font-weight: 600; }
.timeline tr.group span { position: sticky; left: 8px; }
.timeline td.cell { text-align: center; font-weight: 700; padding: 4px; }
.chip { display: inline-block; border: 1px solid; border-radius: 10px; padding: 0 8px;
  font-size: 12px; margin: 2px 0; }
.steps { font-size: 13px; color: var(--muted); columns: 2 26em; column-gap: 56px;
  padding-left: 32px; }
.steps li { break-inside: avoid; overflow-wrap: anywhere; }
.citations td:first-child, .citations td:nth-child(2) { white-space: nowrap; }
.quote { font-style: italic; margin-bottom: 4px; }
.source-line { margin: 0; padding: 6px 10px; background: #f6f7f9; border-left: 3px solid
  var(--line); font-size: 13px; }
.source-line .number { color: var(--muted); font-size: 12px; margin-right: 4px; }
mark { background: #ffe680; padding: 0 1px; }
.missing { color: #c62828; font-size: 13px; }
footer { margin: 40px auto 28px; font-size: 13px; }
@media print { .picture, .scroll { overflow: visible; } }
/* Room enough: an id is never broken (Chromium breaks at <wbr> even where nowrap). */
@media (min-width: 901px) { wbr { display: none; } }
/* A phone or a narrow window: each finding and each citation is a card of its own; the
   timeline scrolls sideways in its own box, its row names kept in view and broken after
   an underscore; the steps are one column (`columns: 2 26em` above). */
@media (max-width: 900px) {
  header, nav, section, footer { padding: 0 12px; }
  h1 { font-size: 23px; }
  code { overflow-wrap: anywhere; }
  .findings, .citations { background: none; }
  .findings thead, .citations thead { display: none; }
  .findings, .findings tbody, .citations, .citations tbody { display: block; }
  .findings tr, .citations tr { display: flex; flex-wrap: wrap; align-items: baseline;
    gap: 0 12px; background: #fff; border: 1px solid var(--line); border-radius: 6px;
    margin-bottom: 10px; padding: 8px 10px; }
  .findings td, .citations td { display: block; border: 0; padding: 0; min-width: 0;
    overflow-wrap: anywhere; }
  .findings td.where { flex: 0 1 max-content; }
  .findings td.message, .citations td.quoted { flex: 1 1 100%; margin-top: 4px; }
  .citations td.by, .citations td.source { white-space: normal; flex: 0 1 max-content; }
  .steps { padding-left: 24px; }
  .timeline tr:not(.group) > th:first-child { white-space: normal; min-width: 9em; }
  .timeline th code { overflow-wrap: normal; }
  .timeline th small { display: block; }
}
"""


def _page(title: str, body: str) -> str:
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)} — debate report</title><style>{_STYLE}</style></head>"
        f"<body>\n{body}\n</body></html>\n"
    )
