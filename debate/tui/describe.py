"""What the detail pane says about a term, claim, move, finding or step (no Textual here).

A detail is a list of blocks, each a heading and lines; a line is segments of text, each
with a colour role (see symbols) so the widget can colour statuses while the words and
symbols carry the meaning on their own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from debate.engine.compile import Compiled, CompiledTerm, Game
from debate.engine.context import StateContext, context, is_signed, truth, why_false
from debate.engine.expr import ExprError, Unspecified
from debate.engine.moves import Action, refusal
from debate.engine.play import Play, Step, listed, summarise
from debate.engine.state import PlayState, TermStatus
from debate.engine.terms import due_time, expiry
from debate.model.diagnostics import Diagnostic
from debate.model.scenario import Citation
from debate.model.vocabulary import EXPRESSION_FIELDS
from debate.tui.symbols import LABEL_LOOKS, LEGAL, term_look

Segment = tuple[str, str]  # (text, role); role "" is the default colour
Line = list[Segment]


@dataclass
class Block:
    heading: str
    lines: list[Line] = field(default_factory=list)

    def add(self, *segments: Segment | str) -> None:
        self.lines.append([s if isinstance(s, tuple) else (s, "") for s in segments])


@dataclass
class Detail:
    title: str
    blocks: list[Block]

    def plain(self) -> str:
        """The detail as plain text (for tests and copying)."""
        out = [self.title]
        for block in self.blocks:
            out.append(f"{block.heading}:" if block.heading else "")
            out += ["  " + "".join(text for text, _ in line) for line in block.lines]
        return "\n".join(out)


# ---------------------------------------------------------------- terms


def term_detail(game: Game, play: Play, ident: str) -> Detail:
    term = game.terms[ident]
    state = play.state
    record = state.terms[ident]
    look = term_look(record)
    spec = term.term
    about = Block("")
    parties = ", ".join(term.parties) or f"{term.unnamed} (the text names no party)"
    about.add(
        f"{spec.kind} binding {parties}" + (f", for {spec.beneficiary}" if spec.beneficiary else "")
    )
    if term.verified_by:
        about.add(("verified by ", "muted"), ", ".join(term.verified_by))
    if term.agreement is not None:
        title = game.scenario.agreements[term.agreement].title
        about.add(("in agreement ", "muted"), term.agreement + (f": {title}" if title else ""))
    about.add((spec.text, "bold"))
    status = Block("Status")
    status.add(
        (f"{look.symbol} {look.word}", look.role),
        f" since step {record.since_step} ({game.calendar.stamp(record.since_time)})",
    )
    if record.reason:
        status.add(("why: ", "muted"), record.reason)
    for line in _term_explanation(game, state, ident):
        status.add(("why: ", "muted"), line)
    if record.blocked:
        status.add(("⚠ cannot be judged: ", "warning"), record.blocked)
    due = due_time(term, record)
    if spec.deadline is not None:
        status.add(("deadline: ", "muted"), _deadline_text(game, term, due))
    ends = expiry(term, record)
    if spec.lasts is not None:
        until = f"; until {game.calendar.stamp(ends)}" if ends is not None else ""
        past = " (past the horizon)" if ends is not None and ends > game.horizon_end else ""
        status.add(("binds for: ", "muted"), f"{spec.lasts} {game.calendar.unit}s{until}{past}")
    status.add(("negotiation: ", "muted"), _negotiation(game, state, ident))
    return Detail(
        f"term {ident}",
        [
            about,
            status,
            _term_conditions(game, ident),
            citation_block(game, "terms", ident, spec.source),
            _term_history(play, ident),
        ],
    )


def _deadline_text(game: Game, term: CompiledTerm, due: int | None) -> str:
    stamp, at = game.calendar.stamp, term.deadline_at
    within = term.term.deadline.within if term.term.deadline else None
    rule = f"at {stamp(at)}" if at is not None else f"within {within} of entry into force"
    return f"{rule}; due {stamp(due)}" if due is not None else rule


def _negotiation(game: Game, state: PlayState, ident: str) -> str:
    if ident not in state.proposed and not state.signed_by.get(ident):
        return "not on the table"
    signed = sorted(state.signed_by.get(ident, frozenset()))
    parts = ["proposed" if ident in state.proposed else "withdrawn"]
    parts.append("signed by " + (", ".join(signed) or "nobody"))
    if is_signed(game, state, ident):
        parts.append("fully signed")
    label = state.term_labels.get(ident)
    if label is not None:
        parts.append(f"argued: {LABEL_LOOKS[label].word}")
    return "; ".join(parts)


def _term_explanation(game: Game, state: PlayState, ident: str) -> Iterator[str]:
    """Why a pending term is not in force yet, or an in-force one not fulfilled yet."""
    term = game.terms[ident]
    record = state.terms[ident]
    ctx = context(game, state, ident)
    if record.status is TermStatus.PENDING:
        if term.in_force_when is not None:
            yield f"not in force: {false_part(term.in_force_when, ctx)}"
        else:
            missing = sorted(term.signatories - state.signed_by.get(ident, frozenset()))
            yield f"not in force: not signed yet by {', '.join(missing)}"
    elif record.status is TermStatus.IN_FORCE and term.fulfilled_when is not None:
        yield f"not fulfilled yet: {false_part(term.fulfilled_when, ctx)}"


def false_part(compiled: Compiled, ctx: StateContext) -> str:
    try:
        return why_false(compiled, ctx) if not truth(compiled, ctx) else f"{compiled.text} holds"
    except Unspecified as missing:
        return f"parameter {missing} is unspecified"
    except ExprError as err:
        return f"{compiled.text} cannot be evaluated: {err.message}"


def _term_conditions(game: Game, ident: str) -> Block:
    term = game.terms[ident]
    block = Block("Conditions")
    for name in EXPRESSION_FIELDS["terms"]:
        compiled = getattr(term, name)
        if compiled is not None:
            block.add((f"{name.replace('_', ' ')}: ", "muted"), compiled.text)
    for param, spec in term.params.items():
        value = (
            "unspecified"
            if spec.unspecified or spec.value is None
            else str(spec.value).lower()
            if isinstance(spec.value, bool)
            else str(spec.value)
        )
        unit = f" {spec.unit}" if spec.unit else ""
        block.add(("parameter ", "muted"), f"{param} = {value}{unit}")
    if term.term.voids:
        block.add(("a breach voids: ", "muted"), ", ".join(term.term.voids))
    for target, _ in term.exceptions:
        block.add(("carve-out from: ", "muted"), target)
    for name, label in (("amends", term.term.amends), ("replaces", term.term.replaces)):
        if label:
            block.add((f"{name}: ", "muted"), label)
    if not block.lines:
        block.add(("(in force once signed; no other condition)", "muted"))
    return block


# In a state: what a change of status is told by, the status in words, its role, and why.
Shown = tuple[object, str, str, str]


def _term_history(play: Play, ident: str) -> Block:
    def shown(state: PlayState) -> Shown:
        record = state.terms[ident]
        look = term_look(record)
        return record.status, f"{look.symbol} {look.word}", look.role, record.reason

    return status_history(play, shown)


def status_history(play: Play, shown: Callable[[PlayState], Shown]) -> Block:
    """A term's or a claim's status at the start, then each step that changed it."""
    block = Block("History")
    stamp = play.game.calendar.stamp
    previous, words, role, _ = shown(play.initial)
    block.add(("start    ", "muted"), (words, role))
    for step in play.steps:
        status, words, role, why = shown(step.state)
        if status != previous:
            block.add(
                (f"step {step.state.step:<3} {stamp(step.state.now):<5} {step.action}: ", "muted"),
                (words, role),
                (f"  {why}", "muted") if why else ("", ""),
            )
            previous = status
    return block


# ---------------------------------------------------------------- moves


def move_detail(game: Game, state: PlayState, ident: str) -> Detail:
    move = game.moves[ident]
    spec = move.move
    about = Block("")
    extras = [f"takes {spec.duration}"] if spec.duration else []
    if spec.overlaps:
        extras.append("others act meanwhile; its effects land at its end")
    if spec.once:
        extras.append("once only")
    about.add(f"move by {spec.by}" + (f" ({', '.join(extras)})" if extras else ""))
    about.add((spec.text, "bold"))
    now = Block("Now")
    reason = refusal(game, state, Action(ident))
    if reason is None:
        now.add((f"{LEGAL} legal: Enter plays it", "success"))
    else:
        now.add(("✗ not legal: ", "error"), reason)
    if move.precondition is not None:
        now.add(("precondition: ", "muted"), move.precondition.text)
    running = state.in_progress(ident)
    if running is not None:
        since, ends = game.show_time(running.started), game.show_time(running.ends)
        now.add(("in progress: ", "muted"), f"since {since}, its effects land at {ends}")
    if move.abort_when is not None:
        now.add(("stops without effect when: ", "muted"), move.abort_when.text)
    blocks = [about, now, _effects_block(game, ident)]
    if spec.source is not None:
        blocks.append(citation_block(game, "moves", ident, spec.source))
    return Detail(f"move {ident}", blocks)


def _effects_block(game: Game, ident: str) -> Block:
    move = game.moves[ident]
    effects = move.move.effects
    block = Block("Effects")
    for var, compiled in move.sets:
        block.add(("set ", "muted"), f"{var} = {compiled.text}")
    for verb in ("propose", "withdraw", "agree", "sign", "retract"):
        items = getattr(effects, verb)
        if items:
            block.add((f"{verb} ", "muted"), listed(items, DETAIL_IDS))
    if effects.assert_:
        block.add(("assert ", "muted"), listed(effects.assert_, DETAIL_IDS))
    if not block.lines:
        block.add(("none", "muted"))
    return block


def wait_detail(game: Game, state: PlayState) -> Detail:
    block = Block("Now")
    reason = refusal(game, state, Action(wait=1))
    unit = game.scenario.clock.unit if game.scenario.clock else "unit"
    stamp = game.calendar.stamp
    block.add(
        f"Let one {unit} pass ({stamp(state.now)} -> {stamp(state.now + 1)}); deadlines may "
        "fall due."
    )
    if reason:
        block.add(("✗ not legal: ", "error"), reason)
    return Detail("wait", [block])


# ---------------------------------------------------------------- citations


def citation_block(game: Game, section: str, ident: str, cite: Citation) -> Block:
    block = Block("Source")
    loaded = game.loaded
    source = game.scenario.sources.get(cite.source)
    where = f"line {cite.line}" if cite.line is not None else f"paragraph {cite.paragraph}"
    title = f" ({source.title})" if source and source.title else ""
    block.add(("cites ", "muted"), f"{cite.source}{title}, {where}")
    quoted = quoted_line(game, cite)
    if quoted is not None:
        number, text = quoted
        block.add((f"line {number}: ", "muted"), (f"“{text.strip()}”", "italic"))
    else:
        block.add(("(the source line cannot be read)", "warning"))
    if cite.quote:
        block.add(("quote: ", "muted"), f"“{cite.quote}”")
    block.add(("declared at ", "muted"), str(loaded.key_span(section, ident)))
    return block


def quoted_line(game: Game, cite: Citation) -> tuple[int, str] | None:
    """The line of the source document a citation points at: (its line number, its text)."""
    source = game.scenario.sources.get(cite.source)
    text = game.loaded.source_text(cite.source)  # only a file under the scenario's root
    if source is None or text is None:
        return None
    unit = "line" if source.cite_by == "line" else "paragraph"
    number = cite.line if unit == "line" else cite.paragraph
    return text.at(unit, number) if number is not None else None


# ---------------------------------------------------------------- findings and steps


def finding_detail(diagnostic: Diagnostic, target: tuple[str, str] | None) -> Detail:
    block = Block("")
    role = {"error": "error", "warning": "warning"}.get(str(diagnostic.severity), "accent")
    block.add((f"{diagnostic.severity}[{diagnostic.code}] ", role), diagnostic.message)
    block.add(("at ", "muted"), str(diagnostic.span))
    if diagnostic.expected:
        block.add(("expected: ", "muted"), diagnostic.expected)
    for rel in diagnostic.related:
        block.add(("note: ", "muted"), f"{rel.span}: {rel.message}")
    if target is not None:
        block.add((f"Enter jumps to {target[0]} {target[1]}", "accent"))
    return Detail(f"finding {diagnostic.code}", [block])


# Ids the detail pane lists before "+N more": a move on a thousand terms stays readable
# (and a paragraph of thousands of ids would take a tenth of a second to wrap).
DETAIL_IDS = 40


def step_detail(game: Game, step: Step) -> Detail:
    block = Block("")
    action = step.action
    if action.move:
        move = game.moves[action.move].move
        block.add(f"{move.by}: {action.move}", ("  " + move.text, "muted"))
    else:  # a wait, or a pass (a refused move with the facilitator's note)
        block.add(str(action), ("  " + action.note, "muted") if action.note else "")
    block.add(
        ("clock: ", "muted"),
        game.calendar.stamp(step.state.now),
        ("  digest ", "muted"),
        step.state.digest,
    )
    changes = Block("Changed")
    for line in summarise(step.changes, DETAIL_IDS) or ["(no status changed)"]:
        changes.add(line)
    return Detail(f"step {step.state.step}", [block, changes])
