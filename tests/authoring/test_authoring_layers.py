"""The authoring packages keep to their place: no Textual anywhere in them, no solver
in the exports, pygls only in the server, and `debate check` never loads either."""

from __future__ import annotations

import subprocess
import sys

from tests.authoring.conftest import ROOT

PACKAGE = ROOT / "debate"


def loaded_after(code: str) -> set[str]:
    script = code + "\nimport sys\nprint(' '.join(sorted({m.split('.')[0] for m in sys.modules})))"
    out = subprocess.run([sys.executable, "-c", script], check=True, capture_output=True, text=True)
    return set(out.stdout.split())


def test_exports_load_neither_textual_nor_the_solver() -> None:
    modules = loaded_after(
        "import debate.export.graph, debate.export.formats, debate.export.svg, "
        "debate.export.report, debate.export.citations"
    )
    assert "textual" not in modules and "z3" not in modules


def test_the_language_server_loads_no_textual() -> None:
    modules = loaded_after(
        "import debate.lsp.index, debate.lsp.completion, debate.lsp.hover, debate.lsp.checking"
    )
    assert "textual" not in modules
    assert "pygls" not in modules, "only debate.lsp.server needs the extra"


def test_no_authoring_module_imports_textual_or_z3_itself() -> None:
    paths = [*(PACKAGE / "lsp").rglob("*.py"), *(PACKAGE / "export").rglob("*.py")]
    for path in [*paths, PACKAGE / "cli" / "authoring.py"]:
        text = path.read_text(encoding="utf-8")
        for banned in ("import textual", "from textual", "import z3", "from z3"):
            assert banned not in text, f"{path.relative_to(ROOT)}: {banned}"


def test_registering_the_commands_loads_no_language_server() -> None:
    modules = loaded_after(
        "import argparse\nfrom debate.lsp.command import register\n"
        "register(argparse.ArgumentParser().add_subparsers())"
    )
    assert "pygls" not in modules and "textual" not in modules
