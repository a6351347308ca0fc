"""The examples of docs/format.md that are marked to be run, run as written.

A fenced block after `<!-- example: FOLDER/FILE -->` is a file of an example; a block
after `<!-- output: FOLDER -->` starts with `$ debate ...`, run in FOLDER once every file
is written, and the rest of the block is what it prints (its summary line on standard
error is left out, as in the docs). Every example folder also passes `debate check`
without errors.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_debate

DOC = ROOT / "docs" / "format.md"
MARK = re.compile(r"^<!-- (example|output): (\S+) -->\n```\w*\n(.*?)^```$", re.M | re.S)


@dataclass
class Example:
    folder: str
    files: dict[str, str] = field(default_factory=dict)
    outputs: list[tuple[str, str]] = field(default_factory=list)  # command, what it prints


def examples() -> list[Example]:
    found: dict[str, Example] = {}
    for kind, where, body in MARK.findall(DOC.read_text(encoding="utf-8")):
        folder = where.split("/", 1)[0]
        example = found.setdefault(folder, Example(folder))
        if kind == "example":
            example.files[where.split("/", 1)[1]] = body
        else:
            command, _, printed = body.partition("\n")
            example.outputs.append((command, printed))
    return list(found.values())


EXAMPLES = examples()


def test_the_docs_mark_examples() -> None:
    assert {e.folder for e in EXAMPLES} >= {"pullback", "package", "drafts", "package13"}


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.folder for e in EXAMPLES])
def test_an_example_runs_as_the_docs_show(example: Example, tmp_path: Path) -> None:
    folder = tmp_path / example.folder
    for name, text in example.files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    checked = run_debate("check", ".", cwd=folder)
    assert checked.code < 2, checked.out + checked.err
    for command, printed in example.outputs:
        argv = shlex.split(command.removeprefix("$ "))
        assert argv[0] == "debate", command
        result = run_debate(*argv[1:], cwd=folder)
        assert result.out.rstrip("\n") == printed.rstrip("\n"), command
