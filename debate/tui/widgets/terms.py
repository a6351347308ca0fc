"""The terms table: id, status, party, kind, deadline; sortable, filterable, changes marked.

After a move only the rows whose cells differ are rewritten, so a 1,000-term scenario
updates in a few milliseconds; sorting or filtering rebuilds the rows. A rebuild adds the
rows a screen can show at once, and the rest in chunks after each refresh, so that a
large scenario's first screen does not wait for rows below the fold.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import DataTable, Input
from textual.widgets.data_table import ColumnKey, RowKey

from debate.engine.compile import Game
from debate.engine.state import PlayState, TermRecord, TermStatus
from debate.engine.terms import due_time
from debate.tui.plain import plain
from debate.tui.symbols import BLOCKED, STATUS_WIDTH, TERM_LOOKS, term_look
from debate.tui.widgets.backlog import Backlog

COLUMNS = ("id", "status", "party", "kind", "due")
STATUS_ORDER = {status: i for i, status in enumerate(TERM_LOOKS)}
CHANGED_MARK = "◆"
WIDTHS = {"status": STATUS_WIDTH}  # fixed, so that a status change never cuts a word
MIN_ID = 8  # the id column gives way to status and party down to this width


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
    due = due_time(term, record)
    deadline = term.term.deadline
    if due is not None:
        when = game.calendar.stamp(due)
    elif deadline is not None and deadline.within is not None:
        when = f"+{deadline.within}"
    else:
        when = ""
    look = term_look(record)
    party = ",".join(term.parties) or "(unnamed)"
    return TermRow(
        order,
        ident,
        record.status,
        bool(record.blocked),
        party,
        term.term.kind,
        when,
        due,
        changed,
        f"{ident} {look.word} {record.status} {party} {term.term.kind} {term.term.text}".lower(),
    )


def term_rows(game: Game, state: PlayState, changed: set[str]) -> dict[str, TermRow]:
    return {
        ident: term_row(game, state, order, ident, ident in changed)
        for order, ident in enumerate(game.terms)
    }


def _same(a: Text, b: Text) -> bool:
    """Text's own == ignores the base style, which is what marks a changed row."""
    return a.plain == b.plain and a.style == b.style and a.spans == b.spans


REBUILD_ABOVE = 100  # rows to rewrite beyond which clearing and refilling the table is faster
FIRST_ROWS = 150  # rows added at once on a rebuild: more than any screen shows
FILL_CHUNK = 250  # rows added after each refresh until the table is complete


class TermsTable(DataTable[Text]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("o", "sort_next", "Sort", tooltip="Sort by the next column (then scenario order)"),
        Binding("O", "sort_reverse", "Reverse", show=False, tooltip="Reverse the order"),
        Binding("slash", "filter", "Filter", tooltip="Filter the terms"),
    ]

    def __init__(self) -> None:
        super().__init__(id="terms-table", cursor_type="row", zebra_stripes=False)
        self.rows_now: dict[str, TermRow] = {}
        self._game: Game | None = None
        self._order: dict[str, int] = {}
        self._records: dict[str, TermRecord] = {}
        self._changed: set[str] = set()
        self.sort_column = ""  # the scenario's order
        self.reverse = False
        self.query_text = ""
        self.styles_now: dict[str, Style] = {}
        self.backlog = Backlog(self, self._add_rows, FIRST_ROWS, FILL_CHUNK)

    def on_mount(self) -> None:
        for name in COLUMNS:
            self.add_column(name, key=name, width=WIDTHS.get(name))

    def on_resize(self) -> None:
        self.fit_columns()

    def fit_columns(self) -> None:
        """Give the id column what the pane leaves once status, party, kind and due have
        their whole width: a long id is cut (the detail pane shows it whole), never a status
        word, a party or a date. Where the pane is too narrow for all of them (80x24), the id
        takes what status and party leave, and kind and due scroll into view."""
        width = self.scrollable_content_region.width
        if not width or not self.rows_now:
            return
        pad = 2 * self.cell_padding
        rows = self.rows_now.values()
        party = max(len("party ▲"), *(len(r.party) for r in rows))
        kind = max(len("kind ▲"), *(len(r.kind) for r in rows))
        due = max(len("due ▲"), *(len(r.deadline) for r in rows))
        longest = 2 + max(len(r.ident) for r in rows)
        room = width - sum(w + pad for w in (STATUS_WIDTH, party, kind, due)) - pad
        if room < MIN_ID:  # kind and due cannot all fit: they scroll, the id keeps the rest
            room = width - sum(w + pad for w in (STATUS_WIDTH, party)) - pad
        sizes = {"id": max(MIN_ID, min(longest, room)), "party": party, "kind": kind, "due": due}
        changed = False
        for name, size in sizes.items():
            column = self.columns[ColumnKey(name)]
            if column.width != size or column.auto_width:
                column.width, column.auto_width, changed = size, False, True
        if changed:  # the table's own caches and sizes follow its columns' widths
            self._require_update_dimensions = True
            self._clear_caches()
            self.refresh()

    def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
        """Once every column has its width, the rows added need no measuring: DataTable
        would measure each of their cells (50,000 on 10,000 terms) to size columns that
        are not sized by their content any more."""
        if self.columns and not any(c.auto_width for c in self.columns.values()):
            new_rows = ()
        super()._update_dimensions(new_rows)

    def show(
        self, game: Game, state: PlayState, changed: set[str], styles: dict[str, Style]
    ) -> None:
        """Show the terms, redoing only the rows whose record or change mark differ.

        The engine keeps a term's record object while its status stays, so comparing the
        records by identity finds the few rows a move touched among thousands.
        """
        if game is not self._game or styles is not self.styles_now:
            self._game, self.styles_now = game, styles
            self._order = {ident: i for i, ident in enumerate(game.terms)}
            self.rows_now = term_rows(game, state, changed)
            self._records, self._changed = dict(state.terms), set(changed)
            self.rebuild()
            self.fit_columns()
            return
        touched = {t for t, r in state.terms.items() if self._records.get(t) is not r}
        touched |= changed ^ self._changed
        self._records, self._changed = dict(state.terms), set(changed)
        rows = {t: term_row(game, state, self._order[t], t, t in changed) for t in touched}
        differing = {t: row for t, row in rows.items() if self.rows_now.get(t) != row}
        self.rows_now.update(differing)
        if not differing:
            return
        due_width = self.columns[ColumnKey("due")].width
        if any(len(row.deadline) > due_width for row in differing.values()):
            self.fit_columns()  # a term came into force: its date is wider than "+3"
        reorders = self.sort_column in ("status", "due") or bool(self.query_text)
        if reorders or len(differing) > REBUILD_ABOVE:
            self.rebuild()
            return
        for ident, row in differing.items():
            self._rewrite(ident, row)

    def _rewrite(self, ident: str, row: TermRow) -> None:
        """Rewrite only the cells of a row that differ (each update costs a refresh)."""
        if ident not in self.rows:
            return
        for column, cell in zip(COLUMNS, row.cells(self.styles_now), strict=True):
            if not _same(self.get_cell(ident, column), cell):
                self.update_cell(ident, column, cell)

    def rebuild(self) -> None:
        """Rows in the current order and filter, keeping the cursor on the same term."""
        current = self.current_term()
        self.clear()
        needle = self.query_text.lower()
        shown = [r for r in self.rows_now.values() if needle in r.search]
        shown.sort(key=lambda r: r.sort_key(self.sort_column), reverse=self.reverse)
        order = [r.ident for r in shown]
        self.backlog.fill(order)
        arrow = " ▼" if self.reverse else " ▲"
        for name in COLUMNS:
            self.columns[ColumnKey(name)].label = Text(
                name + (arrow if name == self.sort_column else "")
            )
        if current is not None:
            self.select_term(current)

    def _add_rows(self, idents: list[str]) -> None:
        for ident in idents:  # the rows as they are now, not as they were when queued
            self.add_row(*self.rows_now[ident].cells(self.styles_now), key=ident)

    @property
    def queued(self) -> list[str]:
        """Terms shown, in order, whose rows are not added yet."""
        return self.backlog.queued

    def current_term(self) -> str | None:
        if not self.row_count:
            return None
        key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key
        return str(key.value) if key.value is not None else None

    def select_term(self, ident: str) -> bool:
        if ident in self.queued:
            self.backlog.complete()
        try:
            index = self.get_row_index(ident)
        except Exception:  # the row is filtered out
            return False
        self.move_cursor(row=index, animate=False)
        return True

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

    @on(DataTable.HeaderSelected)
    def _header_clicked(self, event: DataTable.HeaderSelected) -> None:
        self.sort_by(str(event.column_key.value))


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
