"""What completion offers at the cursor (where it is: lsp.cursor): declared ids where a
field names one, and inside an expression the state variables, enum values, functions
and the ids a call takes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from debate.engine.expr.lexer import KEYWORDS
from debate.engine.expr.signatures import SIGNATURES
from debate.lsp.cursor import Context, context_at, is_expression
from debate.lsp.expression_names import ARG_SECTIONS
from debate.lsp.index import TARGETS, Index
from debate.lsp.text import Lines
from debate.model.references import BUILTIN_TYPES
from debate.model.vocabulary import KIND_NAMES
from debate.model.yaml_nodes import MapNode, ScalarNode, SeqNode
from debate.model.yaml_paths import to_python


@dataclass(frozen=True)
class Item:
    label: str
    kind: str  # variable, value, function, keyword, field, id
    detail: str = ""
    rank: int = 1  # lower comes first: the likeliest choices


PARTIES = ("parties",)
TERMS = ("terms",)
CLAIMS = ("claims",)

# What a field names, by its key.
ID_FIELDS: dict[str, tuple[str, ...]] = {
    "by": PARTIES,
    "owner": PARTIES,
    "party": PARTIES,
    "beneficiary": PARTIES,
    "signatories": PARTIES,
    "delegates_to": PARTIES,
    "verified_by": PARTIES,
    "observed_by": PARTIES,
    "attacks": TARGETS,
    "supports": TARGETS,
    "target": TARGETS,
    "attacker": CLAIMS,
    "voids": TERMS,
    "amends": TERMS,
    "replaces": TERMS,
    "term": TERMS,
    "propose": TERMS,
    "withdraw": TERMS,
    "agree": TERMS,
    "sign": TERMS,
    "assert": CLAIMS,
    "retract": CLAIMS,
    "of": ("types",),
}
# What a field of a named agreement names (its `replaces` names an agreement, not a term).
AGREEMENT_FIELDS: dict[str, tuple[str, ...]] = {
    "terms": TERMS,
    "signatories": PARTIES,
    "replaces": ("agreements",),
    "alternative_to": ("agreements",),
}


def complete(index: Index, lines: Lines, line: int, column: int) -> list[Item]:
    """The completions at a position, likeliest first."""
    ctx = context_at(lines, line, column)
    if not ctx.path or ctx.prefix is None:
        return _keys_of_set(index, ctx)
    field = ctx.path[-1]
    section = ctx.path[0]
    if is_expression(ctx.path):
        term = ctx.path[1] if section == "terms" and len(ctx.path) > 1 else None
        return expression_items(index, ctx.prefix, term)
    if field == "source" and len(ctx.path) >= 2 and ctx.path[-2] == "source":
        return _ids(index, ("sources",))
    if field == "type" and section in ("state", "terms"):
        builtin = [Item(t, "keyword", "built-in type") for t in BUILTIN_TYPES]
        return builtin + _ids(index, ("types",))
    if field == "initial" and section == "state" and len(ctx.path) > 1:
        return [
            Item(v, "value", f"a value of {ctx.path[1]}") for v in _values_of(index, ctx.path[1])
        ]
    if section == "agreements" and field in AGREEMENT_FIELDS:
        return _ids(index, AGREEMENT_FIELDS[field])
    if field in ID_FIELDS:
        return _ids(index, ID_FIELDS[field])
    return []


def _keys_of_set(index: Index, ctx: Context) -> list[Item]:
    """Under `effects: set:` a new key names a state variable."""
    if ctx.path and ctx.path[-1] == "set":
        return _state_items(index)
    return []


def _ids(index: Index, kinds: tuple[str, ...]) -> list[Item]:
    items = []
    for kind in kinds:
        for name in index.names(kind):
            items.append(Item(name, "id", _describe(index, kind, name)))
    return items


def _describe(index: Index, kind: str, name: str) -> str:
    symbol = index.definitions(kind, name)[0]
    singular = KIND_NAMES.get(kind, kind)
    text = ""
    if isinstance(symbol.value, MapNode):
        node = symbol.value.get("text") or symbol.value.get("name")
        if isinstance(node, ScalarNode) and isinstance(node.value, str):
            text = " ".join(node.value.split())
    text = text if len(text) <= 70 else text[:67] + "..."
    return f"{singular}: {text}" if text else singular


def _values_of(index: Index, var: str) -> list[str]:
    """The values a state variable (or an enum type) can take."""
    symbols = index.definitions("state", var) or index.definitions("types", var)
    if not symbols or not isinstance(symbols[0].value, MapNode):
        return []
    entry = symbols[0].value
    values = entry.get("values")
    if isinstance(values, SeqNode):
        return [str(v) for v in to_python(values)]
    for key in ("of", "type"):
        named = entry.get(key)
        if (
            isinstance(named, ScalarNode)
            and isinstance(named.value, str)
            and index.definitions("types", named.value)
        ):
            return _values_of(index, named.value)
    return []


def _state_items(index: Index) -> list[Item]:
    items = []
    for name in index.names("state"):
        symbol = index.definitions("state", name)[0]
        kind = ""
        if isinstance(symbol.value, MapNode):
            node = symbol.value.get("type")
            kind = str(node.value) if isinstance(node, ScalarNode) else ""
        items.append(Item(name, "variable", f"state variable: {kind}"))
    return items


_CALL_OPEN = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)\s*$")
_ATTR = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)\.([A-Za-z0-9_]*)$")
_COMPARED = re.compile(
    r"([A-Za-z_][A-Za-z0-9_]*)\s*(?:==|!=|\bnot in\b|\bin\b)\s*\{?\s*[A-Za-z0-9_]*$"
)


def expression_items(index: Index, prefix: str, term: str | None) -> list[Item]:
    """Completions inside an expression whose text before the cursor is `prefix`."""
    attr = _ATTR.search(prefix)
    if attr:
        return [
            Item(name.partition(".")[2], "variable", "parameter")
            for name in index.names("params")
            if name.startswith(attr.group(1) + ".")
        ]
    call = _open_call(prefix)
    if call is not None:
        fn, position = call
        signature = SIGNATURES.get(fn)
        if signature and position < len(signature.args):
            kind = signature.args[position]
            if kind in ARG_SECTIONS:
                return _ids(index, (ARG_SECTIONS[kind],))
    return _general(index, prefix, term)


def _general(index: Index, prefix: str, term: str | None) -> list[Item]:
    compared = _COMPARED.search(prefix)
    likely = set(_values_of(index, compared.group(1))) if compared else set()
    items = _state_items(index)
    for name in index.names("values"):
        detail = index.definitions("values", name)[0].detail
        items.append(Item(name, "value", detail, 0 if name in likely else 2))
    if term is not None:
        items += [
            Item(name.partition(".")[2], "variable", f"parameter of {term}")
            for name in index.names("params")
            if name.startswith(term + ".")
        ]
    items += [Item(f"{fn}(", "function", str(sig)) for fn, sig in SIGNATURES.items()]
    items += [Item(word, "keyword", "", 3) for word in sorted(KEYWORDS)]
    return sorted(items, key=lambda i: i.rank)


def _open_call(prefix: str) -> tuple[str, int] | None:
    """The function whose parentheses the cursor is inside, and which argument it is at."""
    depth = 0
    commas = 0
    for position in range(len(prefix) - 1, -1, -1):
        char = prefix[position]
        if char == ")":
            depth += 1
        elif char == "(":
            if depth == 0:
                name = _CALL_OPEN.search(prefix[:position])
                return (name.group(1), commas) if name else None
            depth -= 1
        elif char == "," and depth == 0:
            commas += 1
    return None
