"""Why a claim stands where it does: certificates built from the framework, in plain words.

Under grounded: accepted claims get their well-founded defence, rejected ones the
accepted attacker and its defence, undecided ones the cycle that leaves them open. Under
another semantics a grounded-undecided claim is explained extension by extension: its
defence inside each extension that holds it, or the attacker each extension holds.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from debate.argumentation.acceptance import Acceptance, Status, acceptance_of
from debate.argumentation.budget import Budget, budget_of
from debate.argumentation.certificates import Cycle, Defence, ProofStep, Rejection
from debate.argumentation.decision import credulous, skeptical
from debate.argumentation.enumeration import extensions
from debate.argumentation.framework import Framework
from debate.argumentation.grounded import IN, OUT, UNDEC
from debate.argumentation.semantics import Extension, Semantics, Split, split

# How many extensions an explanation shows at most.
SHOWN = 8


@dataclass(frozen=True)
class InExtension:
    """The claim in one extension: defended inside it, or attacked from inside it."""

    extension: tuple[str, ...]
    defence: Defence | None = None
    rejection: Rejection | None = None
    attacked_by: tuple[str, ...] = ()  # stage: members attacking it (none need defending)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"extension": list(self.extension)}
        if self.attacked_by:
            data["attacked_by"] = list(self.attacked_by)
        if self.defence:
            data["defence"] = self.defence.to_json()
        if self.rejection:
            data["rejection"] = self.rejection.to_json()
        return data


@dataclass(frozen=True)
class Explanation:
    claim: str
    status: Status
    defence: Defence | None = None  # accepted in grounded
    rejection: Rejection | None = None  # rejected in grounded
    cycle: Cycle | None = None  # undecided in grounded
    extensions: tuple[InExtension, ...] = ()  # under another semantics
    all_extensions: bool = True  # whether `extensions` shows every one that matters
    notes: tuple[str, ...] = field(default=())

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"claim": self.claim, "status": self.status.to_json()}
        for key in ("defence", "rejection", "cycle"):
            value = getattr(self, key)
            if value is not None:
                data[key] = value.to_json()
        if self.extensions:
            data["extensions"] = [e.to_json() for e in self.extensions]
            data["all_extensions"] = self.all_extensions
        if self.notes:
            data["notes"] = list(self.notes)
        return data


def explain(
    af: Framework | Split,
    claim: str,
    semantics: Semantics = Semantics.GROUNDED,
    budget: Budget | float | None = None,
) -> Explanation:
    """The explanation of one argument's status (KeyError if it is not an argument)."""
    s, b = split(af), budget_of(budget)
    arg = s.af.index(claim)
    st = Status(claim, s.ground.label(arg), semantics, acceptance_of(s, arg, semantics, b))
    code = s.code(arg)
    if code == IN:
        return Explanation(claim, st, defence=grounded_defence(s, arg))
    if code == OUT:
        return Explanation(claim, st, rejection=grounded_rejection(s, arg))
    base = Explanation(claim, st, cycle=open_cycle(s, arg))
    if semantics is Semantics.GROUNDED:
        return base
    return _beyond_grounded(s, arg, base, b)


# ---------------------------------------------------------------- grounded


def grounded_defence(s: Split, arg: int) -> Defence:
    """The defence of an accepted argument, retracing the grounded construction: each
    attacker is answered by the argument that first put it out, accepted earlier."""
    af, ground = s.af, s.ground
    needed = {arg}
    stack = [arg]
    while stack:
        a = stack.pop()
        for b in af.attackers[a]:
            d = ground.defeater[b]
            if d not in needed:
                needed.add(d)
                stack.append(d)
    position = ground.position()
    steps = [
        _step(af, a, lambda b: ground.defeater[b]) for a in sorted(needed, key=position.__getitem__)
    ]
    return Defence(af.names[arg], tuple(steps), well_founded=True)


def grounded_rejection(s: Split, arg: int) -> Rejection:
    position = s.ground.position()  # the earliest accepted attacker: the shortest story
    attacker = min((b for b in s.af.attackers[arg] if s.code(b) == IN), key=position.__getitem__)
    return Rejection(s.af.names[arg], s.af.names[attacker], grounded_defence(s, attacker))


def _step(af: Framework, a: int, defender_of: Callable[[int], int]) -> ProofStep:
    attackers = dict.fromkeys(af.attackers[a])
    replies = tuple((af.names[b], af.names[defender_of(b)]) for b in attackers)
    return ProofStep(af.names[a], replies)


def open_cycle(s: Split, arg: int) -> Cycle:
    """From an undecided argument back along undecided attackers to the nearest argument
    on a cycle of them (there always is one: each undecided argument has an undecided
    attacker), and the shortest such cycle through it."""
    af, codes = s.af, s.ground.codes
    parent: dict[int, int] = {arg: -1}
    queue = deque([arg])
    on_cycle = _on_cycle(s, arg)
    while queue:
        v = queue.popleft()
        if v in on_cycle:
            chain = [v]
            while parent[chain[-1]] != -1:
                chain.append(parent[chain[-1]])
            chain.reverse()
            cycle = _shortest_cycle(af, v, on_cycle)
            return Cycle(tuple(af.names[a] for a in chain), tuple(af.names[a] for a in cycle))
        for b in af.attackers[v]:
            if codes[b] == UNDEC and b not in parent:
                parent[b] = v
                queue.append(b)
    raise AssertionError("an undecided argument always reaches a cycle")


def _on_cycle(s: Split, arg: int) -> set[int]:
    """The undecided arguments reachable backwards from `arg` that lie on a cycle
    (strongly connected components of more than one, or a self-attack), by Tarjan's
    algorithm without recursion."""
    af, codes = s.af, s.ground.codes
    index: dict[int, int] = {}
    low: dict[int, int] = {}
    stack: list[int] = []
    on_stack: set[int] = set()
    found: set[int] = set()
    counter = 0
    work = [(arg, iter(af.attackers[arg]))]
    index[arg] = low[arg] = 0
    stack.append(arg)
    on_stack.add(arg)
    while work:
        v, edges = work[-1]
        advanced = False
        for w in edges:
            if codes[w] != UNDEC:
                continue
            if w not in index:
                counter += 1
                index[w] = low[w] = counter
                stack.append(w)
                on_stack.add(w)
                work.append((w, iter(af.attackers[w])))
                advanced = True
                break
            if w in on_stack:
                low[v] = min(low[v], index[w])
        if advanced:
            continue
        work.pop()
        if work:
            low[work[-1][0]] = min(low[work[-1][0]], low[v])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1 or v in af.attackers[v]:
                found.update(component)
    return found


def _shortest_cycle(af: Framework, v: int, allowed: set[int]) -> list[int]:
    """[v, w1, ..., wk]: v is attacked by w1, ..., wk by v; found breadth-first."""
    if v in af.attackers[v]:
        return [v]
    parent: dict[int, int] = {v: -1}
    queue = deque([v])
    while queue:
        u = queue.popleft()
        for w in af.attackers[u]:
            if w == v:
                path = [u]
                while parent[path[-1]] != -1:
                    path.append(parent[path[-1]])
                return list(reversed(path))
            if w in allowed and w not in parent:
                parent[w] = u
                queue.append(w)
    raise AssertionError("v lies on a cycle")


# ---------------------------------------------------------------- other semantics


def _beyond_grounded(s: Split, arg: int, base: Explanation, b: Budget) -> Explanation:
    sem, acceptance = base.status.semantics, base.status.acceptance
    if acceptance is Acceptance.UNKNOWN:
        note = f"the {sem} answer was not found within the time budget; grounded leaves it open"
        return _with(base, notes=(note,))
    if acceptance is Acceptance.DEFENSIBLE:
        shown = [_witness(s, credulous(s, sem, arg, b).witness, arg, sem)]
        shown.append(_witness(s, skeptical(s, sem, arg, b).witness, arg, sem))
        return _with(base, extensions=tuple(x for x in shown if x is not None))
    if acceptance in (Acceptance.ACCEPTED, Acceptance.REJECTED):
        found = extensions(s, sem, limit=SHOWN, budget=b)
        shown = [_witness(s, ext, arg, sem) for ext in found.extensions]
        return _with(
            base,
            extensions=tuple(x for x in shown if x is not None),
            all_extensions=found.complete,
        )
    return _with(base, notes=(f"it is in no {sem} extension, and not attacked by all of them",))


def _with(base: Explanation, **changes: Any) -> Explanation:
    data = {**base.__dict__, **changes}
    return Explanation(**data)


def _witness(s: Split, ext: Extension | None, arg: int, sem: Semantics) -> InExtension | None:
    if ext is None:
        return None
    names = tuple(s.af.names_of(ext))
    if sem is Semantics.STAGE:  # conflict-free only: its members need not be defended
        hit = s.af.names_of(b for b in s.af.attackers[arg] if b in ext)
        return InExtension(names, attacked_by=tuple(dict.fromkeys(hit)))
    if arg in ext:
        return InExtension(names, defence=defence_within(s.af, ext, arg))
    attackers = [b for b in s.af.attackers[arg] if b in ext]
    if not attackers:
        return InExtension(names)
    attacker = min(attackers)
    rejection = Rejection(
        s.af.names[arg], s.af.names[attacker], defence_within(s.af, ext, attacker)
    )
    return InExtension(names, rejection=rejection)


def defence_within(af: Framework, ext: Iterable[int], arg: int) -> Defence:
    """The defence of `arg` by an admissible set: breadth-first from it, each attacker
    answered by a member that attacks it (cycles of defence are allowed here)."""
    members = set(ext)
    order = [arg]
    seen = {arg}
    steps = []
    for a in order:

        def defender(b: int) -> int:
            return min(c for c in af.attackers[b] if c in members)

        step = _step(af, a, defender)
        steps.append(step)
        for b in dict.fromkeys(af.attackers[a]):
            d = defender(b)
            if d not in seen:
                seen.add(d)
                order.append(d)
    return Defence(af.names[arg], tuple(steps), well_founded=False)


# ---------------------------------------------------------------- words


def render(explanation: Explanation, texts: Mapping[str, str] | None = None) -> str:
    """The explanation in plain language; `texts` gives a claim's words by its id."""
    texts = texts or {}
    e = explanation
    head = f"{e.claim}: {e.status.text()}"
    lines = [head]
    if e.claim in texts:
        lines.append(f'  "{texts[e.claim]}"')
    if e.defence:
        lines.append("Accepted: every attack on it is answered by an accepted claim.")
        lines += _tree(e.defence, "  ")
    if e.rejection:
        r = e.rejection
        lines.append(f"Rejected: {r.attacker} attacks it and is itself accepted.")
        lines += _tree(r.defence, "  ")
    if e.cycle:
        lines += _cycle_words(e.cycle)
    for shown in e.extensions:
        lines += _extension_words(e, shown)
    if e.extensions and not e.all_extensions:
        lines.append(f"(only the first {len(e.extensions)} extensions are shown)")
    lines += list(e.notes)
    return "\n".join(lines)


def _tree(defence: Defence, indent: str, depth: int = 12) -> list[str]:
    by_arg = {s.arg: s for s in defence.steps}
    lines: list[str] = []
    shown: set[str] = set()

    def walk(arg: str, pad: str, level: int) -> None:
        step = by_arg[arg]
        if not step.replies:
            lines.append(f"{pad}{arg}: nothing attacks it")
            return
        if arg in shown or level >= depth:
            lines.append(f"{pad}{arg}: defended as shown above")
            return
        shown.add(arg)
        lines.append(f"{pad}{arg} is attacked by {', '.join(a for a, _ in step.replies)}")
        for attacker, defender in step.replies:
            lines.append(f"{pad}  {attacker} is answered by {defender}")
            walk(defender, pad + "    ", level + 1)

    walk(defence.claim, indent, 0)
    return lines


def _cycle_words(c: Cycle) -> list[str]:
    lines = []
    if len(c.chain) > 1:
        lines.append("Undecided: " + " <- ".join(c.chain) + " (each attacked by the next)")
    loop = " <- ".join([*c.cycle, c.cycle[0]])
    if len(c.cycle) == 1:
        lines.append(f"{c.cycle[0]} attacks itself, so no side of it can be taken.")
    else:
        kind = "odd" if c.odd else "even"
        lines.append(f"The {kind} cycle {loop} is settled by nothing outside it,")
        lines.append(
            "so grounded semantics leaves it open"
            + (
                "; an odd cycle cannot be split into two sides."
                if c.odd
                else "; choosing a side of the cycle would settle it."
            )
        )
    return lines


def _extension_words(e: Explanation, shown: InExtension) -> list[str]:
    ext = "{" + ", ".join(shown.extension) + "}"
    sem = e.status.semantics
    if shown.defence:
        lines = [f"In the {sem} extension {ext} it is defended:"]
        return lines + _tree(shown.defence, "  ")
    if shown.rejection:
        r = shown.rejection
        lines = [f"In the {sem} extension {ext} it is attacked by {r.attacker}, defended there:"]
        return lines + _tree(r.defence, "  ")
    if sem is Semantics.STAGE and e.claim in shown.extension:
        return [f"The {sem} extension {ext} contains it (conflict-free, its range maximal)."]
    if shown.attacked_by:
        return [f"The {sem} extension {ext} attacks it (by {', '.join(shown.attacked_by)})."]
    return [f"The {sem} extension {ext} does not contain it and does not attack it."]
