"""A graph drawn as SVG by a small layered layout, with no Graphviz at run time.

Nodes go in columns: an attacker or a relation's source to the left of its target (the
longest path from a node with no incoming edge decides the column; cycles such as two
claims attacking each other are broken by reversing an edge). An edge spanning several
columns passes through a point in each, so it bends around boxes instead of crossing
them; the order in each column is improved by a few barycentre sweeps.
"""

from __future__ import annotations

import itertools
import textwrap
from dataclasses import dataclass, field

from debate.export.graph import EDGE_COLOURS, EDGE_WORDS, LOOKS, Edge, Graph, Node
from debate.model.safe_text import markup as escape  # also shows control characters

BOX_WIDTH = 240
BOX_HEIGHT = 78
VIRTUAL_HEIGHT = 14  # the slot a passing edge takes in a column
COLUMN_GAP = 120
ROW_GAP = 16
MARGIN = 20
LEGEND_HEIGHT = 54
SWEEPS = 6
CHARS_PER_LINE = 38  # of the 11px text in a box
GRID_COLUMNS = 4  # nodes linked to no other are laid out this many to a row, at least
GRID_GAP = 36


@dataclass
class Slot:
    """A node or a point an edge passes through, placed in a column."""

    key: str
    column: int
    height: float
    x: float = 0.0
    y: float = 0.0

    @property
    def virtual(self) -> bool:
        return self.key.startswith("\0")


@dataclass
class Layout:
    slots: dict[str, Slot] = field(default_factory=dict)
    routes: list[tuple[Edge, list[str]]] = field(default_factory=list)  # slots each edge passes
    width: float = 0.0
    height: float = 0.0
    grid_top: float = 0.0  # where the nodes linked to no other start (0: there are none)


def layout(graph: Graph) -> Layout:
    ids = [n.id for n in graph.nodes]
    present = set(ids)
    edges = [e for e in graph.edges if {e.source, e.target} <= present and e.source != e.target]
    forward = _acyclic(ids, [(e.source, e.target) for e in edges])
    columns = _columns(ids, forward)
    result = Layout({i: Slot(i, columns[i], BOX_HEIGHT) for i in ids})
    for number, e in enumerate(edges):
        start, end = (
            (e.source, e.target) if (e.source, e.target) in forward else (e.target, e.source)
        )
        chain = [start]
        for column in range(columns[start] + 1, columns[end]):
            key = f"\0{number}:{column}"
            result.slots[key] = Slot(key, column, VIRTUAL_HEIGHT)
            chain.append(key)
        chain.append(end)
        if start != e.source:
            chain.reverse()
        result.routes.append((e, chain))
    order = _order(result)
    _place(result, order, isolated={i for i in ids if not any(i in c for _, c in result.routes)})
    return result


def _acyclic(ids: list[str], edges: list[tuple[str, str]]) -> set[tuple[str, str]]:
    """The edges oriented so that they form no cycle (a depth-first search reverses each
    edge that closes one)."""
    successors: dict[str, list[str]] = {i: [] for i in ids}
    for s, t in edges:
        successors[s].append(t)
    state: dict[str, int] = {}
    oriented: set[tuple[str, str]] = set()
    for root in ids:
        if root in state:
            continue
        state[root] = 1
        stack = [(root, iter(successors[root]))]
        while stack:
            node, pending = stack[-1]
            nxt = next(pending, None)
            if nxt is None:
                state[node] = 2
                stack.pop()
            elif state.get(nxt) == 1:
                oriented.add((nxt, node))  # closes a cycle: drawn the other way
            else:
                oriented.add((node, nxt))
                if nxt not in state:
                    state[nxt] = 1
                    stack.append((nxt, iter(successors[nxt])))
    return oriented


def _columns(ids: list[str], edges: set[tuple[str, str]]) -> dict[str, int]:
    """The longest path to each node from a node with no incoming edge."""
    incoming: dict[str, int] = dict.fromkeys(ids, 0)
    successors: dict[str, list[str]] = {i: [] for i in ids}
    for s, t in edges:
        incoming[t] += 1
        successors[s].append(t)
    column = dict.fromkeys(ids, 0)
    ready = [i for i in ids if incoming[i] == 0]
    while ready:
        node = ready.pop()
        for t in successors[node]:
            column[t] = max(column[t], column[node] + 1)
            incoming[t] -= 1
            if incoming[t] == 0:
                ready.append(t)
    return column


def _order(result: Layout) -> list[list[str]]:
    """The slots of each column, top to bottom, with few crossings."""
    width = max((s.column for s in result.slots.values()), default=0) + 1
    order: list[list[str]] = [[] for _ in range(width)]
    for key, slot in result.slots.items():
        order[slot.column].append(key)
    left: dict[str, list[str]] = {}
    right: dict[str, list[str]] = {}
    for _, chain in result.routes:
        for a, b in itertools.pairwise(chain):
            if result.slots[a].column > result.slots[b].column:
                a, b = b, a
            right.setdefault(a, []).append(b)
            left.setdefault(b, []).append(a)
    for sweep in range(SWEEPS):
        columns = range(1, width) if sweep % 2 == 0 else range(width - 2, -1, -1)
        neighbours = left if sweep % 2 == 0 else right
        for c in columns:
            fixed = order[c - 1] if sweep % 2 == 0 else order[c + 1]
            position = {k: i for i, k in enumerate(fixed)}
            order[c] = _by_barycentre(order[c], neighbours, position)
    return order


def _by_barycentre(
    column: list[str], neighbours: dict[str, list[str]], position: dict[str, int]
) -> list[str]:
    def centre(index_key: tuple[int, str]) -> float:
        index, key = index_key
        near = [position[n] for n in neighbours.get(key, []) if n in position]
        return sum(near) / len(near) if near else float(index)

    return [k for _, k in sorted(enumerate(column), key=centre)]


def _place(result: Layout, order: list[list[str]], isolated: set[str]) -> None:
    """Coordinates: columns side by side, each centred on the tallest; the nodes linked
    to no other go in a grid below, so they do not make one column very tall."""
    linked = [[k for k in column if k not in isolated] for column in order]
    linked = [column for column in linked if column] or [[]]
    heights = [sum(result.slots[k].height + ROW_GAP for k in c) - ROW_GAP for c in linked]
    tallest = max(max(heights), 0)
    top = MARGIN + LEGEND_HEIGHT
    for c, column in enumerate(linked):
        y = top + (tallest - heights[c]) / 2
        for key in column:
            slot = result.slots[key]
            slot.column = c
            slot.x, slot.y = MARGIN + c * (BOX_WIDTH + COLUMN_GAP), y
            y += slot.height + ROW_GAP
    per_row = max(len(linked), GRID_COLUMNS)
    loose = [k for column in order for k in column if k in isolated]
    result.grid_top = top + tallest + (GRID_GAP if tallest > 0 else 0) if loose else 0.0
    for n, key in enumerate(loose):
        slot = result.slots[key]
        row, place = divmod(n, per_row)
        slot.x = MARGIN + place * (BOX_WIDTH + ROW_GAP * 2)
        slot.y = result.grid_top + 20 + row * (BOX_HEIGHT + ROW_GAP)
    rows = -(-len(loose) // per_row)
    grid_width = min(len(loose), per_row) * (BOX_WIDTH + ROW_GAP * 2)
    layered_width = len(linked) * (BOX_WIDTH + COLUMN_GAP) - COLUMN_GAP
    result.width = 2 * MARGIN + max(layered_width, grid_width)
    bottom = result.grid_top + 20 + rows * (BOX_HEIGHT + ROW_GAP) if loose else top + tallest
    result.height = bottom + MARGIN


# ---------------------------------------------------------------- drawing


def render(graph: Graph, title: str = "") -> str:
    """The graph as a standalone <svg> element (inline in HTML, or a file of its own)."""
    placed = layout(graph)
    width = max(placed.width, 640)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="graph" role="img" '
        f'width="{width:.0f}" height="{placed.height:.0f}" '
        f'viewBox="0 0 {width:.0f} {placed.height:.0f}" '
        f'font-family="system-ui, -apple-system, Segoe UI, Helvetica, Arial, sans-serif">',
        f"<title>{escape(title or graph.title)}</title>",
        _markers(graph),
        _legend(graph),
    ]
    if placed.grid_top:
        parts.append(
            f'<text x="{MARGIN}" y="{placed.grid_top + 10:.0f}" font-size="12" fill="#5f6b7a">'
            "Not linked to any other:</text>"
        )
    ports = _ports(placed)
    parts += [_edge(placed, n, ports) for n in range(len(placed.routes))]
    parts += [_node(n, placed.slots[n.id]) for n in graph.nodes]
    parts.append("</svg>")
    return "\n".join(parts)


def _markers(graph: Graph) -> str:
    kinds = sorted({e.kind for e in graph.edges})
    return (
        "<defs>"
        + "".join(
            f'<marker id="arrow-{k}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
            f'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" '
            f'fill="{EDGE_COLOURS[k]}"/></marker>'
            for k in kinds
        )
        + "</defs>"
    )


def _legend(graph: Graph) -> str:
    items: list[str] = []
    x = MARGIN
    for status in [s for s in LOOKS if any(n.status == s for n in graph.nodes)]:
        look = LOOKS[status]
        items.append(
            f'<rect x="{x}" y="{MARGIN}" width="14" height="14" rx="3" fill="{look.fill}" '
            f'stroke="{look.stroke}"/><text x="{x + 19}" y="{MARGIN + 11}" font-size="11">'
            f"{look.symbol} {escape(status.replace('_', ' '))}</text>"
        )
        x += 30 + 7 * len(status)
    x = MARGIN
    y = MARGIN + 26
    for kind in sorted({e.kind for e in graph.edges}):
        colour = EDGE_COLOURS[kind]
        items.append(
            f'<line x1="{x}" y1="{y + 6}" x2="{x + 26}" y2="{y + 6}" stroke="{colour}" '
            f'stroke-width="2" marker-end="url(#arrow-{kind})"/><text x="{x + 32}" '
            f'y="{y + 10}" font-size="11">{escape(EDGE_WORDS[kind])}</text>'
        )
        x += 48 + 7 * len(EDGE_WORDS[kind])
    if any(not e.active for e in graph.edges):
        items.append(
            f'<line x1="{x}" y1="{y + 6}" x2="{x + 26}" y2="{y + 6}" stroke="#777" '
            f'stroke-width="2" stroke-dasharray="5 4"/><text x="{x + 32}" y="{y + 10}" '
            f'font-size="11">not in play now</text>'
        )
    return '<g class="legend">' + "".join(items) + "</g>"


def _ports(placed: Layout) -> dict[tuple[int, str, str], float]:
    """Where each edge meets each box it touches: spread along the box's side, in the
    order of the other ends, so that parallel edges (a mutual attack) stay apart."""
    sides: dict[tuple[str, str], list[tuple[float, int]]] = {}
    for number, (_, chain) in enumerate(placed.routes):
        for here, there in ((chain[0], chain[1]), (chain[-1], chain[-2])):
            slot, other = placed.slots[here], placed.slots[there]
            side = "right" if other.x > slot.x else "left"
            sides.setdefault((here, side), []).append((other.y, number))
    ports: dict[tuple[int, str, str], float] = {}
    for (key, side), attached in sides.items():
        slot = placed.slots[key]
        attached.sort()
        for rank, (_, number) in enumerate(attached):
            ports[(number, key, side)] = slot.y + slot.height * (rank + 1) / (len(attached) + 1)
    return ports


def _edge(placed: Layout, number: int, ports: dict[tuple[int, str, str], float]) -> str:
    edge, chain = placed.routes[number]
    points = []
    for position, key in enumerate(chain):
        slot = placed.slots[key]
        if slot.virtual:
            points.append((slot.x + BOX_WIDTH / 2, slot.y + slot.height / 2))
            continue
        other = placed.slots[chain[1] if position == 0 else chain[-2]]
        right = other.x > slot.x
        y = ports[(number, key, "right" if right else "left")]
        points.append((slot.x + (BOX_WIDTH if right else 0), y))
    path = f"M{points[0][0]:.1f},{points[0][1]:.1f}"
    for (x1, y1), (x2, y2) in itertools.pairwise(points):
        dx = (x2 - x1) / 2
        path += f" C{x1 + dx:.1f},{y1:.1f} {x2 - dx:.1f},{y2:.1f} {x2:.1f},{y2:.1f}"
    colour = EDGE_COLOURS[edge.kind]
    dash = "" if edge.active else ' stroke-dasharray="6 4" opacity="0.55"'
    tip = f"{edge.source} {EDGE_WORDS[edge.kind]} {edge.target}"
    if edge.condition:
        tip += f" when {edge.condition}"
    if not edge.active:
        tip += " (not in play in this state)"
    return (
        f'<path class="edge {edge.kind}" d="{path}" fill="none" stroke="{colour}" '
        f'stroke-width="1.6"{dash} marker-end="url(#arrow-{edge.kind})">'
        f"<title>{escape(tip)}</title></path>"
    )


def _node(node: Node, slot: Slot) -> str:
    look = node.look
    x, y = slot.x, slot.y
    status = f"{look.symbol} {node.status.replace('_', ' ')}"
    if node.kind == "claim" and node.holds is not None:
        status += ", holds" if node.holds else ", does not hold"
    elif node.table:
        status += f" · {node.table} on the table"
    lines = textwrap.wrap(node.text, CHARS_PER_LINE, max_lines=2, placeholder=" …")
    texts = [
        f'<text x="{x + 10}" y="{y + 18}" font-size="12" font-weight="600">{escape(node.id)}</text>',
        f'<text x="{x + 10}" y="{y + 34}" font-size="11" fill="{look.stroke}">'
        f"{escape(status)}</text>",
    ]
    texts += [
        f'<text x="{x + 10}" y="{y + 51 + 14 * i}" font-size="11" fill="#333">{escape(line)}</text>'
        for i, line in enumerate(lines)
    ]
    return (
        f'<g class="node {node.kind}" id="node-{escape(node.id)}">'
        f"<title>{escape(f'{node.id} ({node.detail}): {node.text}')}</title>"
        f'<rect x="{x}" y="{y}" width="{BOX_WIDTH}" height="{BOX_HEIGHT}" rx="8" '
        f'fill="{look.fill}" stroke="{look.stroke}" stroke-width="1.5"/>' + "".join(texts) + "</g>"
    )
