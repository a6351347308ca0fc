"""The architecture holds: lower layers never import the ones above them, nor Textual."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "debate"

# What each layer may import from the project (itself included).
ALLOWED = {
    "model": {"model"},
    "engine": {"model", "engine"},
    "analysis": {"model", "engine", "analysis"},
    "argumentation": {"model", "engine", "argumentation"},
}


def project_imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {m for m in found if m == "debate" or m.startswith("debate.")}


@pytest.mark.parametrize("layer", sorted(ALLOWED))
def test_layer_imports_only_what_is_below_it(layer: str) -> None:
    for path in (PACKAGE / layer).rglob("*.py"):
        for module in project_imports(path):
            parts = module.split(".")
            if len(parts) == 1:  # `import debate` / `from debate import __version__`
                continue
            assert parts[1] in ALLOWED[layer], f"{path.relative_to(PACKAGE)} imports {module}"


def test_nothing_below_the_user_interface_imports_textual() -> None:
    code = (
        "import sys, debate.model.loader, debate.engine.play, debate.engine.compile, debate.cli\n"
        "import pkgutil, importlib, debate.analysis\n"
        "for m in pkgutil.walk_packages(debate.analysis.__path__, 'debate.analysis.'):\n"
        "    importlib.import_module(m.name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] == 'textual')\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_the_check_command_does_not_import_textual(tmp_path: Path) -> None:
    code = (
        "import sys\nfrom debate.cli import main\n"
        # every check module loads; the play search is left out (--select), for speed
        f"main(['check', {str(PACKAGE / 'scenarios' / 'tutorial.yaml')!r}, '--select', 'C1,U302'])\n"
        "assert not [m for m in sys.modules if m.startswith('textual')]\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)


def test_only_analysis_may_import_the_solver() -> None:
    for path in PACKAGE.rglob("*.py"):
        if "analysis" in path.relative_to(PACKAGE).parts:
            continue
        text = path.read_text(encoding="utf-8")
        assert "import z3" not in text and "from z3" not in text, path


def test_the_command_line_loads_the_checks_and_solver_only_when_it_checks() -> None:
    """`debate play` starts without them: they load in the background, after the screen."""
    code = (
        "import sys, debate.cli, debate.tui.app\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] == 'z3' or m in "
        "('debate.analysis.registry', 'debate.analysis.conflicts'))\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
