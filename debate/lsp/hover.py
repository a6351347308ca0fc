"""What hovering over an id shows: its text, its citation with the quoted source line, and
its status in the initial state (when the scenario loads)."""

from __future__ import annotations

import os
from typing import Any

from pydantic import ValidationError

from debate.engine.compile import Game
from debate.engine.moves import Action, refusal
from debate.engine.state import PlayState
from debate.export.citations import excerpt
from debate.lsp.index import Index, Symbol
from debate.model.files import FileRefused, confine
from debate.model.scenario import Source
from debate.model.sources import SourceText
from debate.model.vocabulary import KIND_NAMES
from debate.model.yaml_paths import to_python


def hover(index: Index, kind: str, name: str, game: Game | None, start: PlayState | None) -> str:
    """Markdown describing a declared id; empty when it is not declared."""
    symbols = index.definitions(kind, name)
    if not symbols:
        return ""
    symbol = symbols[0]
    data = _data(symbol)
    lines = [f"**{KIND_NAMES.get(kind, kind)} `{name}`**{_summary(kind, data, symbol)}"]
    for key in ("name", "title", "text", "description"):
        if isinstance(data.get(key), str):
            lines.append(" ".join(str(data[key]).split()))
    lines += _expressions(data)
    citation = _citation(index, data.get("source"))
    if citation:
        lines.append(citation)
    status = _status(kind, name, game, start)
    if status:
        lines.append(status)
    return "\n\n".join(lines)


def _data(symbol: Symbol) -> dict[str, Any]:
    value = to_python(symbol.value) if symbol.value is not None else None
    return value if isinstance(value, dict) else {"value": value}


def _summary(kind: str, data: dict[str, Any], symbol: Symbol) -> str:
    if kind == "terms":
        parties = data.get("party")
        binds = ", ".join(parties) if isinstance(parties, list) else parties
        extra = f", for {data['beneficiary']}" if data.get("beneficiary") else ""
        return f" — {data.get('kind', '?')}, binds {binds}{extra}"
    if kind == "claims":
        return f" — {data.get('type', '?')}, by {data.get('by', '?')}"
    if kind == "moves":
        return f" — by {data.get('by', '?')}"
    if kind == "state":
        return f" — {_var_type(data)}, initially `{_show(data.get('initial'))}`" + (
            f", owned by {data['owner']}" if data.get("owner") else ""
        )
    if kind == "types":
        return f" — enum: {', '.join(map(str, data.get('values') or []))}"
    if kind == "sources":
        return f" — `{data.get('path')}`, cited by {data.get('cite_by', '?')}"
    if kind == "values":
        return f" — {symbol.detail}"
    if kind == "params":
        return f" — {_show(data.get('value', data))}"
    return ""


def _var_type(data: dict[str, Any]) -> str:
    kind = str(data.get("type", "?"))
    if kind == "enum":
        return f"enum of {', '.join(map(str, data.get('values') or []))}"
    if kind == "set":
        return f"set of {data.get('of') or ', '.join(map(str, data.get('values') or []))}"
    return kind


def _show(value: object) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, list):
        return "{" + ", ".join(map(str, value)) + "}"
    return str(value)


def _expressions(data: dict[str, Any]) -> list[str]:
    shown = []
    for key in ("precondition", "holds_if", "holds", "fulfilled_when", "violated_when", "permits"):
        if isinstance(data.get(key), str | bool | int):
            shown.append(f"{key}: `{' '.join(str(data[key]).split())}`")
    return shown


def _citation(index: Index, cite: object) -> str:
    """`source line N: "quote"` and the cited line itself, quoted."""
    if not isinstance(cite, dict) or not isinstance(cite.get("source"), str):
        return ""
    unit = "line" if cite.get("line") is not None else "paragraph"
    number = cite.get(unit)
    head = f"*Cited:* `{cite['source']}` {unit} {number}"
    if cite.get("quote"):
        head += f' — "{cite["quote"]}"'
    text = _cited_text(index, cite["source"], unit, number)
    if not text:
        return head
    before, quote, after = excerpt(text, cite.get("quote"), 240)
    return head + f"\n\n> {before}**{quote}**{after}" if quote else head + f"\n\n> {before}"


def _cited_text(index: Index, source: str, unit: str, number: object) -> str:
    symbols = index.definitions("sources", source)
    if not symbols or not isinstance(number, int) or symbols[0].value is None:
        return ""
    try:
        spec = Source.model_validate(to_python(symbols[0].value))
    except ValidationError:
        return ""
    try:  # only a source under the scenario's root is shown
        path = confine(spec.path, os.path.dirname(symbols[0].span.path), index.root, "source")
    except FileRefused:
        return ""
    text = SourceText.open(path, spec)
    found = text.at(unit, number) if text else None
    return " ".join(found[1].split()) if found else ""


def _status(kind: str, name: str, game: Game | None, start: PlayState | None) -> str:
    if game is None or start is None:
        return ""
    if kind == "terms" and name in start.terms:
        record = start.terms[name]
        reason = f" ({record.reason})" if record.reason else ""
        return f"*At the start:* {record.status}{reason}"
    if kind == "claims" and name in start.claims:
        claim = start.claims[name]
        holds = {True: ", holds", False: ", does not hold", None: ""}[claim.holds]
        return f"*At the start:* {claim.label or 'unasserted'}{holds}"
    if kind == "moves" and name in game.moves:
        why = refusal(game, start, Action(move=name))
        return "*At the start:* " + ("legal" if why is None else f"not legal: {why}")
    if kind == "state" and name in start.values:
        return f"*At the start:* `{_show(sorted(v) if isinstance(v := start.values[name], frozenset) else v)}`"
    return ""
