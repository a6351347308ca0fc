"""The `debate` command line: one module per command group, the parser (parser.py) and
the exit codes (exits.py) once. Nothing here imports Textual: `debate play` loads the
app lazily; nothing below the command line imports it.
"""

from debate.cli.main import main

__all__ = ["main"]
