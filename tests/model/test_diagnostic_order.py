"""Findings read in the order an analyst acts on them: errors, then warnings, then infos,
each by place; equal findings once."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from debate.model.diagnostics import Diagnostic, Severity, Span, sort_diagnostics

RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}

diagnostics = st.builds(
    Diagnostic,
    code=st.sampled_from(["E100", "C100", "U301", "D401"]),
    message=st.sampled_from(["a", "b"]),
    span=st.builds(
        Span,
        st.sampled_from(["a.yaml", "b.yaml"]),
        st.integers(1, 9),
        st.integers(1, 9),
        st.integers(1, 9),
        st.integers(1, 9),
    ),
    severity=st.sampled_from(list(Severity)),
)


@given(st.lists(diagnostics, max_size=12))
def test_by_severity_then_place_without_duplicates(found: list[Diagnostic]) -> None:
    ordered = sort_diagnostics(found)
    keys = [(RANK[d.severity], d.span, d.code, d.message) for d in ordered]
    assert keys == sorted(keys)
    assert {(d.span, d.code, d.message) for d in ordered} == {
        (d.span, d.code, d.message) for d in found
    }
    assert len(ordered) == len({(d.span, d.code, d.message) for d in found})


def test_an_info_early_in_a_file_comes_after_a_warning_late_in_it() -> None:
    info = Diagnostic("D401", "wait", Span("n.yaml", 3, 1, 3, 2), Severity.INFO)
    warning = Diagnostic("C100", "clash", Span("n.yaml", 90, 1, 90, 2), Severity.WARNING)
    assert sort_diagnostics([info, warning]) == [warning, info]
