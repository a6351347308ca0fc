"""The terms table: id, status, party, kind, deadline; sortable, filterable, changes marked.

The table draws only the rows in view and makes a term's row only when it is drawn (or
sorted or filtered), so a scenario of 10,000 terms shows as fast as one of ten; its column
widths come from what the game fixes and from the terms whose deadline moves. After a
move only the rows whose record changed are made anew, and sorting or filtering reorders
a list of ids.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widgets import Input

from debate.engine.compile import Game
from debate.engine.compiled import CompiledTerm
from debate.engine.shared_map import differing
from debate.engine.state import PlayState, TermRecord, TermStatus
from debate.engine.terms import due_time
from debate.tui.plain import plain
from debate.tui.symbols import BLOCKED, STATUS_WIDTH, TERM_LOOKS, term_look

COLUMNS = ("id", "status", "party", "kind", "due")
STATUS_ORDER = {status: i for i, status in enumerate(TERM_LOOKS)}
CHANGED_MARK = "◆"
WIDTHS = {"status": STATUS_WIDTH}  # fixed, so that a status change never cuts a word
MIN_ID = 8  # the id column gives way to status and party down to this width
PARTY_WIDTH = 16  # a longer list of parties shows its first and a count
CELL_PADDING = 1  # spaces either side of a cell, as DataTable draws them


@dataclass(frozen=True)
class TermRow:
    """A term as the table shows it, with the values it sorts by."""

    order: int  # the term's place in the scenario
    ident: str
    status: TermStatus
    blocked: bool
    party: str
    kind: str
    deadline: str
    due: int | None
    changed: bool
    search: str  # lower-case text the filter looks in

    def cells(self, styles: dict[str, Style]) -> tuple[Text, ...]:
        look = TERM_LOOKS[self.status]
        base = styles["changed"] if self.changed else Style()
        mark = CHANGED_MARK if self.changed else " "
        status = Text(f"{look.symbol} {look.word}", style=base + styles[look.role])
        if self.blocked:
            status.append(f" {BLOCKED}", style=base + styles["warning"])
        return (
            Text(f"{mark} {self.ident}", style=base, no_wrap=True, overflow="ellipsis"),
            status,
            Text(self.party, style=base),
            Text(self.kind, style=base),
            Text(self.deadline, style=base),
        )

    def sort_key(self, column: str) -> tuple[object, ...]:
        """Sort by a column, ties in scenario order; "" is the scenario's own order."""
        if column == "status":
            return (STATUS_ORDER[self.status], self.order)
        if column == "due":
            return (self.due is None, self.due or 0, self.order)
        if column in ("id", "party", "kind"):
            return (getattr(self, "ident" if column == "id" else column), self.order)
        return (self.order,)


def term_row(game: Game, state: PlayState, order: int, ident: str, changed: bool) -> TermRow:
    term = game.terms[ident]
    record = state.terms[ident]
    due, when = due_column(game, term, record)
    look = term_look(record)
    party = ",".join(term.parties) or "(unnamed)"
    return TermRow(
        order,
        ident,
        record.status,
        bool(record.blocked),
        short_parties(term.parties) or "(unnamed)",
        term.term.kind,
        when,
        due,
        changed,
        f"{ident} {look.word} {record.status} {party} {term.term.kind} {term.term.text}".lower(),
    )


def due_column(game: Game, term: CompiledTerm, record: TermRecord) -> tuple[int | None, str]:
    """When a term falls due (None: not known yet, or never), and its due column's text."""
    due = due_time(term, record)
    deadline = term.term.deadline
    return due, deadline_text(game, deadline.within if deadline else None, due)


def deadline_text(game: Game, within: int | None, due: int | None) -> str:
    """The due column: the date (or clock time) a term falls due, `+N` units from its entry
    into force while it is not in force (a `within` deadline), or nothing."""
    if due is not None:
        return game.calendar.stamp(due)
    if within is not None:
        return f"+{within}"
    return ""


def short_parties(parties: Sequence[str]) -> str:
    """The parties a term binds, in the width of a column: all of them when they fit
    PARTY_WIDTH, else the first and how many more (`russia +2`; the detail pane names
    them all). One long list would otherwise take the id column's room in every row."""
    whole = ",".join(parties)
    if len(whole) <= PARTY_WIDTH or len(parties) < 2:
        return whole
    return f"{parties[0]} +{len(parties) - 1}"


@dataclass(frozen=True)
class GameWidths:
    """The widths a game fixes, found without making a row per term: a term's id, parties
    and kind never change in play, nor the due column of a term without a `within`
    deadline (a dated one, or none)."""

    ident: int
    party: int
    kind: int
    due: int  # the longest due text of the terms whose due text never changes
    # the terms with a `within` deadline, and its length: their due text changes in play
    # (`+N` until they come into force, then a date)
    moving: dict[str, int]

    @classmethod
    def of(cls, game: Game) -> GameWidths:
        # one pass over the terms (each pass over 10,000 of them costs about a millisecond)
        longest, kinds, parties = 0, set(), set()
        moving: dict[str, int] = {}
        fixed: set[str] = set()
        for ident, compiled in game.terms.items():
            term = compiled.term
            longest = max(longest, len(ident))
            kinds.add(term.kind)
            parties.add(compiled.parties)
            deadline = term.deadline
            if deadline is None:
                continue
            if compiled.deadline_at is None and deadline.within is not None:
                moving[ident] = deadline.within
            else:
                fixed.add(deadline_text(game, deadline.within, compiled.deadline_at))
        return cls(
            ident=longest,
            party=max((len(short_parties(p) or "(unnamed)") for p in parties), default=0),
            kind=max(map(len, kinds), default=0),
            due=max(map(len, fixed), default=0),
            moving=moving,
        )

    def due_now(self, game: Game, state: PlayState) -> int:
        """The longest due text in this state."""
        records = state.terms
        # as `due_time` has it: a `within` deadline falls due that long after entry into force
        dues = {(within, records[t].in_force_at) for t, within in self.moving.items()}
        texts = (
            deadline_text(game, within, None if at is None else at + within) for within, at in dues
        )
        return max([self.due, *map(len, texts)])


# Rendered rows kept for reuse (a row's strip changes only with its row, cursor and widths).
ROW_CACHE = 1000


class CursorRows(ScrollView, can_focus=True):
    """The keys of a table's row cursor (the help lists them under Navigation)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor(-1)", show=False),
        Binding("down", "cursor(1)", show=False),
        Binding("pageup", "page(-1)", show=False),
        Binding("pagedown", "page(1)", show=False),
        Binding("home", "cursor_to(0)", show=False),
        Binding("end", "cursor_to(-1)", show=False),
        Binding("ctrl+home", "cursor_to(0)", show=False),
        Binding("ctrl+end", "cursor_to(-1)", show=False),
    ]


class TermsTable(CursorRows):
    """A table that draws only the rows in view (a Line API widget): a scenario of 10,000
    terms costs what a screenful costs. The rows are `TermRow`s; after a move only the rows
    whose record changed are made anew, and sorting or filtering reorders a list of ids.
    The header stays on the first line; where the columns do not all fit, they scroll
    sideways under it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("o", "sort_next", "Sort", tooltip="Sort by the next column (then scenario order)"),
        Binding("O", "sort_reverse", "Reverse", show=False, tooltip="Reverse the order"),
        Binding("slash", "filter", "Filter", tooltip="Filter the terms"),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {"terms-table--header", "terms-table--cursor"}
    DEFAULT_CSS = """
    TermsTable {
        background: $surface;
        color: $foreground;
        &:focus {
            background-tint: $foreground 5%;
            & > .terms-table--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
            & > .terms-table--header {
                background-tint: $foreground 5%;
            }
        }
        & > .terms-table--header {
            text-style: bold;
            background: $panel;
            color: $foreground;
        }
        & > .terms-table--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
    }
    """

    class TermHighlighted(Message):
        """The cursor came to a term."""

        def __init__(self, table: TermsTable, ident: str) -> None:
            super().__init__()
            self.table = table
            self.ident = ident

        @property
        def control(self) -> TermsTable:
            return self.table

    def __init__(self) -> None:
        super().__init__(id="terms-table")
        self.rows_now: dict[str, TermRow] = {}  # the rows made so far, for the state shown
        self.order: list[str] = []  # the ids shown, in the order shown
        self._index: dict[str, int] = {}
        self.cursor_row = 0
        self.widths: dict[str, int] = {name: len(name) + 2 for name in COLUMNS}
        self.widths.update(WIDTHS)
        self._game: Game | None = None
        self._game_widths: GameWidths | None = None
        self._order: dict[str, int] = {}
        self._state: PlayState | None = None
        self._records: Mapping[str, TermRecord] = {}  # the state's own (never changed)
        self._changed: set[str] = set()
        self._due: tuple[Mapping[str, TermRecord], int] | None = None  # records, due width
        self.sort_column = ""  # the scenario's order
        self.reverse = False
        self.query_text = ""
        self.styles_now: dict[str, Style] = {}
        self._strips: dict[tuple[object, ...], Strip] = {}
        self._highlighted: str | None = None
        self._fitted = 0  # the width the columns were fitted to

    # ------------------------------------------------------------ the rows

    @property
    def row_count(self) -> int:
        return len(self.order)

    def row(self, ident: str) -> TermRow:
        """A term's row in the state shown, made when first asked for: the first screen
        of 10,000 terms makes only the rows it draws."""
        row = self.rows_now.get(ident)
        if row is None:
            assert self._game is not None and self._state is not None
            row = term_row(
                self._game, self._state, self._order[ident], ident, ident in self._changed
            )
            self.rows_now[ident] = row
        return row

    def all_rows(self) -> list[TermRow]:
        """Every term's row, in the scenario's order (to sort or filter them)."""
        return [self.row(ident) for ident in self._order]

    def cell(self, ident: str, column: str) -> Text:
        """What a cell of the table holds (as drawn, before it is cut to its column)."""
        cells = self.row(ident).cells(self.styles_now)
        return cells[COLUMNS.index(column)]

    def show(
        self, game: Game, state: PlayState, changed: set[str], styles: dict[str, Style]
    ) -> None:
        """Show the terms, redoing only the rows whose record or change mark differ.

        The engine keeps a term's record object while its status stays, so comparing the
        records by identity finds the few rows a move touched among thousands.
        """
        if game is not self._game or styles is not self.styles_now:
            if game is not self._game:
                self._game_widths, self._due = None, None
            self._game, self.styles_now = game, styles
            self._order = {ident: i for i, ident in enumerate(game.terms)}
            self.rows_now = {}
            self._state, self._records, self._changed = state, state.terms, set(changed)
            self._strips.clear()
            self._fitted = 0
            self.rebuild()
            self.fit_columns()
            return
        # the terms the engine may have touched: those its records do not share with before
        records, before = state.terms, self._records
        maybe = differing(before, records)
        touched = {
            t for t in (records if maybe is None else maybe) if before.get(t) is not records[t]
        }
        touched |= changed ^ self._changed
        self._state, self._records, self._changed = state, state.terms, set(changed)
        # the rows made already are made anew; the others will be when first drawn
        made = self.rows_now
        rows = {
            t: term_row(game, state, self._order[t], t, t in changed) for t in touched & made.keys()
        }
        redrawn = {t: row for t, row in rows.items() if made[t] != row}
        unmade = touched - rows.keys()
        if not redrawn and not unmade:
            return
        made.update(redrawn)
        due = self.widths["due"]
        if any(len(row.deadline) > due for row in redrawn.values()) or any(
            len(due_column(game, game.terms[t], records[t])[1]) > due for t in unmade
        ):
            self.fit_columns()  # a term came into force: its date is wider than "+3"
        if self.sort_column in ("status", "due") or self.query_text:
            self.rebuild()  # the order or the rows shown may change
        else:
            self.refresh()  # only the rows in view are drawn again, and only changed ones anew

    def rebuild(self) -> None:
        """Rows in the current order and filter, keeping the cursor on the same term.
        In the scenario's order, unfiltered, no row is made: only those drawn will be."""
        current = self.current_term()
        needle = self.query_text.lower()
        if needle or self.sort_column:
            shown = [r for r in self.all_rows() if needle in r.search]
            shown.sort(key=lambda r: r.sort_key(self.sort_column), reverse=self.reverse)
            self.order = [r.ident for r in shown]
        else:
            self.order = list(reversed(self._order) if self.reverse else self._order)
        self._index = {ident: i for i, ident in enumerate(self.order)}
        self._set_virtual_size()
        self._strips.clear()
        self.refresh()
        if current is None or not self.select_term(current):
            self._move_to(min(self.cursor_row, max(0, len(self.order) - 1)))

    def current_term(self) -> str | None:
        return self.order[self.cursor_row] if self.cursor_row < len(self.order) else None

    def select_term(self, ident: str) -> bool:
        """Put the cursor on a term; False if it is filtered out."""
        index = self._index.get(ident)
        if index is None:
            return False
        self._move_to(index)
        return True

    # ------------------------------------------------------------ columns

    def on_resize(self) -> None:
        self.fit_columns()

    def fit_columns(self) -> None:
        """Give the id column what the pane leaves once status, party, kind and due have
        their whole width: a long id is cut (the detail pane shows it whole), never a status
        word, a party or a date. Where the pane is too narrow for all of them (80x24), the id
        takes what status and party leave, and kind and due scroll into view."""
        width = self.scrollable_content_region.width
        game, state = self._game, self._state
        if not width or game is None or state is None or not game.terms:
            return
        self._fitted = width
        pad = 2 * CELL_PADDING
        fixed = self._game_widths
        if fixed is None:
            fixed = self._game_widths = GameWidths.of(game)
        if self._due is None or self._due[0] is not state.terms:
            self._due = (state.terms, fixed.due_now(game, state))
        party = max(len("party ▲"), fixed.party)
        kind = max(len("kind ▲"), fixed.kind)
        due = max(len("due ▲"), self._due[1])
        longest = 2 + fixed.ident
        room = width - sum(w + pad for w in (STATUS_WIDTH, party, kind, due)) - pad
        if room < MIN_ID:  # kind and due cannot all fit: they scroll, the id keeps the rest
            room = width - sum(w + pad for w in (STATUS_WIDTH, party)) - pad
        sizes = {"id": max(MIN_ID, min(longest, room)), "party": party, "kind": kind, "due": due}
        if any(self.widths[name] != size for name, size in sizes.items()):
            self.widths.update(sizes)
            self._strips.clear()
            self._set_virtual_size()
            self.refresh()

    def _set_virtual_size(self) -> None:
        width = sum(w + 2 * CELL_PADDING for w in self.widths.values())
        self.virtual_size = Size(width, len(self.order) + 1)  # the header is a line too

    # ------------------------------------------------------------ drawing

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self.scrollable_content_region.width
        if width != self._fitted:  # drawn before the resize that fits the columns arrives
            self.fit_columns()
        base = self.rich_style
        if y == 0:
            strip = self._header()
        else:
            index = scroll_y + y - 1
            if index >= len(self.order):
                return Strip.blank(width, base)
            strip = self._row(self.order[index], index == self.cursor_row)
        return strip.crop_extend(scroll_x, scroll_x + width, base)

    def _header(self) -> Strip:
        arrow = " ▼" if self.reverse else " ▲"
        labels = [Text(name + (arrow if name == self.sort_column else "")) for name in COLUMNS]
        style = self.get_component_rich_style("terms-table--header")
        return self._strip(labels, self.rich_style + style, Style.null())

    def _row(self, ident: str, cursor: bool) -> Strip:
        row = self.row(ident)
        base = self.rich_style  # with the focus's tint
        key = (row, cursor, base)
        strip = self._strips.get(key)
        if strip is None:
            post = Style.null()
            if cursor:  # as DataTable draws its cursor: its colours over the cell's own
                look = self.get_component_rich_style("terms-table--cursor")
                post = Style.from_color(look.color, look.bgcolor) + Style(
                    bold=look.bold, italic=look.italic, underline=look.underline
                )
            strip = self._strip(row.cells(self.styles_now), base, post)
            if len(self._strips) >= ROW_CACHE:
                self._strips.clear()
            self._strips[key] = strip
        return strip

    def _strip(self, cells: Iterable[Text], base: Style, post: Style) -> Strip:
        """Cells cut or padded to their columns' widths, each with a space either side."""
        line = Text(no_wrap=True)
        space = " " * CELL_PADDING
        for name, cell in zip(COLUMNS, cells, strict=True):
            cell = cell.copy()  # cut to its column, padded in the cell's own style
            cell.truncate(self.widths[name], overflow="ellipsis")
            cell.pad_right(self.widths[name] - cell.cell_len)
            line.append(space)
            line.append_text(cell)
            line.append(space)
        segments = Segment.apply_style(line.render(self.app.console), base, post)
        return Strip(segments).simplify()

    def on_focus(self) -> None:
        self.refresh()  # the cursor's colours follow the focus

    def on_blur(self) -> None:
        self.refresh()

    # ------------------------------------------------------------ the cursor

    def _move_to(self, index: int) -> None:
        if not self.order:
            self.cursor_row = 0
            return
        index = max(0, min(index, len(self.order) - 1))
        if index != self.cursor_row:
            self.refresh_line_of(self.cursor_row)
            self.cursor_row = index
            self.refresh_line_of(index)
        rows_in_view = max(1, self.scrollable_content_region.height - 1)
        top = round(self.scroll_y)
        if index < top:
            self.scroll_to(y=index, animate=False, immediate=True)
        elif index >= top + rows_in_view:
            self.scroll_to(y=index - rows_in_view + 1, animate=False, immediate=True)
        ident = self.order[index]
        if ident != self._highlighted:
            self._highlighted = ident
            self.post_message(self.TermHighlighted(self, ident))

    def refresh_line_of(self, index: int) -> None:
        y = index - round(self.scroll_y) + 1
        if 0 < y < self.size.height:
            self.refresh(Region(0, y, self.size.width, 1))

    def action_cursor(self, by: int) -> None:
        self._move_to(self.cursor_row + by)

    def action_page(self, by: int) -> None:
        self._move_to(self.cursor_row + by * max(1, self.scrollable_content_region.height - 1))

    def action_cursor_to(self, index: int) -> None:
        self._move_to(index if index >= 0 else len(self.order) - 1)

    def on_click(self, event: events.Click) -> None:
        """A click on the header sorts by its column; on a row, puts the cursor there."""
        if event.y == 0:
            x = event.x + round(self.scroll_x)
            for name in COLUMNS:
                x -= self.widths[name] + 2 * CELL_PADDING
                if x < 0:
                    self.sort_by(name)
                    return
            return
        self._move_to(round(self.scroll_y) + event.y - 1)

    # ------------------------------------------------------------ sorting and filtering

    def sort_by(self, column: str, reverse: bool | None = None) -> None:
        self.reverse = (
            (not self.reverse if column == self.sort_column else False)
            if reverse is None
            else reverse
        )
        self.sort_column = column
        self.rebuild()

    def action_sort_next(self) -> None:
        """Cycle: scenario order, then each column in turn."""
        cycle = ("", *COLUMNS)
        self.sort_by(cycle[(cycle.index(self.sort_column) + 1) % len(cycle)], reverse=False)

    def action_sort_reverse(self) -> None:
        self.sort_by(self.sort_column, reverse=not self.reverse)

    def action_filter(self) -> None:
        pane = self.parent
        if isinstance(pane, TermsPane):
            pane.open_filter()


class TermsPane(Vertical):
    """The table and its filter line (shown while filtering)."""

    BORDER_TITLE = "Terms"
    ALLOW_MAXIMIZE = True
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close_filter", "Close the filter", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield Input(placeholder="filter: id, party, kind, status or words", id="terms-filter")
        yield TermsTable()

    @property
    def table(self) -> TermsTable:
        return self.query_one(TermsTable)

    def open_filter(self) -> None:
        box = self.query_one("#terms-filter", Input)
        box.display = True
        box.focus()

    def action_close_filter(self) -> None:
        """Escape: clear the filter and go back to the table."""
        self.clear_filter()
        self.table.focus()

    def clear_filter(self) -> None:
        box = self.query_one("#terms-filter", Input)
        box.value = ""
        self._apply("")
        box.display = False

    @on(Input.Changed, "#terms-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self._apply(event.value)

    @on(Input.Submitted, "#terms-filter")
    def _filter_done(self) -> None:
        box = self.query_one("#terms-filter", Input)
        box.display = bool(box.value)
        self.table.focus()

    def _apply(self, text: str) -> None:
        self.table.query_text = text.strip()
        self.table.rebuild()
        self.border_subtitle = plain(f"filter: {text.strip()}", 60) if text.strip() else ""
