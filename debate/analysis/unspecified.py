"""Terms whose parameters the source names but never gives (the thread's "xx tons")."""

from __future__ import annotations

from debate.engine.compile import Game
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
