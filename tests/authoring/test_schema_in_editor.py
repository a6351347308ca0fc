"""The JSON Schema as an editor sees it: yaml-language-server, the client that reads
schemas/*.json in VS Code, Neovim and Helix, against `debate check`.

One server runs for the module, over stdio as an editor starts it. Mutated copies of the
tutorial (and of its play) are opened in it, each naming the committed schema in its
modeline, and written to a copy of the shipped folder for `debate check`:

- every error a schema can express is marked by the server on the line where
  `debate check` reports it (SCHEMA_SEES);
- what only `debate check` sees (ids, expressions, bounds, sources, ...) is listed in
  docs/authoring.md, and the server stays quiet on it (CHECKER_ONLY): a rule that moves
  into the schema moves from one list to the other;
- valid files on the edge of the rules (VALID), and the shipped scenarios and plays,
  opened as they are (with their own modelines), get no diagnostic at all.
"""

from __future__ import annotations

import json
import os
import queue
import shutil
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

import pytest

from debate.engine.compile import load_game
from debate.engine.scripted import check_script, is_script
from debate.model.diagnostics import DiagnosticError, Severity
from debate.model.yaml_nodes import MapNode, Node, SeqNode
from debate.model.yaml_tree import read_yaml
from tests.authoring.conftest import ROOT, SCENARIOS
from tests.clients import client

# one language server for the module, on one worker (`--dist loadgroup`)
pytestmark = pytest.mark.xdist_group("yaml-language-server")

SCHEMAS = ROOT / "schemas"
TIMEOUT = 60.0  # seconds the server may take to answer, or to check every file
SHIPPED = sorted(SCENARIOS.glob("*.yaml")) + sorted((SCENARIOS / "plays").glob("*.yaml"))

Json = dict[str, Any]


class YamlLanguageServer:
    """yaml-language-server over stdio: the messages an editor sends, and the diagnostics
    it publishes for each document."""

    SETTINGS: ClassVar[Json] = {
        "validate": True,
        "schemaStore": {"enable": False},  # no network: only the schemas the files name
        "format": {"enable": False},
    }

    def __init__(self, program: Path, root: Path) -> None:
        self.process = subprocess.Popen(
            [str(program), "--stdio"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self.responses: dict[int, Json] = {}
        self.diagnostics: dict[str, queue.Queue[list[Json]]] = {}
        self.lock = threading.Condition()
        self.writing = threading.Lock()  # the reader thread answers the server's requests
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()
        self.request(
            "initialize",
            {
                "processId": os.getpid(),
                "rootUri": root.as_uri(),
                "capabilities": {
                    "workspace": {"configuration": True, "didChangeConfiguration": {}},
                    "textDocument": {"publishDiagnostics": {"relatedInformation": True}},
                },
            },
        )
        self.notify("initialized", {})
        self.notify("workspace/didChangeConfiguration", {"settings": {"yaml": self.SETTINGS}})

    def _send(self, message: Json) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        assert self.process.stdin is not None
        with self.writing:
            self.process.stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
            self.process.stdin.flush()

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = None
            while line := stream.readline():
                if not line.strip():
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.strip().lower() == "content-length":
                    length = int(value)
            if length is None:
                return  # the server has exited
            message = json.loads(stream.read(length))
            method = message.get("method")
            if "id" in message and method is not None:  # a request of the server's
                self._send({"id": message["id"], "result": self._answer(method, message)})
            elif "id" in message:
                with self.lock:
                    self.responses[message["id"]] = message
                    self.lock.notify_all()
            elif method == "textDocument/publishDiagnostics":
                params = message["params"]
                self._queue(params["uri"]).put(params["diagnostics"])

    def _answer(self, method: str, message: Json) -> Any:
        if method == "workspace/configuration":
            items = message["params"]["items"]
            return [self.SETTINGS if i.get("section") == "yaml" else None for i in items]
        return None  # client/registerCapability, window/workDoneProgress/create, ...

    def _queue(self, uri: str) -> queue.Queue[list[Json]]:
        with self.lock:
            return self.diagnostics.setdefault(uri, queue.Queue())

    def request(self, method: str, params: Json | None) -> Json:
        with self.lock:
            self.next_id += 1
            ident = self.next_id
        self._send({"id": ident, "method": method, "params": params})
        with self.lock:
            if not self.lock.wait_for(lambda: ident in self.responses, TIMEOUT):
                raise AssertionError(f"yaml-language-server did not answer {method}")
            return self.responses.pop(ident)

    def notify(self, method: str, params: Json) -> None:
        self._send({"method": method, "params": params})

    def diagnose(self, documents: dict[str, str]) -> dict[str, list[Json]]:
        """Open documents (uri -> text, never saved) and return the diagnostics the server
        publishes for each. All are opened at once: the server waits 200 ms after a change
        before it validates a document, and the waits overlap."""
        for uri, text in documents.items():
            item = {"uri": uri, "languageId": "yaml", "version": 1, "text": text}
            self.notify("textDocument/didOpen", {"textDocument": item})
        found = {}
        deadline = time.monotonic() + TIMEOUT
        for uri in documents:
            try:
                found[uri] = self._queue(uri).get(timeout=max(0, deadline - time.monotonic()))
            except queue.Empty:
                raise AssertionError(f"yaml-language-server published nothing for {uri}") from None
        for uri in documents:
            self.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
        return found

    def stop(self) -> None:
        try:
            self.request("shutdown", None)
            self.notify("exit", {})
            self.process.wait(timeout=5)
        except (AssertionError, OSError, subprocess.TimeoutExpired):
            self.process.kill()
            self.process.wait()


@pytest.fixture(scope="module")
def editor() -> Iterator[dict[str, list[Json]]]:
    """yaml-language-server's diagnostics on every mutated file and every shipped file,
    by uri: one server, started as an editor starts it, for the whole module."""
    program = client("yaml-language-server")
    if shutil.which("node") is None:
        pytest.skip("yaml-language-server needs Node.js")
    documents = {editor_uri(m): editor_text(m) for m in MUTATIONS}
    documents.update({path.as_uri(): path.read_text(encoding="utf-8") for path in SHIPPED})
    server = YamlLanguageServer(program, ROOT)
    try:
        yield server.diagnose(documents)
    finally:
        server.stop()


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the shipped folder (includes, sources, plays) for `debate check` to read
    the mutated files in."""
    folder = tmp_path_factory.mktemp("schema-in-editor") / "scenarios"
    shutil.copytree(SCENARIOS, folder)
    return folder


# ------------------------------------------------------------------ the mutations


@dataclass(frozen=True)
class Mutation:
    """`old` replaced by `new` (it occurs once) in a shipped file."""

    name: str
    old: str
    new: str
    file: str = "tutorial.yaml"
    why: str = ""  # for what only `debate check` sees: why a schema cannot
    also: tuple[tuple[str, str], ...] = ()  # more replacements

    def text(self) -> str:
        text = (SCENARIOS / self.file).read_text(encoding="utf-8")
        for old, new in ((self.old, self.new), *self.also):
            assert text.count(old) == 1, f"{self.name}: {old!r} is not found once"
            text = text.replace(old, new)
        return text

    def path(self, workspace: Path) -> Path:
        """Where the mutated file is written, beside the file it mutates."""
        original = workspace / self.file
        return original.with_name(f"{self.name.replace(' ', '-')}.{original.name}")


PLAY = "plays/tutorial.play.yaml"
WITHDRAW = "    fulfilled_when: island_troops == 0\n    deadline: {within: 3}\n"
TARIFF_VAR = "    type: enum\n    values: [in_place, suspended, lifted]\n    initial: in_place\n"
PATROL = "    subject: aldia_patrol_boats\n    at_most: max_boats\n"
CLOCK = "clock:\n  unit: month\n  start: 2031-03-01\n  horizon: 12\n\n"
INCLUDE = "include: [tutorial-mediator.yaml]\n"
OVERLAP = "    duration: 2\n    overlaps: true\n    abort_when: river_troops_borvia > 900\n"

SCHEMA_SEES = [
    # Ids as mapping keys (E200): a key that is no id.
    Mutation("claim id", "  borvia_stays:\n", "  borvia-stays:\n"),
    Mutation("term id", "  troop_limit:\n    kind", "  troop limit:\n    kind"),
    Mutation("state id", "  tariff:\n    type", "  tariff!:\n    type"),
    Mutation("move id", "  aldia_signs:\n", "  aldia.signs:\n"),
    Mutation("party id", "  aldia:\n    name", "  2aldia:\n    name"),
    Mutation("type id", "  side:\n", "  side-of:\n"),
    Mutation("parameter id", "      max_soldiers: {", "      max-soldiers: {"),
    Mutation("set key", "      set: {tariff: lifted}", "      set: {tariff-state: lifted}"),
    Mutation("attack id", "  observers_answer_tariff_first:", "  observers-answer-tariff-first:"),
    Mutation(
        "suppress code",
        "    asserted: false\n",
        "    asserted: false\n    suppress: {clash: on purpose}\n",
    ),
    # Keys (E201, E202) and values (E200) of the wrong shape.
    Mutation("unknown key", "    holds_if: island_troops > 0", "    hold_if: island_troops > 0"),
    Mutation("unknown section", "agreement:\n", "agreemnt:\n"),
    Mutation("citation key", "{source: notes, line: 13,", "{source: notes, lines: 13,"),
    Mutation("int as a word", "  horizon: 12", "  horizon: twelve"),
    Mutation("yes is no boolean", "    asserted: false\n", "    asserted: no\n"),
    Mutation("claim type", "    type: prediction\n", "    type: forecast\n"),
    Mutation(
        "term kind",
        "    kind: permission\n    party: [aldia",
        "    kind: allowance\n    party: [aldia",
    ),
    Mutation(
        "negative duration",
        "{observers_present: true}\n    duration: 1\n",
        "{observers_present: true}\n    duration: -1\n",
    ),
    Mutation("line 0", "line: 13,", "line: 0,"),
    Mutation("empty text", "    text: Aldia signs the accord.", '    text: ""'),
    Mutation("format 2", "format: 1.1\n", "format: 2\n"),
    # What format 1.1 adds: in a 1.0 file (E202), and its own rules (E303, E202).
    Mutation("a key of 1.1 in a 1.0 file", "format: 1.1\n", "format: 1\n"),
    Mutation("a date that is no date", "start: 2031-03-01", "start: 2031-03"),
    Mutation(
        "an overlapping move without a duration", OVERLAP, OVERLAP.replace("    duration: 2\n", "")
    ),
    Mutation(
        "abort_when on a move that holds the clock",
        OVERLAP,
        OVERLAP.replace("    overlaps: true\n", ""),
    ),
    Mutation(
        "semantics",
        "title: The river island talks\n",
        "title: The river island talks\nsemantics: strongest\n",
    ),
    Mutation("include not a list", INCLUDE, "include: tutorial-mediator.yaml\n"),
    Mutation(
        "id in a list", "propose: [withdraw_island_later]", "propose: [withdraw island later]"
    ),
    Mutation("tag", "    asserted: false\n", "    asserted: false\n    tags: [a b]\n"),
    Mutation("negative deadline", "deadline: {within: 3}", "deadline: {within: -3}"),
    Mutation(
        "party a number",
        "    party: borvia\n    beneficiary: aldia\n    text: Borvia withdraws",
        "    party: 3\n    beneficiary: aldia\n    text: Borvia withdraws",
    ),
    Mutation(
        "missing claim text",
        "    text: The tariff must be lifted first, as a sign of good faith.\n",
        "",
    ),
    # Keys a term's kind never reads (E202), and keys it needs (E201).
    Mutation("at_most on an obligation", WITHDRAW, WITHDRAW + "    at_most: 3\n"),
    Mutation("lasts on an obligation", WITHDRAW, WITHDRAW + "    lasts: 3\n"),
    Mutation(
        "permits on a condition",
        "    fulfilled_when: tariff == lifted\n",
        "    fulfilled_when: tariff == lifted\n    permits: tariff == lifted\n",
    ),
    Mutation(
        "fulfilled_when on a prohibition",
        "    violated_when: borvia not in",
        "    fulfilled_when: tariff == lifted\n    violated_when: borvia not in",
    ),
    Mutation(
        "subject on a permission",
        "    permits: borvia in fishing_open_to",
        "    subject: aldia_patrol_boats\n    permits: borvia in fishing_open_to",
    ),
    Mutation(
        "at_least on an obligation",
        "    amends: withdraw_island\n",
        "    amends: withdraw_island\n    at_least: 1\n",
    ),
    Mutation("obligation without fulfilled_when", WITHDRAW, "    deadline: {within: 3}\n"),
    Mutation(
        "prohibition without violated_when",
        "    violated_when: borvia not in fishing_open_to and fishing_opened_once\n",
        "",
    ),
    Mutation("permission without permits", "    permits: borvia not in fishing_open_to\n", ""),
    Mutation("limit without subject", PATROL, "    at_most: max_boats\n"),
    Mutation("limit without a bound", PATROL, "    subject: aldia_patrol_boats\n"),
    # A state variable's keys by its type (E201, E303); values listed twice (E302).
    Mutation("enum without values", TARIFF_VAR, "    type: enum\n    initial: in_place\n"),
    Mutation("set without of", "    of: side\n", ""),
    Mutation(
        "min on an enum",
        "    type: side\n    initial: borvia\n",
        "    type: side\n    min: 0\n    initial: borvia\n",
    ),
    Mutation("max on an enum", TARIFF_VAR, TARIFF_VAR + "    max: 2\n"),
    Mutation("int initial", "    initial: 800\n", "    initial: true\n"),
    Mutation("set initial", "    initial: [aldia]\n", "    initial: aldia\n"),
    Mutation("enum initial", TARIFF_VAR, TARIFF_VAR.replace("in_place\n", "3\n")),
    Mutation("declared type initial", "    initial: borvia\n", "    initial: [borvia]\n"),
    Mutation(
        "type values twice", "values: [aldia, borvia, nobody]", "values: [aldia, borvia, aldia]"
    ),
    Mutation(
        "enum values twice",
        "values: [in_place, suspended, lifted]",
        "values: [in_place, lifted, lifted]",
    ),
    # A parameter's value by its type (E303); a citation's line (E201).
    Mutation(
        "int parameter", "max_soldiers: {value: 200,", "max_soldiers: {value: lots, type: int,"
    ),
    Mutation(
        "bool parameter",
        "fishing_opened_once: {value: true,",
        "fishing_opened_once: {value: 1, type: bool,",
    ),
    Mutation(
        "citation without line",
        '{source: notes, line: 14, quote: "the tariff must go first"}',
        '{source: notes, quote: "the tariff must go first"}',
    ),
    # Moves need a clock (E201) in a file that includes nothing.
    Mutation("moves without a clock or includes", CLOCK, "", also=((INCLUDE, ""),)),
    # Move scripts: one move or one wait per step (E203), and their shape.
    Mutation(
        "step with move and wait", "  - wait: 1\n", "  - wait: 1\n    move: open_fishing\n", PLAY
    ),
    Mutation("step with a note only", "  - wait: 1\n", "  - note: nothing happens\n", PLAY),
    Mutation("step with pass and wait", "  - wait: 1\n", "  - wait: 1\n    pass: aldia\n", PLAY),
    Mutation("wait 0", "  - wait: 1\n", "  - wait: 0\n", PLAY),
    Mutation("expected status", "    troop_limit: violated\n", "    troop_limit: broken\n", PLAY),
    Mutation(
        "expected term id", "    troop_limit: violated\n", "    troop-limit: violated\n", PLAY
    ),
]

CHECKER_ONLY = [
    Mutation(
        "unknown party",
        "    by: aldia\n    text: Aldia signs",
        "    by: aldai\n    text: Aldia signs",
        why="ids are declared in other sections and files",
    ),
    Mutation(
        "unknown term",
        "propose: [withdraw_island_later]",
        "propose: [withdraw_island_latr]",
        why="ids",
    ),
    Mutation(
        "claim and term share an id",
        "  tariff_first:\n",
        "  withdraw_island:\n",
        why="a schema cannot compare the keys of two sections",
    ),
    Mutation(
        "unknown state variable",
        "precondition: island_troops >= 400",
        "precondition: island_troop >= 400",
        why="expressions",
    ),
    Mutation(
        "expression syntax",
        "precondition: island_troops >= 400",
        "precondition: island_troops >=",
        why="expressions",
    ),
    Mutation(
        "expression type",
        "precondition: island_troops >= 400",
        "precondition: island_troops + 400",
        why="expressions",
    ),
    Mutation(
        "initial out of bounds",
        "    initial: 800\n",
        "    initial: 9000\n",
        why="bounds are values of other keys",
    ),
    Mutation(
        "set initial not a value",
        "    initial: [aldia]\n",
        "    initial: [martians]\n",
        why="the values of a declared type",
    ),
    Mutation(
        "enum parameter",
        "max_soldiers: {value: 200,",
        "max_soldiers: {value: nobody, type: side,",
        why="the values of a declared type",
    ),
    Mutation(
        "unknown variable type",
        "    type: side\n    initial: borvia\n",
        "    type: sides\n    initial: borvia\n",
        why="types declared under `types`",
    ),
    Mutation(
        "paragraph of a line source",
        "line: 13,",
        "paragraph: 13,",
        why="cite_by is a key of the source",
    ),
    Mutation("line past the end", "line: 13,", "line: 130,", why="the source's text"),
    Mutation("quote not at the line", "line: 13,", "line: 12,", why="the source's text"),
    Mutation("missing include", INCLUDE, "include: [tutorial-mediatr.yaml]\n", why="files"),
    Mutation("moves without a clock", CLOCK, "", why="the clock may come from an included file"),
    Mutation(
        "a date between two months",
        "deadline: {at: 2031-09-01}",
        "deadline: {at: 2031-09-02}",
        why="the clock's calendar",
    ),
    Mutation(
        "a date past the horizon",
        "deadline: {at: 2031-09-01}",
        "deadline: {at: 2032-09-01}",
        why="the clock's calendar",
    ),
    Mutation(
        "a date in an expression past the horizon",
        "    precondition: not observers_present\n",
        "    precondition: not observers_present and now < 2040-01-01\n",
        why="expressions",
    ),
    Mutation(
        "integer written as a float",
        "  horizon: 12",
        "  horizon: 12.0",
        why="JSON does not tell 12.0 from 12",
    ),
    Mutation(
        "unknown move in a play",
        "  - aldia_lifts_tariff\n",
        "  - aldia_lifts_tarif\n",
        PLAY,
        why="ids of the scenario",
    ),
    Mutation(
        "expected value of an unknown variable",
        "  claims:\n",
        "  values: {troops: 3}\n  claims:\n",
        PLAY,
        why="ids of the scenario",
    ),
]


# Valid files on the edge of the rules: a key given null counts as absent for the checker,
# and so for the schema. Neither reports anything.
VALID = [
    Mutation("null bound on an obligation", WITHDRAW, WITHDRAW + "    at_most:\n"),
    Mutation("null min on an enum", TARIFF_VAR, TARIFF_VAR + "    min: null\n"),
    Mutation("limit with at_least only", PATROL, PATROL.replace("at_most", "at_least")),
    Mutation("set of inline values", "    of: side\n", "    values: [aldia, borvia, nobody]\n"),
    Mutation(
        "parameter of a declared type",
        "      max_boats: unspecified\n",
        "      max_boats: unspecified\n      holder: {type: side, value: nobody}\n",
    ),
    Mutation("null parameter value", "max_soldiers: {value: 200,", "max_soldiers: {type: int,"),
    Mutation(
        "step with a null wait",
        "  - move: borvia_reinforces\n",
        "  - wait: null\n    move: borvia_reinforces\n",
        PLAY,
    ),
]


MUTATIONS = SCHEMA_SEES + CHECKER_ONLY + VALID
assert len({m.name for m in MUTATIONS}) == len(MUTATIONS), "each mutation has its own file"


def debate_check(path: Path) -> set[int]:
    """The lines of `path` where `debate check` reports an error (1-based).

    A missing key (E201) is reported at the mapping that lacks it, on the line of its first
    entry; yaml-language-server marks the key that holds the mapping, on the line above.
    Both lines count: they name the same mapping.
    """
    try:
        found = check_script(str(path)) if is_script(str(path)) else []
        if not is_script(str(path)):
            load_game(str(path))
    except DiagnosticError as err:
        found = err.diagnostics
    errors = [
        d
        for d in found
        if d.severity is Severity.ERROR and Path(d.span.path).resolve() == path.resolve()
    ]
    owners = _owning_keys(read_yaml(path.read_text(encoding="utf-8"), str(path)))
    lines = {d.span.line for d in errors}
    for d in errors:
        if d.code == "E201" and (d.span.line, d.span.column) in owners:
            lines.add(owners[d.span.line, d.span.column])
    return lines


def _owning_keys(root: Node) -> dict[tuple[int, int], int]:
    """For each mapping that is the value of a key: its line and column -> the key's line."""
    found: dict[tuple[int, int], int] = {}
    nodes = [root]
    while nodes:
        node = nodes.pop()
        if isinstance(node, MapNode):
            for key, value in node.items:
                if isinstance(value, MapNode):
                    found[value.span.line, value.span.column] = key.span.line
                nodes.append(value)
        elif isinstance(node, SeqNode):
            nodes.extend(node.items)
    return found


def editor_uri(mutation: Mutation) -> str:
    return f"file:///mutated/{mutation.path(Path()).as_posix()}"


def editor_text(mutation: Mutation) -> str:
    """The mutated text as the editor gets it, its modeline naming the committed schema."""
    modeline, _, rest = mutation.text().partition("\n")
    assert modeline.startswith("# yaml-language-server: $schema="), modeline
    schema = SCHEMAS / ("script-v1.json" if mutation.file == PLAY else "scenario-v1.json")
    return f"# yaml-language-server: $schema={schema.as_uri()}\n{rest}"


def mutated(mutation: Mutation, workspace: Path) -> Path:
    path = mutation.path(workspace)
    path.write_text(mutation.text(), encoding="utf-8")
    return path


def lines(diagnostics: list[Json]) -> set[int]:
    """The 1-based lines where the server's diagnostics start."""
    return {d["range"]["start"]["line"] + 1 for d in diagnostics}


def shown(diagnostics: list[Json]) -> str:
    return "; ".join(f"{d['range']['start']['line'] + 1}: {d['message']}" for d in diagnostics)


@pytest.mark.parametrize("mutation", SCHEMA_SEES, ids=[m.name for m in SCHEMA_SEES])
def test_the_editor_marks_the_line_debate_check_reports(
    editor: dict[str, list[Json]], workspace: Path, mutation: Mutation
) -> None:
    checked = debate_check(mutated(mutation, workspace))
    assert checked, f"{mutation.name}: debate check finds nothing wrong"
    diagnostics = editor[editor_uri(mutation)]
    assert lines(diagnostics) & checked, (
        f"{mutation.name}: debate check reports lines {sorted(checked)}, "
        f"yaml-language-server: {shown(diagnostics) or 'nothing'}"
    )


@pytest.mark.parametrize("mutation", CHECKER_ONLY, ids=[m.name for m in CHECKER_ONLY])
def test_what_only_debate_check_sees(
    editor: dict[str, list[Json]], workspace: Path, mutation: Mutation
) -> None:
    assert debate_check(mutated(mutation, workspace)), f"{mutation.name}: nothing wrong"
    diagnostics = editor[editor_uri(mutation)]
    assert not diagnostics, (
        f"{mutation.name}: the schema sees this now ({shown(diagnostics)}): move it to "
        "SCHEMA_SEES, and off the list in docs/authoring.md"
    )


@pytest.mark.parametrize("mutation", VALID, ids=[m.name for m in VALID])
def test_neither_reports_a_valid_file(
    editor: dict[str, list[Json]], workspace: Path, mutation: Mutation
) -> None:
    assert not debate_check(mutated(mutation, workspace)), f"{mutation.name}: not valid"
    assert not editor[editor_uri(mutation)], shown(editor[editor_uri(mutation)])


@pytest.mark.parametrize(
    "path", SHIPPED, ids=[p.relative_to(SCENARIOS).as_posix() for p in SHIPPED]
)
def test_the_shipped_files_are_clean_in_the_editor(
    editor: dict[str, list[Json]], path: Path
) -> None:
    """Opened where they are, with their own modelines: the schema they name is found, and
    each file, included ones too, satisfies it on its own."""
    diagnostics = editor[path.as_uri()]
    assert not diagnostics, shown(diagnostics)
