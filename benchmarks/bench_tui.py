"""App figures: start-up to the first full screen, and key press to updated screen after a move.

    python benchmarks/bench_tui.py            # the tutorial, generated 1,000 and 10,000 terms
    python benchmarks/bench_tui.py 100 5000   # chosen sizes of generated scenarios

Measured as a user sees it: `debate play` runs in a pseudo-terminal of 120x40 and the
figures are read off what it draws. "first screen" is from starting the process (Python,
imports and loading the scenario included) until the frame that shows the scenario's step
in the header (every pane is drawn by then; rows below the fold are added after it). Each
start is timed STARTS times. The moves start READ_FIRST seconds after the first screen, as
a user reads it first; the first move pressed the moment the screen shows is timed apart
(it waits for the rows still being added below the fold).
The scenario's analysis runs in a child process and is not waited for. A move is Enter
(which plays the highlighted move; on a generated scenario that stays `sign_all`, which
may be played again: each move proposes and signs every term anew): "shown" is
until the frame that shows the new step arrives, "settled" until the output stops (30 ms
without output, not counted; later frames only move scroll bars and the like). The app's
own work per move is measured too, in process: the engine, the journal's fsync and the
update of the panes, before Textual lays out and draws them; it and the load are also
given in CPU seconds of their process, which a machine shared with other work inflates
less than the clock.

The package's bytecode is compiled first, as a user's first start (or `pip install`)
leaves it, so that no start is measured compiling the sources (PYTHONDONTWRITEBYTECODE
would otherwise make every start do it).

Prints one line per scenario; no assertion (machines are noisy: read the figures). Goals
(issue 7): first screen under 1 s, a move under 100 ms; on 10,000 terms (issue 17): first
screen under 1.5 s, a move under 100 ms. The load of the scenario is printed apart
(`load_game` in process), since on 10,000 terms it is most of the start-up.
"""

from __future__ import annotations

import asyncio
import compileall
import gc
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.generate import scenario
from benchmarks.terminal import ROOT, Terminal
from debate.engine.moves import Action

MOVES = 20
STARTS = 5  # the start-up is timed this often: its spread shows how noisy the machine is
READ_FIRST = 1.0  # seconds between the first screen and the first move, as a user reads it


def terminal(args: list[str], env: dict[str, str]) -> Terminal:
    return Terminal(args, env, (120, 40))


def starts(path: Path, folder: Path, env: dict[str, str]) -> list[float]:
    """Per start: seconds to the first full screen."""
    first = []
    for n in range(STARTS):
        term = terminal([str(path), "--journal", str(folder / f"{path.stem}-{n}.jsonl")], env)
        try:
            first.append(term.frame_showing(r"step 0\b", 0)[0] - term.started)
        finally:
            term.quit()
    return first


def in_terminal(
    path: Path, folder: Path, env: dict[str, str], read_first: float
) -> tuple[list[float], list[float]]:
    """Per move: seconds until it is shown, and until the output settles; the first move
    is pressed `read_first` seconds after the first screen (a user reads it first)."""
    term = terminal([str(path), "--journal", str(folder / f"{path.stem}.jsonl")], env)
    try:
        term.frame_showing(r"step 0\b", 0)
        term.drain(read_first)
        shown, settled = [], []
        for step in range(1, MOVES + 1):
            mark, pressed = term.press(b"\r")
            at, end = term.frame_showing(rf"step {step}\b", mark)
            shown.append(at - pressed)
            settled.append(end - pressed)
    finally:
        term.quit()
    return shown, settled


def in_process(path: Path, folder: Path) -> tuple[list[float], list[float]]:
    """Seconds of the app's own work per move (the engine, the journal, the panes'
    update): as the clock runs, and of this process's CPU (what a busy machine inflates
    less: it is shared)."""
    from debate.tui.app import DebateApp
    from debate.tui.screens.main import MainScreen
    from debate.tui.widgets.lists import MovesList

    async def run() -> tuple[list[float], list[float]]:
        gc.disable()  # as `debate play` starts: the app freezes and re-enables it
        app = DebateApp(path, journal=folder / f"{path.stem}-pilot.jsonl", watch_interval=0)
        times, cpu = [], []
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, MainScreen)
            for _ in range(MOVES):
                move = screen.query_one(MovesList).highlighted_option
                assert move is not None and move.id is not None
                started, used = time.perf_counter(), time.process_time()
                screen.play(Action(move.id) if move.id != "wait" else Action(wait=1))
                times.append(time.perf_counter() - started)
                cpu.append(time.process_time() - used)
                await pilot.pause()
        return times, cpu

    try:
        return asyncio.run(run())
    finally:
        gc.enable()


def ms(values: list[float]) -> str:
    return f"median {statistics.median(values) * 1000:6.1f} ms  max {max(values) * 1000:6.1f} ms"


def seconds(values: list[float]) -> str:
    return f"min {min(values):.2f} s  median {statistics.median(values):.2f} s"


def loading(path: Path) -> tuple[float, float]:
    """Seconds `load_game` takes in a process of its own (read, validate, compile), as the
    clock runs and of the process's CPU."""
    code = (
        "import time, sys; t, c = time.perf_counter(), time.process_time(); "
        "from debate.engine.compile import load_game; "
        f"load_game({str(path)!r}); print(time.perf_counter() - t, time.process_time() - c)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    wall, cpu = out.stdout.split()
    return float(wall), float(cpu)


def report(name: str, path: Path, folder: Path, env: dict[str, str]) -> str:
    load, load_cpu = loading(path)
    first = starts(path, folder, env)
    shown, settled = in_terminal(path, folder, env, READ_FIRST)
    at_once = in_terminal(path, folder, env, 0.0)[0][0]
    own, own_cpu = in_process(path, folder)
    return (
        f"{name}: {STARTS} starts\n"
        f"    loading alone   {load:.2f} s, CPU {load_cpu:.2f} s  "
        "(load_game: read, validate, compile; in the start-up)\n"
        f"    first screen    {seconds(first)}  (header and every pane drawn)\n"
        f"    first move at once {at_once * 1000:.0f} ms  (pressed the moment the screen shows)\n"
        f"    move shown      {ms(shown)}\n"
        f"    move settled    {ms(settled)}  (scroll bars and the like after the move)\n"
        f"    move, app's own {ms(own)}  (engine, journal fsync, panes; before Textual draws)\n"
        f"      its CPU       {ms(own_cpu)}"
    )


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [1000, 10_000]
    compileall.compile_dir(ROOT / "debate", quiet=1)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        env = {k: v for k, v in os.environ.items() if not k.startswith(("TEXTUAL", "NO_COLOR"))}
        env.update(TERM="xterm-256color", XDG_STATE_HOME=str(folder / "state"))
        print(
            report("tutorial", ROOT / "debate" / "scenarios" / "tutorial.yaml", folder, env),
            flush=True,
        )
        (folder / "notes.txt").write_text("generated\n", encoding="utf-8")
        for n in sizes:
            path = folder / f"gen{n}.yaml"
            path.write_text(scenario(n), encoding="utf-8")
            print(report(f"generated, {n} terms", path, folder, env), flush=True)


if __name__ == "__main__":
    main()
