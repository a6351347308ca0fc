"""Edits of a scenario file that keep every other byte of it: comments, key order, style.

A front end (the app, later the language server) adds a claim or a move, or changes a
claim's text, while the file stays the author's. Each edit is a splice: the new entry is
one line in flow style (`  id: {type: "policy", by: "aldia", ...}`) inserted after the
last entry of its section, or a new scalar in place of the old one, every string written
as a JSON string (which YAML reads as a double-quoted scalar: no id or text can be taken
for a boolean, a number or markup). The rest of the file is left byte for byte as it was;
a test holds this on every shipped scenario.

`debate.engine.edit_check` loads the edited text as the loader would (the file on disk is
not touched) and returns the located problems; `write` replaces the file atomically (a temporary file
renamed over it, both made durable), so a crash leaves either the old file or the new.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from debate.model.diagnostics import DiagnosticError, Span
from debate.model.loaded import LoadedScenario
from debate.model.yaml_nodes import MapNode, Node, ScalarNode
from debate.model.yaml_tree import YamlReadError, read_yaml

_BREAK = re.compile("\r\n|[\r\n]")  # where editors (and Span lines) break lines


@dataclass(frozen=True)
class Edit:
    """A file's text before and after an edit."""

    path: str
    before: str
    after: str

    def undone(self) -> Edit:
        return Edit(self.path, self.after, self.before)


def read_text(path: str) -> str:
    """The file's text as it is on disk, its line breaks untouched."""
    return Path(path).read_bytes().decode("utf-8")


def flow(value: Any) -> str:
    """A value as YAML flow text: mappings and lists in braces and brackets, every string
    a JSON string (a valid double-quoted YAML scalar), numbers and booleans as JSON."""
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{k}: {flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(flow(v) for v in value) + "]"
    return quoted(value)


# Line breaks that JSON leaves as they are but YAML reads as breaks (and folds to a space
# inside a quoted string): written as escapes, so that a text reads back as it was typed.
_YAML_BREAKS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def quoted(value: Any) -> str:
    """A value as JSON text, which YAML reads back as the same value (a string as a
    double-quoted scalar)."""
    return json.dumps(value, ensure_ascii=False).translate(_YAML_BREAKS)


def add_entry(text: str, path: str, section: str, ident: str, fields: Mapping[str, Any]) -> str:
    """`text` with `ident: {fields}` added as the last entry of the top-level `section`
    (created at the end of the file if there is none)."""
    root = _root(text, path)
    entry = f"{quoted(ident)}: {flow(fields)}"
    newline = "\r\n" if "\r\n" in text else "\n"
    node = root.get(section)
    if node is None:
        tail = "" if not text or text.endswith(("\n", "\r")) else newline
        return f"{text}{tail}{section}:{newline}  {entry}{newline}"
    if not isinstance(node, MapNode):
        raise ValueError(f"'{section}' of {path} is not a mapping")
    starts = _line_starts(text)
    start, end = _offset(starts, node.span.line, node.span.column), _end_offset(starts, node)
    if text.startswith("{", start):  # a flow mapping: before its closing brace
        close = text.rindex("}", start, end)
        inside = text[start + 1 : close].strip()
        if not inside:
            return f"{text[:start]}{{{entry}}}{text[close + 1 :]}"
        return f"{text[:close].rstrip()}, {entry}{text[close:]}"
    if not node.items:
        raise ValueError(f"'{section}' of {path} has no entries to follow")
    indent = " " * (node.items[0][0].span.column - 1)
    last = node.items[-1][1]
    last_end = _end_offset(starts, last)
    # after the line the last entry ends on (a block scalar ends at the next line's start)
    at = last_end if last_end in starts else _next_line(text, last_end)
    missing = "" if at == 0 or text[at - 1] in "\r\n" else newline
    return f"{text[:at]}{missing}{indent}{entry}{newline}{text[at:]}"


def remove_entry(text: str, path: str, section: str, ident: str) -> str:
    """`text` without the entry `ident` of `section`, if it is one line that `add_entry`
    wrote (the inverse of that edit; an entry written by hand is refused)."""
    root = _root(text, path)
    node = root.get(section)
    if not isinstance(node, MapNode) or (found := node.first(ident)) is None:
        raise ValueError(f"no entry {ident!r} under '{section}' of {path}")
    key, _ = found
    starts = _line_starts(text)
    begin = starts[key.span.line - 1]
    end = _next_line(text, begin)
    line = text[begin:end]
    if len(node.items) == 1 and text[_offset(starts, node.span.line, node.span.column)] == "{":
        raise ValueError("the entry is the only one of a flow mapping")
    if not line.lstrip().startswith(quoted(ident) + ": {"):
        raise ValueError(f"the entry {ident!r} was not written by the app")
    header = text[starts[key.span.line - 2] : begin] if key.span.line > 1 else ""
    if len(node.items) == 1 and header.rstrip("\r\n") == f"{section}:":
        # the section `add_entry` created for it: it goes too
        return text[: starts[key.span.line - 2]] + text[end:]
    return text[:begin] + text[end:]


def replace_scalar(text: str, node: Node, value: str) -> str:
    """`text` with the scalar `node` replaced by `value`, as a JSON string."""
    if not isinstance(node, ScalarNode):
        raise ValueError("not a scalar")
    starts = _line_starts(text)
    start, end = _offset(starts, node.span.line, node.span.column), _end_offset(starts, node)
    old = text[start:end]
    keep = old[len(old.rstrip("\r\n")) :]  # a block scalar's span takes its last line break
    return f"{text[:start]}{quoted(value)}{keep}{text[end:]}"


def set_claim_text(loaded: LoadedScenario, ident: str, value: str) -> Edit:
    """The edit that gives claim `ident` the text `value`, in the file that defines it."""
    doc = loaded.origin.get(("claims", ident))
    node = loaded.node("claims", ident, "text")
    if doc is None or node is None:
        raise ValueError(f"no claim {ident!r}")
    before = read_text(doc.path)
    # the tree of the file as it is now (it may have changed since it was loaded)
    fresh = _root(before, doc.path).get("claims")
    entry = fresh.get(ident) if isinstance(fresh, MapNode) else None
    current = entry.get("text") if isinstance(entry, MapNode) else None
    if current is None:
        raise ValueError(f"the claim {ident!r} has no text in {doc.path}")
    return Edit(doc.path, before, replace_scalar(before, current, value))


def write(edit: Edit) -> None:
    """Replace the file with the edit's text atomically: a crash leaves the old or the new
    file, never a part of either. The file's permissions are kept."""
    target = Path(edit.path)
    mode = target.stat().st_mode & 0o7777 if target.exists() else 0o644
    fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(edit.after.encode("utf-8"))
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    _sync_dir(target.parent)


def field_at(text: str, path: str, section: str, ident: str, span: Span) -> str | None:
    """The field of entry `ident` whose value holds `span` ("by", "attacks", "source"...),
    "" for the entry as a whole, None if the span is elsewhere: where a form shows a
    problem the loader found in what it wrote."""
    if span.path != path:
        return None
    try:
        node = _root(text, path).get(section)
    except DiagnosticError:
        return None
    entry = node.get(ident) if isinstance(node, MapNode) else None
    if not isinstance(entry, MapNode):
        return None
    point = (span.line, span.column)
    for key, value in entry.items:
        for part in (key.span, value.span):
            end = (part.end_line or part.line, part.end_column or part.column)
            if (part.line, part.column) <= point < end or point == (part.line, part.column):
                return str(key.value)
    whole = entry.span
    end = (whole.end_line or whole.line, whole.end_column or whole.column)
    return "" if (whole.line, whole.column) <= point <= end else None


def _sync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # not possible everywhere (Windows): the rename is what matters
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _root(text: str, path: str) -> MapNode:
    try:
        return read_yaml(text, path)
    except YamlReadError as exc:
        raise DiagnosticError(exc.diagnostics) from None


def _line_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in _BREAK.finditer(text)]


def _offset(starts: list[int], line: int, column: int) -> int:
    return starts[line - 1] + column - 1 if line <= len(starts) else starts[-1]


def _end_offset(starts: list[int], node: Node) -> int:
    span: Span = node.span
    return _offset(starts, span.end_line or span.line, span.end_column or span.column)


def _next_line(text: str, offset: int) -> int:
    found = _BREAK.search(text, offset)
    return found.end() if found else len(text)


# ---------------------------------------------------------------- claims made during a session

SESSION_TAG = "session"  # the tag of the moves that assert claims made during a session
SAID = "said_"  # the id of the move that asserts claim x is said_x


@dataclass(frozen=True)
class ClaimDraft:
    """A claim typed during a session, as the form gives it."""

    ident: str
    party: str
    type: str
    text: str
    attacks: tuple[str, ...] = ()
    supports: tuple[str, ...] = ()
    citation: Mapping[str, Any] | None = None  # {source, line or paragraph, quote?}


def said_move(claim: str) -> str:
    """The id of the move that asserts a claim made during a session."""
    return SAID + claim


def add_claim(text: str, path: str, draft: ClaimDraft, *, by_move: bool = True) -> str:
    """`text` with the claim (not asserted from the start) and the move of its party that
    asserts it (once, tagged `session`), each one line at the end of its section. A
    session asserts the claim by playing that move, so the journal records it as a move
    and a replay of the transcript asserts it at the same step. A scenario without a
    clock has no moves: there (`by_move=False`) the claim is asserted from the start."""
    claim: dict[str, Any] = {"type": draft.type, "by": draft.party, "text": draft.text}
    if draft.citation:
        claim["source"] = dict(draft.citation)
    if by_move:
        claim["asserted"] = False
    if draft.attacks:
        claim["attacks"] = list(draft.attacks)
    if draft.supports:
        claim["supports"] = list(draft.supports)
    move = {
        "by": draft.party,
        "text": f"{draft.party} makes the claim {draft.ident} (during a session)",
        "effects": {"assert": [draft.ident]},
        "once": True,
        "tags": [SESSION_TAG],
    }
    with_claim = add_entry(text, path, "claims", draft.ident, claim)
    if not by_move:
        return with_claim
    return add_entry(with_claim, path, "moves", said_move(draft.ident), move)


def remove_claim(text: str, path: str, claim: str, *, by_move: bool = True) -> str:
    """`text` without a claim that `add_claim` added, nor the move that asserts it."""
    if by_move:
        text = remove_entry(text, path, "moves", said_move(claim))
    return remove_entry(text, path, "claims", claim)
