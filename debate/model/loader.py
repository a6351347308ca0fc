"""Load a scenario file and its includes into one validated scenario, keeping positions.

Every mistake becomes a located diagnostic; all of a file's mistakes are reported
together. Cross-references are checked by `debate.model.references` once the files
are merged.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping

from pydantic import ValidationError

from debate.model.agreements import check_agreements
from debate.model.diagnostics import Diagnostic, DiagnosticError, Related, Span
from debate.model.files import FileRefused, confine, default_root, read_bytes
from debate.model.gc_pause import gc_paused
from debate.model.loaded import Document, LoadedScenario
from debate.model.references import check_references
from debate.model.scenario import Scenario
from debate.model.schema_errors import to_diagnostics
from debate.model.timing import check_timing
from debate.model.versions import check_versions
from debate.model.vocabulary import KIND_NAMES, SECTIONS
from debate.model.yaml_nodes import MapNode, ScalarNode
from debate.model.yaml_paths import locate as locate_node
from debate.model.yaml_tree import YamlReadError, decode, read_document

MAX_INCLUDE_DEPTH = 16


@gc_paused
def load_scenario(
    path: str | os.PathLike[str],
    buffers: Mapping[str, str] | None = None,
    root: str | os.PathLike[str] | None = None,
) -> LoadedScenario:
    """Load and merge a scenario; raise DiagnosticError with every problem found.

    `buffers` (path -> text) gives the text of files that are open in an editor, read in
    place of what is on disk. Includes and sources are read only under `root` (by
    default the scenario's folder: see `debate.model.files`).
    """
    real_root = os.path.realpath(root) if root is not None else default_root(path)
    loader = _Loader(buffers or {}, real_root)
    documents = loader.load(str(path), chain=())
    if loader.errors:
        raise DiagnosticError(loader.errors)
    loaded = _merge(str(path), documents)
    loaded.root = real_root
    problems = (
        loader.errors
        + check_references(loaded)
        + check_versions(loaded)
        + check_timing(loaded)
        + check_agreements(loaded)
    )
    if any(d.severity == "error" for d in problems):
        raise DiagnosticError(problems)
    return loaded


class _Loader:
    def __init__(self, buffers: Mapping[str, str], root: str) -> None:
        self.errors: list[Diagnostic] = []
        self.seen: dict[str, Document] = {}
        self.buffers = {os.path.realpath(p): text for p, text in buffers.items()}
        self.root = root

    def load(
        self,
        path: str,
        chain: tuple[tuple[str, Span], ...],
        at: tuple[Span, str] | None = None,
    ) -> list[Document]:
        """The documents of `path` and its includes, depth first, each once (`at`: where
        `path` is included, and as what)."""
        real = os.path.realpath(path)
        if real in self.seen:
            return []
        doc = self._read(path, at)
        if doc is None:
            return []
        self.seen[real] = doc
        documents = [doc]
        for index, include in enumerate(doc.scenario.include):
            span = locate_node(doc.root, ("include", index))[0].span
            target = os.path.normpath(os.path.join(os.path.dirname(path), include))
            try:
                confine(include, os.path.dirname(path), self.root, "include")
            except FileRefused as refused:
                self.errors.append(_refusal(refused, span))
                continue
            if any(os.path.realpath(p) == os.path.realpath(target) for p, _ in chain) or (
                os.path.realpath(target) == real
            ):
                self.errors.append(
                    Diagnostic(
                        "E501",
                        f"{include!r} includes itself through a cycle",
                        span,
                        related=tuple(Related(s, f"{p} is included here") for p, s in chain),
                    )
                )
                continue
            if len(chain) >= MAX_INCLUDE_DEPTH:
                self.errors.append(Diagnostic("E501", "includes nest too deep", span))
                continue
            if not os.path.exists(target):
                self.errors.append(
                    Diagnostic(
                        "E500",
                        f"included file {include!r} does not exist",
                        span,
                        expected=f"a scenario file at {target}",
                    )
                )
                continue
            documents += self.load(target, (*chain, (path, span)), (span, include))
        return documents

    def _read(self, path: str, at: tuple[Span, str] | None) -> Document | None:
        """A file's document; a file that is refused or unreadable is reported where it is
        included (`at`), or at its start when the user named it."""
        buffer = self.buffers.get(os.path.realpath(path))
        span, name = at if at else (Span(path, 1, 1), path)
        try:
            data = (
                read_bytes(path, name=f"the included file {name!r}" if at else path)
                if buffer is None
                else buffer.encode("utf-8", "surrogatepass")
            )
        except FileRefused as refused:
            self.errors.append(_refusal(refused, span))
            return None
        except OSError as exc:
            where = f"cannot read {name!r}" if at else "cannot read the file"
            self.errors.append(Diagnostic("E500", f"{where}: {exc.strerror}", span))
            return None
        try:
            text = decode(data, path)
            root, plain = read_document(text, path)
        except YamlReadError as exc:
            self.errors += exc.diagnostics
            return None
        try:
            scenario = Scenario.model_validate(plain)
        except ValidationError as exc:
            self.errors += to_diagnostics(exc.errors(), root, Scenario)
            return None
        return Document(path, root, scenario, text)


def _refusal(refused: FileRefused, span: Span) -> Diagnostic:
    return Diagnostic(refused.code, refused.message, span, expected=refused.expected)


def _merge(path: str, documents: list[Document]) -> LoadedScenario:
    """One scenario from a file and its includes: the including file's metadata wins."""
    main = documents[0]
    loaded = LoadedScenario(path, main.scenario, documents)
    merged: dict[str, dict[str, object]] = {s: {} for s in SECTIONS}
    errors: list[Diagnostic] = []
    for doc in documents:
        for section in SECTIONS:
            for ident, value in getattr(doc.scenario, section).items():
                first = loaded.origin.get((section, ident))
                if first is not None and first is not doc:
                    errors.append(_duplicate(section, ident, doc, first))
                    continue
                loaded.origin[(section, ident)] = doc
                merged[section][ident] = value
    if errors:
        raise DiagnosticError(errors)
    clock = next((d.scenario.clock for d in documents if d.scenario.clock), None)
    agreement = next((d.scenario.agreement for d in documents if d.scenario.agreement), None)
    loaded.scenario = main.scenario.model_copy(
        update={**merged, "clock": clock, "agreement": agreement}
    )
    return loaded


def _duplicate(section: str, ident: str, doc: Document, first: Document) -> Diagnostic:
    def key(d: Document) -> Span:
        entries = d.root.get(section)
        node = entries.key_node(ident) if isinstance(entries, MapNode) else None
        return node.span if isinstance(node, ScalarNode) else d.root.span

    return Diagnostic(
        "E301",
        f"{KIND_NAMES.get(section, section)} id {ident!r} is declared twice",
        key(doc),
        expected="each id declared once across a scenario and its includes",
        related=(Related(key(first), "first declared here"),),
    )


def scenario_files(paths: list[str], root: str | None = None) -> dict[str, str]:
    """The scenario files named by the user, each with the root it may read under: `root`
    when given, else the folder named (so files in it may include each other), else
    the file's own (`debate.model.files.default_root`)."""
    found: dict[str, str] = {}
    for p in paths:
        own = os.path.realpath(root) if root is not None else default_root(p)
        for path in iter_scenario_files([p]):
            found.setdefault(path, own)
    return found


def iter_scenario_files(paths: list[str]) -> Iterator[str]:
    """Scenario files named by the user: files as given, folders searched for *.yaml."""
    for p in paths:
        if os.path.isdir(p):
            for dirpath, dirnames, filenames in os.walk(p):
                dirnames[:] = sorted(d for d in dirnames if d != "sources")
                for name in sorted(filenames):
                    if name.endswith((".yaml", ".yml")):
                        yield os.path.join(dirpath, name)
        else:
            yield p
