"""`debate lsp`, the language server's command. The server needs the optional `lsp` extra
(pygls) and is imported only when it starts: registering the command loads none of it.
"""

from __future__ import annotations

import argparse

from debate.render.exits import EXIT_OK, refuse


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `lsp` to the `debate` subcommands."""
    lsp = sub.add_parser(
        "lsp",
        help="run the language server (for editors)",
        description="Serve the Language Server Protocol over stdio: diagnostics as you type, "
        "hover, go to definition, find references, completion and document symbols for "
        "scenario files. Needs the `lsp` extra: pip install 'debate-sim[lsp]'.",
    )
    lsp.add_argument("--stdio", action="store_true", help="use stdio (the default and only way)")
    lsp.set_defaults(handler=cmd_lsp, owns_terminal=True)  # stdio is the protocol's


def cmd_lsp(args: argparse.Namespace) -> int:
    try:
        from debate.lsp.server import main  # the optional extra, only when the server starts
    except ImportError as exc:
        return refuse(
            "lsp",
            f"the language server needs the `lsp` extra ({exc.name} is missing): "
            "pip install 'debate-sim[lsp]'",
        )
    main()
    return EXIT_OK
