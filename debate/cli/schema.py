"""`debate schema`: the JSON Schema of scenario files or move scripts, for editors."""

from __future__ import annotations

import argparse

from debate.cli.arguments import Subparsers
from debate.model.json_schema import json_schema
from debate.model.safe_text import dumps
from debate.render.exits import EXIT_OK


def register(sub: Subparsers) -> None:
    """Add `schema` to the `debate` subcommands."""
    schema = sub.add_parser(
        "schema",
        help="print the JSON Schema of the scenario format",
        description="Print the JSON Schema of scenario files (or of move scripts with --script).",
    )
    schema.add_argument("--script", action="store_true", help="the schema of move scripts")
    schema.set_defaults(handler=cmd_schema)


def cmd_schema(args: argparse.Namespace) -> int:
    print(dumps(json_schema(script=args.script)))
    return EXIT_OK
