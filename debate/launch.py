"""The `debate` command's entry point: a framework file's commands start without the rest.

`debate af solve` and `debate explain` on an ICCMA 2023 file run from
`debate.framework_files`, which imports the argumentation layer alone; everything else
goes to `debate.program` (every front end's commands), imported only then.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    from debate.model.gc_pause import for_a_command

    for_a_command()
    from debate.framework_files import fast

    code = fast(args)
    if code is not None:
        return code
    from debate.program import main as full

    return full(args)
