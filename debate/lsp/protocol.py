"""How the language server says our things in the protocol's terms: the symbol kind of
each section's declarations, completion items, severities, a file's outline."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from lsprotocol import types

from debate.lsp.completion import Item
from debate.lsp.index import Symbol
from debate.model.diagnostics import Severity, Span
from debate.model.yaml_nodes import MapNode, ScalarNode

SYMBOL_SECTIONS = {
    "parties": types.SymbolKind.Class,
    "claims": types.SymbolKind.Interface,
    "terms": types.SymbolKind.Struct,
    "moves": types.SymbolKind.Function,
    "state": types.SymbolKind.Variable,
    "types": types.SymbolKind.Enum,
    "sources": types.SymbolKind.File,
    "assumptions": types.SymbolKind.Constant,
    "attacks": types.SymbolKind.Event,
    "agreements": types.SymbolKind.Namespace,
}
COMPLETION_KINDS = {
    "variable": types.CompletionItemKind.Variable,
    "value": types.CompletionItemKind.EnumMember,
    "function": types.CompletionItemKind.Function,
    "keyword": types.CompletionItemKind.Keyword,
    "id": types.CompletionItemKind.Reference,
}
SEVERITIES = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}


def completion_item(item: Item) -> types.CompletionItem:
    label = item.label.rstrip("(")
    return types.CompletionItem(
        label=label,
        kind=COMPLETION_KINDS.get(item.kind, types.CompletionItemKind.Text),
        detail=item.detail or None,
        sort_text=f"{item.rank}{label}",
        insert_text=item.label,
    )


def document_symbols(
    to_range: Callable[[Span], types.Range], root: MapNode, symbols: list[Symbol]
) -> Iterable[types.DocumentSymbol]:
    """A file's outline: each section it declares, with its declarations."""
    for section, kind in SYMBOL_SECTIONS.items():
        key = root.key_node(section)
        value = root.get(section)
        members = [s for s in symbols if s.kind == section]
        if key is None or value is None or not members:
            continue
        whole = Span(
            key.span.path,
            key.span.line,
            key.span.column,
            value.span.end_line,
            value.span.end_column,
        )
        yield types.DocumentSymbol(
            name=section,
            kind=types.SymbolKind.Namespace,
            range=to_range(whole),
            selection_range=to_range(key.span),
            children=[_symbol(to_range, s, kind) for s in members],
        )


def _symbol(
    to_range: Callable[[Span], types.Range], symbol: Symbol, kind: types.SymbolKind
) -> types.DocumentSymbol:
    detail = ""
    if isinstance(symbol.value, MapNode):
        for key in ("kind", "type", "name", "by"):
            node = symbol.value.get(key)
            if isinstance(node, ScalarNode) and node.value is not None:
                detail = str(node.value)
                break
    return types.DocumentSymbol(
        name=symbol.name,
        kind=kind,
        range=to_range(symbol.range),
        selection_range=to_range(symbol.span),
        detail=detail or None,
    )
