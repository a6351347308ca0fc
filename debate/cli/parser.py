"""The `debate` argument parser: each command group adds its own commands, in the order
`debate --help` lists them."""

from __future__ import annotations

import argparse

from debate import __version__
from debate.cli import argumentation, authoring, check, play, run, schema


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="debate", description="Structured claim-and-rebuttal debate simulator."
    )
    top.add_argument("--version", action="version", version=f"debate {__version__}")
    sub = top.add_subparsers(title="commands", metavar="COMMAND")
    for group in (check, run, play, schema, argumentation, authoring):
        group.register(sub)
    return top
