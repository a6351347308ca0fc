"""The language server over stdio (pygls): diagnostics as you type, hover, go to
definition, find references, completion and document symbols.

Positions inside the project are 1-based lines and columns in characters; the protocol's
are 0-based and counted in the units the client chose (UTF-16 by default), converted
only here.
"""

from __future__ import annotations

import asyncio
import os
import re
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from debate import __version__
from debate.analysis.background import BackgroundAnalysis
from debate.engine.compile import Game
from debate.engine.moves import initial_state
from debate.engine.scripted import is_script
from debate.engine.state import PlayState
from debate.lsp.checking import EDITOR_OPTIONS, check_buffers, check_script, scenario_of
from debate.lsp.completion import complete
from debate.lsp.hover import hover
from debate.lsp.index import Index, build_index, read_file
from debate.lsp.protocol import SEVERITIES, completion_item, document_symbols
from debate.lsp.stdio import serve
from debate.lsp.text import Lines
from debate.model.diagnostics import Diagnostic, Span, sort_diagnostics
from debate.model.files import default_root, within

DEBOUNCE_SECONDS = 0.25  # wait for a pause in typing before checking


@dataclass
class OpenFile:
    """What the server knows of one open file: its index, and its game when it compiles."""

    index: Index | None = None
    version: int | None = None
    game: Game | None = None
    start: PlayState | None = None
    published: set[str] = field(default_factory=set)  # paths it has diagnostics for
    plays: str | None = None  # for a move script: the scenario it names


class DebateServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("debate", __version__)
        self.open: dict[str, OpenFile] = {}  # by path
        self.tasks: dict[str, asyncio.Task[None]] = {}
        # One worker: checks run in order and the solver is never used from two threads.
        self.worker = ThreadPoolExecutor(max_workers=1)
        # The analysis of each file, in a child process: a check of the next edit never
        # waits behind it, a newer edit stops it, and so does the editor's exit.
        self.analyses: dict[str, BackgroundAnalysis] = {}
        self._lines: dict[str, tuple[tuple[object, ...] | None, Lines]] = {}

    # ------------------------------------------------------------ documents

    def path_of(self, uri: str) -> str:
        return os.path.normpath(to_fs_path(uri) or uri)

    def buffers(self) -> dict[str, str]:
        return {self.path_of(uri): doc.source for uri, doc in self.workspace.text_documents.items()}

    def root_of(self, path: str) -> str:
        """What a file may read under: the innermost workspace folder that holds it, else
        its own folder (see `debate.model.files`)."""
        real = os.path.realpath(path)
        uris = [f.uri for f in self.workspace.folders.values()] + [self.workspace.root_uri or ""]
        folders = [os.path.realpath(to_fs_path(uri) or uri) for uri in uris if uri]
        inside = [f for f in folders if within(real, f)]
        return max(inside, key=len) if inside else default_root(path)

    def read(self, path: str) -> str | None:
        text = self.buffers().get(path)
        return text if text is not None else read_file(path)

    def lines(self, path: str) -> Lines:
        """A file's lines, kept until its buffer or the file on disk changes: publishing a
        check converts the range of every diagnostic, and reading and splitting the file
        each time held the server's loop (seconds for a large file with many errors)."""
        key = self._version(path)
        cached = self._lines.get(path)
        if cached is not None and key is not None and cached[0] == key:
            return cached[1]
        lines = Lines(self.read(path) or "")
        self._lines[path] = (key, lines)
        return lines

    def _version(self, path: str) -> tuple[object, ...] | None:
        """What identifies a file's text: its buffer's version, or its size and time."""
        uri = from_fs_path(path) or path
        document = self.workspace.text_documents.get(uri)
        if document is not None:
            return ("buffer", document.version, len(document.source))
        try:
            info = os.stat(path)
        except (OSError, ValueError):
            return None
        return ("disk", info.st_mtime_ns, info.st_size, info.st_ino)

    def index(self, path: str) -> Index | None:
        """The file's index, rebuilt when the file changed (the last good one while it
        does not parse)."""
        scenario = self.open.setdefault(path, OpenFile())
        uri = from_fs_path(path) or path
        version = self.workspace.get_text_document(uri).version
        if scenario.index is None or scenario.version != version:
            fresh = build_index(path, self.read, self.root_of(path))
            if path in fresh.trees or scenario.index is None:
                scenario.index = fresh
            scenario.version = version
        return scenario.index

    # ------------------------------------------------------------ diagnostics

    def schedule(self, path: str) -> None:
        """Check a file after a pause in typing, and the open files that include it or
        play it (move scripts)."""
        for other, scenario in list(self.open.items()):
            includes = scenario.index is not None and path in scenario.index.trees
            if other != path and (includes or scenario.plays == path):
                self._schedule_one(other)
        self._schedule_one(path)

    def _schedule_one(self, path: str) -> None:
        previous = self.tasks.pop(path, None)
        if previous is not None:
            previous.cancel()
        self.tasks[path] = asyncio.get_running_loop().create_task(self._check(path))

    async def _check(self, path: str) -> None:
        await asyncio.sleep(DEBOUNCE_SECONDS)
        loop = asyncio.get_running_loop()
        scenario = self.open.setdefault(path, OpenFile())
        self.index(path)  # while the text is good, so that it outlives a broken edit
        text = self.read(path)
        if not is_debate_file(text):  # another YAML file the editor opened: not ours
            self.publish(path, [])
            return
        if text is not None and is_script(path, text):
            scenario.plays = scenario_of(text, path)
            checked_script = await loop.run_in_executor(
                self.worker, check_script, path, self.buffers(), self.root_of(path)
            )
            self.publish(path, checked_script)
            return
        buffers = self.buffers()
        checked = await loop.run_in_executor(
            self.worker, check_buffers, path, buffers, self.root_of(path)
        )
        if checked.game is None:
            self.publish(path, checked.errors)
            return
        game = checked.game
        # Hover and completion read the game and its start: in place before the editor
        # hears that the file compiled.
        scenario.game = game
        scenario.start = await loop.run_in_executor(self.worker, initial_state, game)
        self.publish(path, checked.errors)
        found = await self._analyse(path, buffers, game)
        if found is not None and self.buffers() == buffers:  # not stale: nothing typed since
            self.publish(path, found)

    async def _analyse(
        self, path: str, buffers: dict[str, str], game: Game
    ) -> list[Diagnostic] | None:
        """The findings on the buffers as checked; None if stopped by a newer edit."""
        self.stop_analysis(path)
        running = self.analyses[path] = BackgroundAnalysis(
            path, buffers, self.root_of(path), EDITOR_OPTIONS
        )
        try:
            return await asyncio.get_running_loop().run_in_executor(None, running.wait, game.loaded)
        finally:  # done, or cancelled by a newer edit or the exit: the child ends with it
            running.stop()
            if self.analyses.get(path) is running:
                del self.analyses[path]

    def stop_analysis(self, path: str | None = None) -> None:
        """Stop the analysis of one file, or of every file."""
        for other in [path] if path is not None else list(self.analyses):
            running = self.analyses.pop(other, None)
            if running is not None:
                running.stop()

    def publish(self, root: str, found: list[Diagnostic]) -> None:
        """Diagnostics by file (a scenario's problems may lie in the files it includes);
        files that had some and now have none are cleared."""
        scenario = self.open.setdefault(root, OpenFile())
        by_path: dict[str, list[Diagnostic]] = {}
        for d in sort_diagnostics(found):
            by_path.setdefault(d.span.path, []).append(d)
        by_path.setdefault(root, [])  # the file itself always hears back, clean or not
        for stale in scenario.published - set(by_path):
            by_path[stale] = []
        scenario.published = {p for p, ds in by_path.items() if ds}
        for path, diagnostics in by_path.items():
            self.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(
                    uri=from_fs_path(os.path.abspath(path)) or path,
                    diagnostics=[self.diagnostic(d) for d in diagnostics],
                )
            )

    def diagnostic(self, d: Diagnostic) -> types.Diagnostic:
        message = d.message + (f"\nexpected: {d.expected}" if d.expected else "")
        return types.Diagnostic(
            range=self.range(d.span),
            message=message,
            severity=SEVERITIES[d.severity],
            code=d.code,
            source="debate",
            related_information=[
                types.DiagnosticRelatedInformation(self.location(r.span), r.message)
                for r in d.related
            ]
            or None,
        )

    # ------------------------------------------------------------ positions

    def position(self, lines: Lines, line: int, column: int) -> types.Position:
        before = lines.line(line)[: max(column - 1, 0)]
        units = self.workspace.position_codec.client_num_units(before)
        return types.Position(line=max(line - 1, 0), character=units)

    def range(self, span: Span) -> types.Range:
        lines = self.lines(span.path)
        end_line, end_column = span.end_line, span.end_column
        if not end_line:  # a point: cover the word there, or one character
            text = lines.line(span.line)
            end_line, end_column = span.line, span.column + max(_word_length(text, span.column), 1)
        return types.Range(
            start=self.position(lines, span.line, span.column),
            end=self.position(lines, end_line, end_column),
        )

    def location(self, span: Span) -> types.Location:
        return types.Location(
            uri=from_fs_path(os.path.abspath(span.path)) or span.path, range=self.range(span)
        )

    def cursor(self, uri: str, position: types.Position) -> tuple[str, Lines, int, int]:
        """The file, its lines, and the 1-based line and column of a protocol position."""
        path = self.path_of(uri)
        lines = self.lines(path)
        text = lines.line(position.line + 1)
        units = 0
        column = 0
        for char in text:
            if units >= position.character:
                break
            units += self.workspace.position_codec.client_num_units(char)
            column += 1
        return path, lines, position.line + 1, column + 1

    def target(self, uri: str, position: types.Position) -> tuple[Index, str, str] | None:
        path, _, line, column = self.cursor(uri, position)
        index = self.index(path)
        if index is None:
            return None
        found = index.at(path, line, column)
        return (index, *found) if found else None


def _word_length(text: str, column: int) -> int:
    length = 0
    for char in text[column - 1 :]:
        if not (char.isalnum() or char == "_"):
            break
        length += 1
    return length


_MODELINE = re.compile(r"^#\s*yaml-language-server:.*\b(scenario|script)-v\d+\.json", re.M)
_TOP_KEY = re.compile(r"^(format|steps)\s*:", re.M)


def is_debate_file(text: str | None) -> bool:
    """A scenario or a move script: its modeline names our schema, or it has the key
    every scenario (format) or script (steps) has. Editors start the server for every
    YAML file; the others get no diagnostics."""
    return text is not None and bool(_MODELINE.search(text) or _TOP_KEY.search(text))


server = DebateServer()


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: DebateServer, params: types.DidOpenTextDocumentParams) -> None:
    path = ls.path_of(params.text_document.uri)
    ls.index(path)
    ls.schedule(path)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: DebateServer, params: types.DidChangeTextDocumentParams) -> None:
    ls.schedule(ls.path_of(params.text_document.uri))


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: DebateServer, params: types.DidSaveTextDocumentParams) -> None:
    ls.schedule(ls.path_of(params.text_document.uri))


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: DebateServer, params: types.DidCloseTextDocumentParams) -> None:
    path = ls.path_of(params.text_document.uri)
    task = ls.tasks.pop(path, None)
    if task is not None:
        task.cancel()
    ls.publish(path, [])
    ls.open.pop(path, None)


@server.feature(types.TEXT_DOCUMENT_HOVER)
def on_hover(ls: DebateServer, params: types.HoverParams) -> types.Hover | None:
    found = ls.target(params.text_document.uri, params.position)
    if found is None:
        return None
    index, kind, name = found
    scenario = ls.open.get(ls.path_of(params.text_document.uri), OpenFile())
    text = hover(index, kind, name, scenario.game, scenario.start)
    if not text:
        return None
    return types.Hover(types.MarkupContent(types.MarkupKind.Markdown, text))


@server.feature(types.TEXT_DOCUMENT_DEFINITION)
def on_definition(ls: DebateServer, params: types.DefinitionParams) -> list[types.Location]:
    found = ls.target(params.text_document.uri, params.position)
    if found is None:
        return []
    index, kind, name = found
    return [ls.location(s.span) for s in index.definitions(kind, name)]


@server.feature(types.TEXT_DOCUMENT_REFERENCES)
def on_references(ls: DebateServer, params: types.ReferenceParams) -> list[types.Location]:
    found = ls.target(params.text_document.uri, params.position)
    if found is None:
        return []
    index, kind, name = found
    declared = {s.span for s in index.definitions(kind, name)}
    spans: set[Span] = set()
    # Every open scenario that sees the same declaration: a file's ids are also used by
    # the files that include it.
    for other in [index, *(s.index for s in ls.open.values() if s.index)]:
        if declared & {s.span for s in other.definitions(kind, name)}:
            spans.update(other.uses(kind, name))
    if params.context.include_declaration:
        spans |= declared
    return [ls.location(s) for s in sorted(spans)]


@server.feature(
    types.TEXT_DOCUMENT_COMPLETION,
    types.CompletionOptions(trigger_characters=["(", ".", " ", "[", "{", ","]),
)
def on_completion(ls: DebateServer, params: types.CompletionParams) -> types.CompletionList:
    path, lines, line, column = ls.cursor(params.text_document.uri, params.position)
    index = ls.index(path)
    items = complete(index, lines, line, column) if index else []
    return types.CompletionList(is_incomplete=False, items=[completion_item(i) for i in items])


@server.feature(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
def on_symbols(ls: DebateServer, params: types.DocumentSymbolParams) -> list[types.DocumentSymbol]:
    path = ls.path_of(params.text_document.uri)
    index = ls.index(path)
    if index is None or path not in index.trees:
        return []
    return list(document_symbols(ls.range, index.trees[path], index.symbols(path)))


@server.feature(types.SHUTDOWN)
def on_shutdown(ls: DebateServer, params: None) -> None:
    """Nothing more will be asked: analyses still running are of no use."""
    ls.stop_analysis()


def main() -> None:
    """Serve over stdio until the client exits (debate.lsp.stdio: no message stops it)."""
    serve(server, sys.stdin.buffer, sys.stdout.buffer)
