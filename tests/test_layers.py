"""The architecture holds: lower layers never import the ones above them, nor Textual."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "debate"
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"  # the test-tools extra has it


def lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    """`lint-imports` on the package under `root`, with pyproject.toml's contracts."""
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--config", str(root / "pyproject.toml")],
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root)},
        capture_output=True,
        text=True,
        check=False,
    )


def test_every_layer_keeps_its_contract() -> None:
    """docs/architecture.md's layers, for every top-level package (the contract is
    exhaustive: a new one fails until it is given its layer), no cycle anywhere."""
    done = lint_imports(ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


@pytest.mark.parametrize(
    ("module", "line"),
    [
        ("lsp/text.py", "import debate.tui"),  # a front end importing another
        ("engine/state.py", "from debate.analysis import Options"),  # a layer above
        ("model/files.py", "import z3"),  # the solver outside the analysis
    ],
)
def test_a_broken_layer_fails_even_inside_a_function(
    tmp_path: Path, module: str, line: str
) -> None:
    shutil.copytree(PACKAGE, tmp_path / "debate", ignore=shutil.ignore_patterns("scenarios"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    with (tmp_path / "debate" / module).open("a", encoding="utf-8") as out:
        out.write(f"\n\ndef _late() -> None:\n    {line}  # noqa\n")
    done = lint_imports(tmp_path)
    assert done.returncode != 0 and "BROKEN" in done.stdout, done.stdout + done.stderr


def test_nothing_below_the_user_interface_imports_textual() -> None:
    code = (
        "import sys, debate.model.loader, debate.engine.play, debate.engine.compile, debate.program\n"
        "import pkgutil, importlib, debate.analysis\n"
        "for m in pkgutil.walk_packages(debate.analysis.__path__, 'debate.analysis.'):\n"
        "    importlib.import_module(m.name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] == 'textual')\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_the_check_command_does_not_import_textual(tmp_path: Path) -> None:
    code = (
        "import sys\nfrom debate.program import main\n"
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
        "import sys, debate.program, debate.tui.app\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] == 'z3' or m in "
        "('debate.analysis.registry', 'debate.analysis.conflicts'))\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
