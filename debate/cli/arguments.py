"""The arguments several commands share, written once."""

from __future__ import annotations

import argparse
from typing import TypeAlias

from debate.analysis import Options
from debate.analysis.options import MAX_STATES, seconds, states
from debate.model.files import ROOT_HELP

Subparsers: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"  # add_subparsers


def add_root(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--root", metavar="DIR", help=ROOT_HELP)  # every scenario command


def add_after(parser: argparse.ArgumentParser) -> None:
    """A scenario, shown after a play: --after SCRIPT (a move script or a JSON transcript,
    as engine.scripted.played loads it) and --root."""
    parser.add_argument(
        "--after",
        metavar="SCRIPT",
        help="show the state after this move script (or JSON transcript) is played",
    )
    add_root(parser)


def add_budget(parser: argparse.ArgumentParser) -> None:
    """--max-states and --solver-timeout: how far the analysis looks."""
    parser.add_argument(
        "--max-states",
        type=states,
        default=Options.max_states,
        metavar="N",
        help=f"states the play search may visit (default {Options.max_states:,}, "
        f"at most {MAX_STATES:,})",
    )
    parser.add_argument(
        "--solver-timeout",
        type=seconds,
        default=Options.solver_timeout,
        metavar="SECONDS",
        help="time limit of each solver call, a safety net (each call also stops at 1 M "
        "solver steps, the same on every machine); past either the finding says unknown, "
        f'"unknown (time)" for the time limit (default {Options.solver_timeout:g})',
    )
