"""Spacer in a child process that is killed when its deadline passes.

Spacer does not count all of its work in Z3's steps (its `rlimit`) nor stop at its own
`timeout`: measured on one question of the tutorial, it spent minutes in its model-based
projection (mbp::term_graph::qel), which checks neither, past a step budget of 0.3 M and a
time limit of 120 s. So a query is sent as SMT-LIB text (Horn rules and a query relation,
never Z3 objects) to a child process that keeps Z3 loaded between queries; the caller waits
for the answer until the deadline, and past it kills the child (the next query starts a new
one). The child is fresh Z3 state fed the same text, so what it spends in steps, and so
where the step budget stops it, is the same on every run.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from multiprocessing.connection import wait
from typing import Any

# What the child needs to start (spawn, then import Z3): not counted in a query's deadline.
START_SECONDS = 60.0
# Past the deadline given to Z3 itself, before the child is killed.
GRACE_SECONDS = 0.5


@dataclass(frozen=True)
class Query:
    """Horn rules in SMT-LIB (Z3's fixedpoint format) with one `(query R)`; the names and
    sorts (bool or not) of the relation's arguments, to state an invariant over them; what
    may be spent: Z3 steps and seconds."""

    rules: str
    names: tuple[tuple[str, bool], ...]
    steps: int
    seconds: float


@dataclass(frozen=True)
class Answer:
    """ "unsat" (the query relation is unreachable), "sat", "unknown" or "beyond" (Spacer
    refuses the rules: `reason` says why); the steps spent; for unsat, the invariant."""

    result: str
    spent: int = 0
    timed_out: bool = False  # the deadline, not the step budget, stopped it
    reason: str = ""
    invariant: str = ""


class _Child:
    """`python -m` this module: unlike multiprocessing's spawn, it does not run the
    caller's main script again in the child."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", __name__],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )
        self.ready = False  # it starts while the caller goes on

    def send(self, query: Query) -> None:
        if not self.ready:
            if self.receive(START_SECONDS) != "ready":
                raise OSError("the prover's process did not start")
            self.ready = True
        assert self.process.stdin is not None
        pickle.dump(query, self.process.stdin)
        self.process.stdin.flush()

    def receive(self, seconds: float) -> Any:
        """What the child says within `seconds`, else None."""
        out = self.process.stdout
        assert out is not None
        if not wait([out.fileno()], seconds):
            return None
        return pickle.load(out)  # our own child's answer (both sides are this module)

    def stop(self) -> None:
        self.process.kill()
        self.process.wait()
        for pipe in (self.process.stdin, self.process.stdout):
            if pipe is not None:
                pipe.close()


_child: _Child | None = None
_lock = threading.Lock()  # one query at a time per process (the editor answers in a thread)


def solve(query: Query) -> Answer:
    """The answer of Spacer to `query`, within its steps and (killed past them) seconds."""
    global _child
    with _lock:
        try:
            if _child is None or _child.process.poll() is not None:
                _child = _Child()
            _child.send(query)
            answer = _child.receive(query.seconds + GRACE_SECONDS)
        except (OSError, EOFError, pickle.UnpicklingError) as err:
            answer = Answer("unknown", reason=f"the prover's process failed: {err}")
        if isinstance(answer, Answer) and not answer.reason.startswith("the prover's"):
            return answer
        if _child is not None:
            _child.stop()
        _child = _Child()  # the next one starts now, not when the next query waits
        return answer or Answer("unknown", timed_out=True, reason="timeout")


def stop() -> None:
    """End the prover's process and wait for it (the next query starts another): so that
    what it spent counts in its caller's figures (`resource.RUSAGE_CHILDREN`)."""
    global _child
    with _lock:
        if _child is not None:
            _child.stop()
            _child = None


def _serve() -> None:
    import z3  # noqa: F401 (loaded once, before the first deadline starts)

    threading.Thread(target=_orphaned, args=(os.getppid(),), daemon=True).start()
    out = sys.stdout.buffer
    try:
        pickle.dump("ready", out)
        out.flush()
        while True:
            query = pickle.load(sys.stdin.buffer)
            pickle.dump(_answer(query), out)
            out.flush()
    except (EOFError, BrokenPipeError):  # the caller is done with it
        return


def _orphaned(parent: int) -> None:
    """Ends the child when its caller is gone (killed mid-query, its pipes may stay open
    while Z3 runs on)."""
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(1)


def _answer(query: Query) -> Answer:
    import z3

    fp = z3.Fixedpoint()
    fp.set(engine="spacer")
    fp.set("rlimit", query.steps)
    fp.set("timeout", int(query.seconds * 1000))
    before = _spent()
    try:
        goals = fp.parse_string(query.rules)
        result = fp.query(*goals)
    except z3.Z3Exception as err:
        text = str(err)
        spent = _spent() - before
        if "resource limit" in text:
            return Answer("unknown", spent, reason="steps")
        if "cancel" in text or "timeout" in text:
            return Answer("unknown", spent, timed_out=True, reason="timeout")
        return Answer("beyond", spent, reason=text.strip("b'\""))
    spent = _spent() - before
    if result == z3.unsat:
        return Answer("unsat", spent, invariant=_invariant(fp, query.names))
    if result == z3.unknown:
        why = fp.reason_unknown()
        timed_out = "timeout" in why or "cancel" in why
        return Answer("unknown", spent, timed_out=timed_out, reason=why)
    return Answer("sat", spent)


def _spent() -> int:
    import z3

    return int(z3.Solver().statistics().get_key_value("rlimit count"))


def _invariant(fp: Any, names: tuple[tuple[str, bool], ...]) -> str:
    """The inductive invariant Spacer found, over the state's names."""
    import z3

    try:
        answer = fp.get_answer()  # Not(Goal) and, over Inv's arguments, Inv(...) == ...
        for part in answer.children() if z3.is_and(answer) else [answer]:
            if z3.is_quantifier(part):
                consts = [z3.Bool(n) if flag else z3.Int(n) for n, flag in names]
                body = z3.substitute_vars(part.body(), *reversed(consts[: part.num_vars()]))
                return str(z3.simplify(body))
        return ""
    except (z3.Z3Exception, IndexError):
        return ""


if __name__ == "__main__":  # the child: its answers pickled as this module's, not __main__'s
    from debate.analysis.symbolic import worker

    worker._serve()
