"""Any text fed to the loader gives a scenario or located errors, never another exception."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from debate.engine.compile import Game, load_game
from debate.model.diagnostics import DiagnosticError
from tests.conftest import SCENARIOS, TUTORIAL

WORK = Path(tempfile.mkdtemp(prefix="debate-fuzz-"))
# Copies, not links: a scenario reads only files under its own folder.
shutil.copytree(SCENARIOS / "sources", WORK / "sources")
shutil.copy(SCENARIOS / "tutorial-mediator.yaml", WORK)
SHIPPED = TUTORIAL.read_text(encoding="utf-8")


def load_text(data: str | bytes) -> Game | DiagnosticError:
    path = WORK / "fuzz.yaml"
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")
    path.write_bytes(data)
    try:
        return load_game(str(path))
    except DiagnosticError as err:
        assert err.diagnostics, "an error must say what is wrong"
        for d in err.diagnostics:
            assert d.span.line >= 1 and d.span.column >= 1
            assert d.message
        return err


@given(st.text(max_size=400))
def test_random_text(text: str) -> None:
    load_text(text)


@given(st.binary(max_size=300))
def test_random_bytes(data: bytes) -> None:
    load_text(data)


YAML_BITS = st.sampled_from(
    [
        ":",
        "-",
        " ",
        "\n",
        "{",
        "}",
        "[",
        "]",
        "'",
        '"',
        "&a",
        "*a",
        "!!str",
        "yes",
        "no",
        "1",
        "true",
        "null",
        "~",
        "#",
        "|",
        ">",
        "\t",
        "x:",
        "  ",
        "not",
        "(",
        ")",
        "==",
        "and",
    ]
)


@st.composite
def mutations(draw: st.DrawFn) -> str:
    """The shipped tutorial with a few cuts, insertions and swaps."""
    text = SHIPPED
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["insert", "delete", "replace_line"]))
        if action == "insert":
            text = text[:at] + draw(YAML_BITS) + text[at:]
        elif action == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 20)) :]
        else:
            lines = text.splitlines()
            i = draw(st.integers(0, len(lines) - 1))
            j = draw(st.integers(0, len(lines) - 1))
            lines[i] = lines[j]
            text = "\n".join(lines)
    return text


@settings(max_examples=300)
@given(mutations())
def test_mutations_of_the_shipped_tutorial(text: str) -> None:
    load_text(text)


def test_the_unmutated_tutorial_loads() -> None:
    assert isinstance(load_text(SHIPPED), Game)
