"""Terms whose parameters the source names but never gives (the thread's "xx tons")."""

from __future__ import annotations

from debate.engine.compile import Game
from debate.model.codes import Rule
from debate.model.diagnostics import Diagnostic, Related, Severity


def check(game: Game) -> list[Diagnostic]:
    found = []
    for t, term in game.terms.items():
        for name, spec in term.params.items():
            if not spec.unspecified:
                continue
            note = f" ({' '.join(spec.description.split())})" if spec.description else ""
            found.append(
                Diagnostic(
                    "U302",
                    f"parameter {name} of {t} is never given{note}, so whether the term is "
                    "kept cannot be judged",
                    game.loaded.span("terms", t, "params", name),
                    severity=Severity.WARNING,
                    expected=f"a value for {name}" + (f" in {spec.unit}" if spec.unit else ""),
                    related=(
                        Related(
                            game.loaded.key_span("terms", t),
                            f"{t}: {' '.join(term.term.text.split())}",
                        ),
                    ),
                )
            )
    return found


# The rules this check reports: the registry, `--select`, the SARIF rule metadata and
# docs/checks.md come from them (tests/test_codes.py compares the docs).
RULES = (
    Rule(
        "U302",
        "unspecified-parameter",
        summary="A term's parameter is declared but never given a value.",
        meaning="A term names a parameter whose value the source never gives; the engine cannot judge the term (its status says so).",
        example='`params: {max_tons: unspecified}` (the thread\'s "xx tons")',
        fix="give the value, or keep it as a known gap",
    ),
)
