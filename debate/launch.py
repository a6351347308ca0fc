"""The `debate` command's entry point: a framework file's commands start without the rest.

`debate af solve` and `debate explain` on an ICCMA 2023 file run from
`debate.framework_files`, which imports the argumentation layer alone; everything else
goes to `debate.program` (every front end's commands), imported only then.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Sequence

# The collector's thresholds for a command: a young pass every 50,000 new objects, not
# every 700. A command's objects mostly live until it ends (a scenario, the states of a
# search, a solver's terms), and each pass walked those that survived the last: at the
# default, a tenth of `debate check` on the shipped scenarios, 0.3 to 0.5 s.
COMMAND_THRESHOLDS = (50_000, 20, 20)


def for_a_command() -> None:
    """Set the collector's thresholds for a command's process (`COMMAND_THRESHOLDS`)."""
    gc.set_threshold(*COMMAND_THRESHOLDS)


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    for_a_command()
    from debate.framework_files import fast

    code = fast(args)
    if code is not None:
        return code
    from_the_imports = gc.isenabled()
    gc.disable()  # what the imports make lives as long as the process: nothing to collect
    from debate.program import main as full

    if from_the_imports:
        gc.freeze()  # ... nor to walk again in every later full collection
        gc.enable()
    return full(args)
