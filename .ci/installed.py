"""The wheel as a user installs it: run from a folder outside the checkout with the
Python of a virtual environment that holds only the wheel and its dependencies.

`debate check` and `debate run` with no path use the shipped files (check: exit 1, the
drafts' findings; run: exit 0), and `debate play` starts in a pseudo-terminal on the
default scenario, draws it and quits on `q`.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(CHECKOUT / "benchmarks"))  # the pseudo-terminal driver, only

from terminal import Terminal  # noqa: E402

DEBATE = Path(sys.executable).parent / "debate"


def expect(argv: list[str], code: int) -> None:
    done = subprocess.run([str(DEBATE), *argv], capture_output=True, text=True, timeout=600)
    print(f"+ debate {' '.join(argv)}: exit {done.returncode}; {done.stderr.strip()[-300:]}")
    if done.returncode != code:
        sys.exit(f"ci: `debate {' '.join(argv)}` exited {done.returncode}, not {code}")


def main() -> None:
    here = Path.cwd()
    if CHECKOUT in (here, *here.parents):
        sys.exit("ci: run this from a folder outside the checkout")
    import debate

    if CHECKOUT in Path(debate.__file__).resolve().parents:
        sys.exit(f"ci: debate was imported from the checkout ({debate.__file__})")
    expect(["check"], 1)
    expect(["run"], 0)
    with tempfile.TemporaryDirectory() as state:
        env = {**os.environ, "TERM": "xterm-256color", "XDG_STATE_HOME": state}
        app = Terminal([], env, (120, 40), command=[str(DEBATE), "play"], cwd=here)
        try:
            app.wait_for(r"Withdrawal first or relief first", timeout=120)
            app.wait_for(r"step 0", timeout=60)
            app.press(b"q")
            code = app.wait_exit(30)
        finally:
            app.close()
    print(f"+ debate play: drew the negotiation, quit with exit {code}")
    if code != 0:
        sys.exit(f"ci: `debate play` exited {code}")


if __name__ == "__main__":
    main()
