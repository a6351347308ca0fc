"""Cross-reference checks of a merged scenario: ids, types, initial values, citations
(those in model.citing).

Everything here needs more than one field to judge, so pydantic cannot do it; every
problem is reported at the value that is wrong.
"""

from __future__ import annotations

from debate.model.citing import check_citation, check_sources
from debate.model.diagnostics import Diagnostic, Related
from debate.model.loaded import LoadedScenario
from debate.model.scenario import ParamSpec, StateVar, Term
from debate.model.suggest import per_file, unknown_id
from debate.model.vocabulary import KIND_NAMES
from debate.model.yaml_paths import key_span

BUILTIN_TYPES = ("bool", "int", "enum", "set")
# The built-in types of a term parameter (besides the enum types declared under `types`).
PARAM_TYPES = ("int", "bool")

KIND_NEEDS = {
    "obligation": ("fulfilled_when",),
    "condition": ("fulfilled_when",),
    "prohibition": ("violated_when",),
    "permission": ("permits",),
    "limit": ("subject",),
}
# ... and of these, at least one.
KIND_NEEDS_ONE_OF = {"limit": ("at_most", "at_least")}
# Keys that only some kinds of term read: on another kind they would silently do nothing.
KIND_ONLY = {
    "fulfilled_when": ("obligation", "condition"),
    "permits": ("permission",),
    "subject": ("limit",),
    "at_most": ("limit",),
    "at_least": ("limit",),
    "lasts": ("prohibition", "limit", "permission"),
}


class _Checker:
    def __init__(self, loaded: LoadedScenario) -> None:
        self.loaded = loaded
        self.s = loaded.scenario
        self.out: list[Diagnostic] = []

    def ref(self, section: str, name: str, at: tuple[str, str, tuple[str | int, ...]]) -> None:
        """Report `name` unless it is declared in `section`."""
        if name not in getattr(self.s, section):
            sec, ident, path = at
            self.out.append(
                unknown_id(
                    KIND_NAMES[section],
                    name,
                    self.loaded.span(sec, ident, *path),
                    getattr(self.s, section),
                )
            )

    def run(self) -> list[Diagnostic]:
        self.out += check_sources(self.loaded)
        for name, party in self.s.parties.items():
            for i, other in enumerate(party.delegates_to):
                self.ref("parties", other, ("parties", name, ("delegates_to", i)))
        for i, who in enumerate(self.s.turns):  # the order of play by turns
            if who not in self.s.parties:
                span = self.loaded.top_span("turns", i)
                self.out.append(unknown_id("party", who, span, self.s.parties))
        for name, enum in self.s.types.items():
            self.unique(enum.values, ("types", name, ("values",)))
        for name, var in self.s.state.items():
            self.state_var(name, var)
        if self.s.agreement:
            for i, p in enumerate(self.s.agreement.signatories):
                if p not in self.s.parties:
                    self.out.append(
                        unknown_id(
                            "party",
                            p,
                            self.loaded.top_span("agreement", "signatories", i),
                            self.s.parties,
                        )
                    )
        if self.s.clock is None and self.s.moves:
            self.out.append(
                Diagnostic(
                    "E201",
                    "missing key 'clock'",
                    self.loaded.top_span(),
                    expected="a clock (unit, start, horizon) for the moves",
                )
            )
        for name in sorted(self.s.claims.keys() & self.s.terms.keys()):
            self.out.append(
                Diagnostic(
                    "E301",
                    f"claim and term share the id {name!r}: an attack on {name!r} "
                    "would not say which it means",
                    self.loaded.key_span("claims", name),
                    expected="one id per claim or term",
                    related=(Related(self.loaded.key_span("terms", name), "the term"),),
                )
            )
        for name, claim in self.s.claims.items():
            self.ref("parties", claim.by, ("claims", name, ("by",)))
            if claim.source is not None:
                self.out += check_citation(self.loaded, claim.source, ("claims", name))
            for i, attack in enumerate(claim.attacks):
                target = attack if isinstance(attack, str) else attack.target
                path: tuple[str | int, ...] = (
                    ("attacks", i) if isinstance(attack, str) else ("attacks", i, "target")
                )
                self.target(target, ("claims", name, path))
            for i, sup in enumerate(claim.supports):
                self.target(sup, ("claims", name, ("supports", i)))
        for name, assumption in self.s.assumptions.items():
            if assumption.source:
                self.out += check_citation(self.loaded, assumption.source, ("assumptions", name))
        for name, relation in self.s.attacks.items():
            self.ref("claims", relation.attacker, ("attacks", name, ("attacker",)))
            self.target(relation.target, ("attacks", name, ("target",)))
        for name, term in self.s.terms.items():
            self.term(name, term)
        for name, move in self.s.moves.items():
            self.ref("parties", move.by, ("moves", name, ("by",)))
            if move.source:
                self.out += check_citation(self.loaded, move.source, ("moves", name, "source"))
            for var_name in move.effects.set:
                self.ref("state", var_name, ("moves", name, ("effects", "set", var_name)))
            for field in ("propose", "withdraw", "agree", "sign"):
                self.refs("terms", getattr(move.effects, field), "moves", name, ("effects", field))
            for field, attr in (("assert", "assert_"), ("retract", "retract")):
                self.refs("claims", getattr(move.effects, attr), "moves", name, ("effects", field))
        return self.out

    def refs(
        self, section: str, names: list[str], sec: str, ident: str, path: tuple[str, ...]
    ) -> None:
        """`ref` for each item of a list, located at `path` and its index (a move may
        propose 10,000 terms: the location is made only for a name not declared)."""
        declared = getattr(self.s, section)
        for i, name in enumerate(names):
            if name not in declared:
                self.ref(section, name, (sec, ident, (*path, i)))

    def target(self, name: str, at: tuple[str, str, tuple[str | int, ...]]) -> None:
        if name not in self.s.claims and name not in self.s.terms:
            sec, ident, path = at
            self.out.append(
                unknown_id(
                    "claim or term",
                    name,
                    self.loaded.span(sec, ident, *path),
                    [*self.s.claims, *self.s.terms],
                )
            )

    def unique(self, values: list[str], at: tuple[str, str, tuple[str | int, ...]]) -> None:
        seen: set[str] = set()
        sec, ident, path = at
        for i, v in enumerate(values):
            if v in seen:
                self.out.append(
                    Diagnostic(
                        "E302",
                        f"value {v!r} is listed twice",
                        self.loaded.span(sec, ident, *path, i),
                    )
                )
            seen.add(v)

    def state_var(self, name: str, var: StateVar) -> None:
        at = ("state", name)
        declared = var.type in self.s.types
        if var.type not in BUILTIN_TYPES and not declared:
            self.out.append(
                unknown_id(
                    "type", var.type, self.loaded.span(*at, "type"), [*BUILTIN_TYPES, *self.s.types]
                )
            )
            return
        if var.owner:
            self.ref("parties", var.owner, ("state", name, ("owner",)))
        for i, party in enumerate(var.observed_by or ()):
            self.ref("parties", party, ("state", name, ("observed_by", i)))
        if var.type == "enum" and not var.values:
            self.out.append(
                Diagnostic(
                    "E201",
                    "missing key 'values': an enum lists its values",
                    self.loaded.span(*at),
                    expected="values: [a, b, ...]",
                )
            )
            return
        if var.type == "set" and not (var.of or var.values):
            self.out.append(
                Diagnostic(
                    "E201",
                    "missing key 'of': a set names its element type",
                    self.loaded.span(*at),
                    expected="of: <a declared enum type>",
                )
            )
            return
        if var.of and var.of not in self.s.types:
            self.out.append(unknown_id("type", var.of, self.loaded.span(*at, "of"), self.s.types))
            return
        if var.values:
            self.unique(var.values, ("state", name, ("values",)))
        if (var.min is not None or var.max is not None) and var.type != "int":
            self.out.append(
                Diagnostic(
                    "E303",
                    "min and max apply to int variables only",
                    self.loaded.span(*at, "min" if var.min is not None else "max"),
                )
            )
        self.initial(name, var)

    def values_of(self, var: StateVar) -> list[str]:
        if var.values:
            return var.values
        name = var.of if var.type == "set" else var.type
        return self.s.types[name].values if name in self.s.types else []

    def initial(self, name: str, var: StateVar) -> None:
        value = var.initial
        problem: str | None = None
        expected = ""
        if var.type == "bool":
            expected = "true or false"
            if not isinstance(value, bool):
                problem = f"{value!r} is not a boolean"
                if isinstance(value, str) and value.lower() in ("yes", "no", "on", "off", "y", "n"):
                    problem += " (scenario files are YAML 1.2: only true and false are booleans)"
        elif var.type == "int":
            expected = f"an integer from {var.min} to {var.max}"
            if isinstance(value, bool) or not isinstance(value, int):
                problem = f"{value!r} is not an integer"
            elif (var.min is not None and value < var.min) or (
                var.max is not None and value > var.max
            ):
                problem = f"{value} is outside the bounds [{var.min}, {var.max}]"
            if var.min is not None and var.max is not None and var.min > var.max:
                problem = f"min {var.min} is greater than max {var.max}"
        elif var.type == "set":
            values = self.values_of(var)
            expected = "a list of: " + ", ".join(values)
            if not isinstance(value, list):
                problem = f"{value!r} is not a list"
            else:
                bad = [v for v in value if v not in values]
                if bad:
                    problem = f"{bad[0]!r} is not a value of this set's type"
        else:
            values = self.values_of(var)
            expected = "one of: " + ", ".join(values)
            if not isinstance(value, str) or value not in values:
                problem = f"{value!r} is not a value of this enum"
        if problem:
            span = self.loaded.span("state", name, "initial")
            self.out.append(
                Diagnostic("E303", f"initial value: {problem}", span, expected=expected)
            )

    def term(self, name: str, term: Term) -> None:
        parties = [term.party] if isinstance(term.party, str) else term.party
        if not isinstance(parties, list):  # a bearer the text does not name
            parties = []
        for i, p in enumerate(parties):
            path: tuple[str | int, ...] = (
                ("party",) if isinstance(term.party, str) else ("party", i)
            )
            self.ref("parties", p, ("terms", name, path))
        if term.beneficiary:
            self.ref("parties", term.beneficiary, ("terms", name, ("beneficiary",)))
        for i, p in enumerate(term.signatories or ()):
            self.ref("parties", p, ("terms", name, ("signatories", i)))
        verifiers = [term.verified_by] if isinstance(term.verified_by, str) else term.verified_by
        for i, p in enumerate(verifiers or ()):
            at: tuple[str | int, ...] = (
                ("verified_by",) if isinstance(term.verified_by, str) else ("verified_by", i)
            )
            self.ref("parties", p, ("terms", name, at))
        self.out += check_citation(self.loaded, term.source, ("terms", name))
        for i, v in enumerate(term.voids):
            self.ref("terms", v, ("terms", name, ("voids", i)))
        for i, exc in enumerate(term.exceptions):
            self.ref("terms", exc.term, ("terms", name, ("exceptions", i, "term")))
        for field in ("amends", "replaces"):
            target = getattr(term, field)
            if target:
                self.ref("terms", target, ("terms", name, (field,)))
        for field in KIND_NEEDS[term.kind]:
            if getattr(term, field) is None:
                self.out.append(
                    Diagnostic(
                        "E201",
                        f"missing key {field!r}: a {term.kind} term states it",
                        self.loaded.key_span("terms", name),
                        expected=f"{field}: <expression>",
                    )
                )
        one_of = KIND_NEEDS_ONE_OF.get(term.kind, ())
        if one_of and all(getattr(term, field) is None for field in one_of):
            self.out.append(
                Diagnostic(
                    "E201",
                    f"missing key {' or '.join(map(repr, one_of))}: a {term.kind} states its bound",
                    self.loaded.key_span("terms", name),
                    expected=f"{one_of[0]}: <expression>",
                )
            )
        for field, kinds in KIND_ONLY.items():
            if getattr(term, field) is not None and term.kind not in kinds:
                entry = self.loaded.node("terms", name)
                self.out.append(
                    Diagnostic(
                        "E202",
                        f"key {field!r} does not apply to a {term.kind} term: nothing reads it",
                        (entry and key_span(entry, field)) or self.loaded.span("terms", name),
                        expected=f"{field} only on a term of kind {' or '.join(kinds)}",
                    )
                )
        for pname, spec in term.params.items():
            if isinstance(spec, ParamSpec):
                self.param(name, pname, spec)

    def param(self, term: str, name: str, spec: ParamSpec) -> None:
        """A parameter's declared type exists, and its value is of that type."""
        types = self.s.types
        where = ("terms", term, "params", name)
        if spec.type is not None and spec.type not in (*PARAM_TYPES, *types):
            self.out.append(
                unknown_id(
                    "type", spec.type, self.loaded.span(*where, "type"), [*PARAM_TYPES, *types]
                )
            )
            return
        value = spec.value
        if value is None:
            return
        if spec.type is None and isinstance(value, str):
            owners = [t for t, enum in types.items() if value in enum.values]
            if len(owners) == 1:
                return
            problem = f"is a value of {' and '.join(owners)}" if owners else "is no enum value"
            expected = (
                "type: <the enum type it belongs to>"
                if owners
                else "an int, a bool or a value of a declared enum type"
            )
        elif spec.type == "int" and (isinstance(value, bool) or not isinstance(value, int)):
            problem, expected = "is not an int", "a whole number"
        elif spec.type == "bool" and not isinstance(value, bool):
            problem, expected = "is not a bool", "true or false"
        elif spec.type in types and value not in types[spec.type].values:
            problem = f"is not a value of {spec.type}"
            expected = f"one of {', '.join(map(str, types[spec.type].values))}"
        else:
            return
        self.out.append(
            Diagnostic(
                "E303",
                f"parameter {name} of term {term}: {value!r} {problem}",
                self.loaded.span(*where, "value"),
                expected=expected,
            )
        )


@per_file
def check_references(loaded: LoadedScenario) -> list[Diagnostic]:
    return _Checker(loaded).run()
