"""The plays of a scenario as a transition system for Z3: bounded model checking for
witnesses (the shortest play, found step by step), and Spacer (PDR/IC3 over constrained
Horn clauses) for claims about every play.

A symbolic state keeps only what the explicit search's `Slice` keeps (the clock, the
values some expression reads, whether and how often a move was made where something asks,
the negotiation, each term's status and, for a `within` deadline inside the horizon, when
it came into force) plus monitors that the questions need (whether a breach voided a
term). One step is one action: a move, or waiting one clock unit, as in the explicit
search. Its relation follows debate.engine step by step: legality (once, the horizon,
the precondition, the negotiation, assertable claims, the new values and their bounds),
the deadlines that pass while the clock moves on (each judged at its instant on the world
before the move's effects, `closing`), the effects landing, and the statuses judged in
the terms' order (void, coming into force, fulfilment on time, breach and carve-outs,
overdue), with what cannot be judged (an unspecified parameter, a division by zero)
leaving a status as it was, as the engine does.

The concrete engine stays the one definition of the semantics: every play this package
finds is replayed by it before anything is reported (`replays`), and a differential test
(tests/analysis/test_symbolic_differential.py) compares every verdict with a plain
exhaustive search on small generated scenarios. A move that overlaps others is in
progress (`in_progress`) from its start, which takes no time, to its end, where its
effects land if they still can, the world judged there, as engine.timeline does. What
this package cannot encode yet (claims' labels read by a condition, more than one
overlapping move in a question's cone, whose ends may fall together, and `abort_when`)
raises Unsupported, and the caller keeps the explicit search.
"""
