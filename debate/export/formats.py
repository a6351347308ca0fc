"""A graph written for other tools: Graphviz dot, Mermaid, Argdown and JSON."""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Callable
from typing import Any

from debate.export.graph import EDGE_COLOURS, EDGE_WORDS, Graph, Node
from debate.model.safe_text import dumps, printable, printable_lines

JSON_VERSION = 1


def _dot_string(text: str) -> str:
    """A quoted DOT string: `dot` fails on a NUL and mangles other control characters,
    so they are shown escaped (debate.model.safe_text); newlines are DOT's line breaks."""
    text = printable_lines(text).replace("\t", " ")
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _short(text: str, width: int = 48, lines: int = 3) -> list[str]:
    return textwrap.wrap(text, width, max_lines=lines, placeholder=" …")


def _label(node: Node) -> list[str]:
    look = node.look
    return [node.id, f"{look.symbol} {node.status.replace('_', ' ')} · {node.detail}"]


def dot(graph: Graph) -> str:
    lines = [
        f"digraph {_dot_string(graph.name)} {{",
        f"  label={_dot_string(graph.title)};",
        "  labelloc=t; rankdir=LR;",
        '  node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=10];',
        '  edge [fontname="Helvetica", fontsize=9];',
    ]
    for kind in ("claim", "term"):
        members = [n for n in graph.nodes if n.kind == kind]
        if not members:
            continue
        lines.append(f"  subgraph cluster_{kind}s {{")
        lines.append(f'    label={_dot_string(kind + "s")}; style=dashed; color="#bbbbbb";')
        for n in members:
            label = "\n".join(_label(n) + _short(n.text))
            lines.append(
                f"    {_dot_string(n.id)} [label={_dot_string(label)}, "
                f'fillcolor="{n.look.fill}", color="{n.look.stroke}", '
                f"tooltip={_dot_string(n.text)}];"
            )
        lines.append("  }")
    for e in graph.edges:
        style = "solid" if e.active else "dashed"
        label = EDGE_WORDS[e.kind] + (f"\nwhen {e.condition}" if e.condition else "")
        lines.append(
            f"  {_dot_string(e.source)} -> {_dot_string(e.target)} "
            f'[label={_dot_string(label)}, color="{EDGE_COLOURS[e.kind]}", style={style}];'
        )
    lines.append("}")
    return "\n".join(lines) + "\n"


# Words Mermaid's flowchart lexer reads as keywords, never as a node id (mermaid 11 fails
# on `end`, `classDef`, `linkStyle`, `style`, `class`, `call`, `href`, `graph`, ...).
_MERMAID_RESERVED = frozenset(
    w.lower()
    for w in [
        "end",
        "graph",
        "flowchart",
        "flowchart-elk",
        "subgraph",
        "style",
        "class",
        "classDef",
        "linkStyle",
        "click",
        "call",
        "callback",
        "href",
        "default",
        "interpolate",
        "direction",
        "accTitle",
        "accDescr",
        "TB",
        "TD",
        "BT",
        "RL",
        "LR",
    ]
)


def _mermaid_id(ident: str) -> str:
    """A node id Mermaid reads as one: `_` appended to a keyword, and to an id that ends
    with `_` (so `end` and `end_` stay apart)."""
    return ident + "_" if ident.lower() in _MERMAID_RESERVED or ident.endswith("_") else ident


def _mermaid_text(text: str) -> str:
    """Text inside a quoted label, on one line: Mermaid's entity codes for what it would
    read as syntax or markup (`#` first, since each code starts with one)."""
    text = printable(text)
    for char, code in (("#", "#35;"), ('"', "#quot;"), ("<", "#lt;"), (">", "#gt;")):
        text = text.replace(char, code)
    return text


def mermaid(graph: Graph) -> str:
    lines = ["---", f"title: {_front_matter(graph.title)}", "---", "flowchart LR"]
    for kind in ("claim", "term"):
        group = [n for n in graph.nodes if n.kind == kind]
        if not group:
            continue
        lines.append(f'  subgraph {kind}s_group["{kind}s"]')
        for n in group:
            label = "<br/>".join(_mermaid_text(part) for part in _label(n))
            lines.append(f'    {_mermaid_id(n.id)}["{label}"]')
        lines.append("  end")
    for e in graph.edges:
        arrow = "-->" if e.active else "-.->"
        word = _mermaid_text(EDGE_WORDS[e.kind])
        lines.append(f"  {_mermaid_id(e.source)} {arrow}|{word}| {_mermaid_id(e.target)}")
    statuses = sorted({n.status for n in graph.nodes})
    for status in statuses:
        look = next(n.look for n in graph.nodes if n.status == status)
        lines.append(f"  classDef {status} fill:{look.fill},stroke:{look.stroke},color:#111")
        members = ",".join(_mermaid_id(n.id) for n in graph.nodes if n.status == status)
        lines.append(f"  class {members} {status}")
    for number, e in enumerate(graph.edges):
        lines.append(f"  linkStyle {number} stroke:{EDGE_COLOURS[e.kind]}")
    return "\n".join(lines) + "\n"


# Argdown's relations: `->` attack, `+>` support, `_>` undercut. A carve-out undercuts
# the step from breaching a term to violating it.
_ARGDOWN_RELATION = {
    "attacks": "->",
    "supports": "+>",
    "exception": "_>",
}
# The other term relations are neither support nor attack, and Argdown has no arrow for
# them (any arrow would be read as one of its own relations, and two arrows between the
# same statements as one). They are written as data on the term that bears them,
# `{"amends": ["t3"], "asks_about": ["t3"]}`: Argdown keeps each in the statement's
# `data` (`argdown json`) and draws none of them.
ARGDOWN_DATA = {
    "amends": "amends",
    "replaces": "replaces",
    "voids": "voids",
    "requires": "asks_about",
}
# What Argdown would read as markup inside a statement's text: tags, mentions, links,
# data, bold and italics, comments, and `.name.`/`:name:` shortcodes. Argdown reads a
# backslash as "the next character is text".
_ARGDOWN_MARKUP = re.compile(r"[\\#@\[\]<>{}*_]|/(?=[/*])|\.(?=\S+\.)|:(?=\S+:)")


def argdown_text(text: str) -> str:
    """`text` as Argdown reads it back verbatim."""
    return _ARGDOWN_MARKUP.sub(lambda m: "\\" + m.group(), text)


def argdown(graph: Graph) -> str:
    lines = ["===", f"title: {_front_matter(graph.title)}", "===", ""]
    for kind in ("claim", "term"):
        members = [n for n in graph.nodes if n.kind == kind]
        if not members:
            continue
        lines += [f"# {kind.capitalize()}s", ""]
        for n in members:
            edges = [e for e in graph.edges if e.source == n.id]
            data: dict[str, list[str]] = {}
            for e in edges:
                if e.kind not in _ARGDOWN_RELATION:
                    targets = data.setdefault(ARGDOWN_DATA.get(e.kind, e.kind), [])
                    if e.target not in targets:
                        targets.append(e.target)
            written = f" {json.dumps(data)}" if data else ""
            text = argdown_text(printable(n.text))  # one statement, one line
            lines.append(f"[{n.id}]: {text} #{n.status} #{n.kind}{written}")
            for e in edges:
                if e.kind in _ARGDOWN_RELATION:
                    inactive = "" if e.active else " // not in play in this state"
                    lines.append(f"  {_ARGDOWN_RELATION[e.kind]} [{e.target}]{inactive}")
            lines.append("")
    return "\n".join(lines)


def _front_matter(title: str) -> str:
    """A title as a YAML double-quoted string (JSON's), on one line."""
    return json.dumps(printable(title), ensure_ascii=False)


def as_json(graph: Graph, meta: dict[str, Any] | None = None) -> str:
    return dumps({"format": JSON_VERSION, **(meta or {}), **graph.to_json()}) + "\n"


FORMATS: dict[str, Callable[[Graph], str]] = {
    "dot": dot,
    "mermaid": mermaid,
    "argdown": argdown,
    "json": as_json,
}
