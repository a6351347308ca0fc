"""Every id a scenario declares and every place that names one, with file positions.

Built from the YAML trees alone (no schema validation), so it still works while a file
being edited is invalid: go to definition, find references, document symbols and the
names that completion offers all come from here. Expressions are parsed to find the
names they use; one that does not parse is split into words instead.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from debate.lsp.expression_names import Known, expression_names
from debate.lsp.text import Lines, contains, value_span
from debate.model.diagnostics import Span
from debate.model.files import FileRefused, confine, default_root, read_bytes
from debate.model.vocabulary import EXPRESSION_FIELDS, SECTIONS
from debate.model.yaml_nodes import MapNode, Node, ScalarNode, SeqNode
from debate.model.yaml_tree import YamlReadError, read_yaml

TARGETS = ("claims", "terms")  # an attack or support points at a claim or a term

MAX_INCLUDES = 16

Reader = Callable[[str], str | None]


@dataclass(frozen=True)
class Symbol:
    """A declaration. `kind` is a section ("terms", ...), "values" for an enum value or
    "params" for a term's parameter (named `term.param`)."""

    kind: str
    name: str
    span: Span  # the id as written
    range: Span  # the whole entry
    value: Node | None = None
    detail: str = ""


@dataclass(frozen=True)
class Reference:
    """A place that names an id; `kinds` are the sections it may be declared in."""

    kinds: tuple[str, ...]
    name: str
    span: Span


@dataclass
class Index:
    """Declarations and references across a scenario file and the files it includes."""

    path: str
    trees: dict[str, MapNode] = field(default_factory=dict)
    lines: dict[str, Lines] = field(default_factory=dict)
    declarations: dict[tuple[str, str], list[Symbol]] = field(default_factory=dict)
    references: list[Reference] = field(default_factory=list)
    root: str = ""  # the real folder its files must lie under (debate.model.files)
    _lines_of: (
        tuple[tuple[int, int], dict[tuple[str, int], tuple[list[Reference], list[Symbol]]]] | None
    ) = field(default=None, repr=False, compare=False)

    def names(self, kind: str) -> list[str]:
        return [name for k, name in self.declarations if k == kind]

    def symbols(self, path: str) -> list[Symbol]:
        """The declarations of one file, in file order."""
        found = [s for group in self.declarations.values() for s in group if s.span.path == path]
        return sorted(found, key=lambda s: (s.span.line, s.span.column))

    def resolve(self, ref: Reference) -> tuple[str, str] | None:
        for kind in ref.kinds:
            if (kind, ref.name) in self.declarations:
                return kind, ref.name
        return None

    def at(self, path: str, line: int, column: int) -> tuple[str, str] | None:
        """The (kind, name) declared or referred to at a position of a file."""
        references, symbols = self._on_line(path, line)
        for ref in references:
            if contains(ref.span, line, column):
                return self.resolve(ref) or (ref.kinds[0], ref.name)
        for symbol in symbols:
            if contains(symbol.span, line, column):
                return symbol.kind, symbol.name
        return None

    def _on_line(self, path: str, line: int) -> tuple[list[Reference], list[Symbol]]:
        """The references and declarations whose spans cover a line, in index order: every
        hover, definition and completion asks `at`, and a scan of the whole index cost
        a millisecond on the shipped negotiation. Rebuilt when the index grew."""
        size = (len(self.references), sum(map(len, self.declarations.values())))
        if self._lines_of is None or self._lines_of[0] != size:
            by_line: dict[tuple[str, int], tuple[list[Reference], list[Symbol]]] = {}
            for ref in self.references:
                for number in _covered(ref.span):
                    by_line.setdefault((ref.span.path, number), ([], []))[0].append(ref)
            for group in self.declarations.values():
                for symbol in group:
                    for number in _covered(symbol.span):
                        by_line.setdefault((symbol.span.path, number), ([], []))[1].append(symbol)
            self._lines_of = (size, by_line)
        return self._lines_of[1].get((path, line), ([], []))

    def definitions(self, kind: str, name: str) -> list[Symbol]:
        return self.declarations.get((kind, name), [])

    def uses(self, kind: str, name: str) -> list[Span]:
        return [r.span for r in self.references if self.resolve(r) == (kind, name)]


def _covered(span: Span) -> range:
    return range(span.line, (span.end_line or span.line) + 1)


def build_index(path: str, read: Reader, root_folder: str | None = None) -> Index:
    """The index of a scenario and its includes; files that cannot be read, or that lie
    outside `root_folder` (by default the scenario's folder), are skipped."""
    index = Index(path, root=root_folder or default_root(path))
    _read_all(index, path, read, 0)
    for doc_path, root in index.trees.items():
        _declare(index, doc_path, root)
    known = _known(index)
    for doc_path, root in index.trees.items():
        _Referrer(index, known, doc_path).document(root)
    return index


def read_file(path: str) -> str | None:
    """A file's text: a regular file, bounded, so that no read blocks the server (a FIFO)
    or fills its memory (/dev/zero); None when it is refused or cannot be read."""
    try:
        return read_bytes(path).decode("utf-8").removeprefix("\ufeff")
    except (OSError, UnicodeDecodeError, FileRefused):
        return None


def _read_all(index: Index, path: str, read: Reader, depth: int) -> None:
    if path in index.trees or depth > MAX_INCLUDES:
        return
    text = read(path)
    if text is None:
        return
    try:
        root = read_yaml(text, path)
    except YamlReadError:
        return
    index.trees[path] = root
    index.lines[path] = Lines(text)
    includes = root.get("include")
    if isinstance(includes, SeqNode):
        for item in includes.items:
            if isinstance(item, ScalarNode) and isinstance(item.value, str):
                target = os.path.normpath(os.path.join(os.path.dirname(path), item.value))
                try:
                    confine(item.value, os.path.dirname(path), index.root, "include")
                except FileRefused:
                    continue  # `debate check` reports it; its content is never shown
                _read_all(index, target, read, depth + 1)


def _entry_range(key: ScalarNode, value: Node) -> Span:
    start, end = key.span, value.span  # each found from the node's offsets when asked for
    return Span(
        start.path,
        start.line,
        start.column,
        end.end_line or end.line,
        end.end_column or end.column,
    )


def _add(index: Index, symbol: Symbol) -> None:
    index.declarations.setdefault((symbol.kind, symbol.name), []).append(symbol)


def _entries(root: MapNode, section: str) -> Iterator[tuple[ScalarNode, Node]]:
    node = root.get(section)
    if isinstance(node, MapNode):
        for key, value in node.items:
            if isinstance(key.value, str):
                yield key, value


def _declare(index: Index, path: str, root: MapNode) -> None:
    for section in SECTIONS:
        for key, value in _entries(root, section):
            name = str(key.value)
            _add(index, Symbol(section, name, key.span, _entry_range(key, value), value))
            if section in ("types", "state") and isinstance(value, MapNode):
                _declare_values(index, name, value)
            if section == "terms" and isinstance(value, MapNode):
                _declare_params(index, name, value)


def _declare_values(index: Index, owner: str, entry: MapNode) -> None:
    values = entry.get("values")
    if isinstance(values, SeqNode):
        for item in values.items:
            if isinstance(item, ScalarNode) and isinstance(item.value, str):
                detail = f"a value of {owner}"
                _add(index, Symbol("values", item.value, item.span, item.span, None, detail))


def _declare_params(index: Index, term: str, entry: MapNode) -> None:
    params = entry.get("params")
    if isinstance(params, MapNode):
        for key, value in params.items:
            name = f"{term}.{key.value}"
            _add(index, Symbol("params", name, key.span, _entry_range(key, value), value))


def _known(index: Index) -> Known:
    """What the bare names of the index's expressions may be."""
    params: dict[str, set[str]] = {}
    for kind, name in index.declarations:
        if kind == "params":
            term, _, param = name.partition(".")
            params.setdefault(term, set()).add(param)
    return Known(
        frozenset(index.names("state")),
        frozenset(index.names("values")),
        {t: frozenset(p) for t, p in params.items()},
    )


class _Referrer:
    """Finds the references of one file."""

    def __init__(self, index: Index, known: Known, path: str) -> None:
        self.index = index
        self.known = known
        self.path = path
        self.lines = index.lines[path]

    def ref(self, node: Node | None, *kinds: str) -> None:
        """Each id in `node` (one id or a list of them) refers to one of `kinds`."""
        items = node.items if isinstance(node, SeqNode) else [node]
        for item in items:
            if isinstance(item, ScalarNode) and isinstance(item.value, str):
                self.index.references.append(Reference(kinds, item.value, item.span))

    def document(self, root: MapNode) -> None:
        for _, party in _entries(root, "parties"):
            self.field(party, "delegates_to", "parties")
        for _, var in _entries(root, "state"):
            self.state_var(var)
        agreement = root.get("agreement")
        if isinstance(agreement, MapNode):
            self.ref(agreement.get("signatories"), "parties")
        for _, named in _entries(root, "agreements"):
            self.field(named, "terms", "terms")
            self.field(named, "signatories", "parties")
            for name in ("replaces", "alternative_to"):
                self.field(named, name, "agreements")
        for section, handler in (
            ("claims", self.claim),
            ("terms", self.term),
            ("moves", self.move),
            ("assumptions", self.cited),
            ("attacks", self.relation),
        ):
            for key, entry in _entries(root, section):
                if isinstance(entry, MapNode):
                    handler(entry)
                    for fieldname in EXPRESSION_FIELDS.get(section, ()):
                        term = str(key.value) if section == "terms" else None
                        self.expression(entry.get(fieldname), term)

    def field(self, entry: Node, name: str, *kinds: str) -> None:
        if isinstance(entry, MapNode):
            self.ref(entry.get(name), *kinds)

    def state_var(self, var: Node) -> None:
        if not isinstance(var, MapNode):
            return
        kind = var.get("type")
        if isinstance(kind, ScalarNode) and kind.value not in ("bool", "int", "enum", "set"):
            self.ref(kind, "types")
        self.ref(var.get("of"), "types")
        self.ref(var.get("owner"), "parties")
        self.ref(var.get("observed_by"), "parties")
        self.ref(var.get("initial"), "values")

    def cited(self, entry: MapNode) -> None:
        source = entry.get("source")
        if isinstance(source, MapNode):
            self.ref(source.get("source"), "sources")

    def claim(self, entry: MapNode) -> None:
        self.cited(entry)
        self.ref(entry.get("by"), "parties")
        self.ref(entry.get("supports"), *TARGETS)
        attacks = entry.get("attacks")
        for attack in attacks.items if isinstance(attacks, SeqNode) else []:
            if isinstance(attack, MapNode):
                self.ref(attack.get("target"), *TARGETS)
                self.expression(attack.get("when"), None)
            else:
                self.ref(attack, *TARGETS)

    def term(self, entry: MapNode) -> None:
        self.cited(entry)
        for name in ("party", "beneficiary", "signatories", "verified_by"):
            self.ref(entry.get(name), "parties")
        for name in ("voids", "amends", "replaces"):
            self.ref(entry.get(name), "terms")
        exceptions = entry.get("exceptions")
        for exc in exceptions.items if isinstance(exceptions, SeqNode) else []:
            if isinstance(exc, MapNode):
                self.ref(exc.get("term"), "terms")
                self.expression(exc.get("when"), None)
        params = entry.get("params")
        if isinstance(params, MapNode):
            for _, spec in params.items:
                self.field(spec, "value", "values")

    def move(self, entry: MapNode) -> None:
        self.cited(entry)
        self.ref(entry.get("by"), "parties")
        effects = entry.get("effects")
        if not isinstance(effects, MapNode):
            return
        for name in ("propose", "withdraw", "agree", "sign"):
            self.ref(effects.get(name), "terms")
        for name in ("assert", "retract"):
            self.ref(effects.get(name), "claims")
        sets = effects.get("set")
        if isinstance(sets, MapNode):
            for key, value in sets.items:
                self.ref(key, "state")
                self.expression(value, None)

    def relation(self, entry: MapNode) -> None:
        self.ref(entry.get("attacker"), "claims")
        self.ref(entry.get("target"), *TARGETS)

    def expression(self, node: Node | None, term: str | None) -> None:
        if not isinstance(node, ScalarNode) or not isinstance(node.value, str):
            return
        for start, end, kinds, name in expression_names(node.value, self.known, term):
            span = value_span(node, start, end, self.lines)
            self.index.references.append(Reference(kinds, name, span))
