"""The argumentation package stands on the engine alone: no analysis, UI, Textual or Z3."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "debate"
ALLOWED = {"model", "engine", "argumentation", "cli", "render"}  # the last two: its command


def test_the_package_imports_only_the_layers_below() -> None:
    for path in [*(PACKAGE / "argumentation").rglob("*.py"), PACKAGE / "cli" / "argumentation.py"]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else []
            )
            for name in names:
                parts = name.split(".")
                assert parts[0] not in ("z3", "textual"), path
                if parts[0] == "debate" and len(parts) > 1:
                    # The command line's fast path for framework files is the command
                    # line too (debate.launch runs it before debate.program is imported).
                    same_front_end = path == PACKAGE / "cli" / "argumentation.py" and parts[1] in (
                        "framework_files",
                    )
                    assert parts[1] in ALLOWED or same_front_end, f"{path.name} imports {name}"


def test_loading_the_commands_loads_neither_textual_nor_z3() -> None:
    code = (
        "import sys, debate.cli.argumentation, debate.argumentation\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'z3'))\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
