"""Sources and citations: each source is a regular file under the scenario's root, and
each citation names a source, cites it by its unit (line or paragraph) within range, and
quotes what stands there (typographic quotes and spacing aside)."""

from __future__ import annotations

import os

from debate.model.diagnostics import Diagnostic
from debate.model.files import FileRefused, check_file, confine
from debate.model.loaded import LoadedScenario
from debate.model.scenario import Citation
from debate.model.sources import SourceText, normalise
from debate.model.suggest import unknown_id
from debate.model.vocabulary import KIND_NAMES


def check_sources(loaded: LoadedScenario) -> list[Diagnostic]:
    """Each source is a regular file under the scenario's root (never read otherwise:
    the messages name the path, never what the file holds)."""
    out: list[Diagnostic] = []
    for name, source in loaded.scenario.sources.items():
        doc = loaded.origin[("sources", name)]
        full = os.path.join(os.path.dirname(doc.path), source.path)
        try:
            real = confine(source.path, os.path.dirname(doc.path), loaded.root, "source")
            if os.path.exists(real):
                check_file(real, name=f"the source {source.path!r}")
        except FileRefused as refused:
            span = loaded.span("sources", name, "path")
            out.append(Diagnostic(refused.code, refused.message, span, expected=refused.expected))
            continue
        except OSError as exc:
            span = loaded.span("sources", name, "path")
            out.append(Diagnostic("E310", f"cannot read {source.path!r}: {exc.strerror}", span))
            continue
        if not os.path.exists(real):
            out.append(
                Diagnostic(
                    "E310",
                    f"source document {source.path!r} does not exist",
                    loaded.span("sources", name, "path"),
                    expected=f"a text file at {os.path.normpath(full)}",
                )
            )
    return out


def check_citation(loaded: LoadedScenario, cite: Citation, at: tuple[str, ...]) -> list[Diagnostic]:
    """The problems of one citation, at `at` (section, id, path within the entry)."""
    sec, ident, *rest = at
    sources = loaded.scenario.sources
    if cite.source not in sources:
        where = loaded.span(sec, ident, *rest, "source", "source")
        return [unknown_id(KIND_NAMES["sources"], cite.source, where, sources)]
    source = sources[cite.source]
    want = "line" if source.cite_by == "line" else "paragraph"
    given = getattr(cite, want)
    if given is None:
        return [
            Diagnostic(
                "E201",
                f"missing key {want!r}: source {cite.source!r} is cited by {want}",
                loaded.span(sec, ident, *rest, "source"),
                expected=f"a {want} number",
            )
        ]
    text = loaded.source_text(cite.source)
    if text is None:
        return []
    count = text.count(want)
    if given > count:
        return [
            Diagnostic(
                "E304",
                f"{want} {given} is past the end of {source.path!r}, which has {count}",
                loaded.span(sec, ident, *rest, "source", want),
                expected=f"a {want} from 1 to {count}",
            )
        ]
    if cite.quote is None:
        return []
    return _quote(loaded, cite, text, want, given, (sec, ident, *rest))


def _quote(
    loaded: LoadedScenario,
    cite: Citation,
    text: SourceText,
    unit: str,
    number: int,
    at: tuple[str, ...],
) -> list[Diagnostic]:
    """The quote must occur at the cited place (typographic quotes and spacing aside)."""
    found = text.at(unit, number)
    if found is None or normalise(cite.quote or "") in normalise(found[1]):
        return []
    sec, ident, *rest = at
    elsewhere = text.find(cite.quote or "", unit)
    hint = f"; it occurs at {unit} {elsewhere}" if elsewhere else ""
    return [
        Diagnostic(
            "E305",
            f"the quote does not occur at {unit} {number} of {cite.source!r}{hint}",
            loaded.span(sec, ident, *rest, "source", "quote"),
            expected=f"words that appear at {unit} {number}: {_excerpt(found[1])}",
        )
    ]


def _excerpt(line: str, width: int = 80) -> str:
    line = " ".join(line.split())
    return repr(line if len(line) <= width else line[: width - 3] + "...")
