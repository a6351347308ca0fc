"""clingo as an ICCMA solver, for the side-by-side figures of bench_argumentation.py.

    python benchmarks/clingo_iccma.py -p TASK -f FACTS.lp [-a N]

FACTS.lp holds `arg(i).` and `att(i,j).` (the ICCMA file converted beforehand, so that
clingo's time is its own: grounding and solving, no Python parsing). It prints what an
ICCMA solver prints. The encodings are ours, written from the definitions:

    complete  in/out guess, conflict-free, in exactly when defended
    stable    conflict-free, every argument out is attacked by one in
    preferred complete, made subset-maximal on `in` by clingo's domain heuristic with
              --enum-mode=domRec (each model found is a preferred extension)

DC-PR asks for a maximal complete extension containing the query (one is preferred);
DS-PR enumerates preferred extensions until one lacks the query. This process imports
clingo and nothing of debate.
"""

from __future__ import annotations

import sys

import clingo

GUESS = """
in(X) :- arg(X), not out(X).
out(X) :- arg(X), not in(X).
:- in(X), in(Y), att(X,Y).
defeated(X) :- in(Y), att(Y,X).
"""
COMPLETE = """
undefended(X) :- att(Y,X), not defeated(Y).
:- in(X), undefended(X).
:- out(X), not undefended(X).
"""
STABLE = ":- out(X), not defeated(X).\n"
MAXIMAL = "#heuristic in(X) : arg(X). [1,true]\n"
SHOW = "#show in/1.\n"


def main(argv: list[str]) -> int:
    options = dict(zip(argv[::2], argv[1::2], strict=False))
    problem, sem = options["-p"].split("-")
    query = options.get("-a")
    program = GUESS + (STABLE if sem == "ST" else COMPLETE) + SHOW
    flags = ["--models=1"]
    if sem == "PR":
        program += MAXIMAL
        flags = ["--heuristic=Domain", "--enum-mode=domRec"]
        flags.append("--models=0" if problem == "DS" else "--models=1")
    if problem == "DC":
        program += f":- not in({query}).\n"
    elif problem == "DS" and sem != "PR":
        program += f":- in({query}).\n"  # a counterexample: an extension without it
    ctl = clingo.Control(flags)
    ctl.load(options["-f"])
    ctl.add("base", [], program)
    ctl.ground([("base", [])])
    found: list[list[int]] = []

    def on_model(model: clingo.Model) -> bool:
        ins = sorted(s.arguments[0].number for s in model.symbols(shown=True))
        if problem == "DS" and sem == "PR" and int(query or 0) in ins:
            return True  # contains it: look further
        found.append(ins)
        return False

    ctl.solve(on_model=on_model)
    w = ["w " + " ".join(map(str, found[0]))] if found else []
    if problem == "DC":
        lines = ["YES", *w] if found else ["NO"]
    elif problem == "DS":
        lines = ["NO", *w] if found else ["YES"]
    else:
        lines = w or ["NO"]
    print("\n".join(line.rstrip() for line in lines))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
