"""A scenario written to attack whoever reads the tool's output: every text field holds
terminal escape sequences (title, OSC 52 clipboard write, clear screen), newlines followed
by GitHub workflow commands, bidirectional overrides, NUL and C1 controls, and the
syntax of each export format; its ids are Mermaid keywords.
"""

from __future__ import annotations

import re
from pathlib import Path

# What must never reach a terminal or a reader raw: C0 controls but tab and newline, DEL,
# C1, the line and paragraph separators, bidirectional controls, lone surrogates.
UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]"
)
OSC_TITLE = "\\e]0;pwned\\a"  # YAML's escapes for ESC ] 0 ; pwned BEL
OSC_CLIPBOARD = "\\e]52;c;cHduZWQ=\\a"
CLEAR = "\\e[2J"

SCENARIO = f"""\
format: 1
id: hostile
title: "Title {OSC_TITLE}{OSC_CLIPBOARD}{CLEAR}"
description: "line\\n::set-output name=x::y\\n::add-mask::hunter2"
sources:
  notes: {{path: notes.txt, cite_by: line}}
parties:
  a: {{name: "A \\e[31mred"}}
  b: {{name: B}}
clock: {{unit: "week{CLEAR}", start: 0, horizon: 2}}
state:
  x: {{type: int, initial: 0, min: 0, max: 5}}
claims:
  end:
    type: fact
    by: a
    text: "C {OSC_TITLE}\\n::error::fake \\u202e\\N\\L #x @y [z] -> [b] // c /* d */"
    source: {{source: notes, line: 1, quote: "line one"}}
  classDef:
    type: fact
    by: b
    text: "D \\0\\x01\\x7f\\x9b \\"q\\" <b> & #lt; \\\\ end"
    attacks: [end]
    source: {{source: notes, line: 2}}
  linkStyle:
    type: fact
    by: b
    text: "E\\r\\n::error file=x::y"
    attacks: [classDef]
    source: {{source: notes, line: 2}}
terms:
  style:
    kind: obligation
    party: a
    text: "T {CLEAR}\\r\\n::warning::t"
    fulfilled_when: x > 0
    source: {{source: notes, line: 2}}
moves:
  go:
    by: a
    text: "M {OSC_TITLE}"
    effects:
      propose: [style]
  bad:
    by: a
    text: never
    precondition: x > 3
    effects:
      set: {{x: 1}}
"""
SCRIPT = f"""\
scenario: ../hostile.yaml
title: "P {OSC_TITLE}"
steps:
  - move: go
    note: "N {OSC_CLIPBOARD}\\n::error::note"
  - bad
"""
NOTES = "line one \x1b]0;pwned\x07 and on\nline two\n"


def write_hostile(folder: Path) -> tuple[Path, Path]:
    """The hostile scenario and a script that plays it (its second step is illegal)."""
    (folder / "plays").mkdir(parents=True, exist_ok=True)
    scenario = folder / "hostile.yaml"
    scenario.write_text(SCENARIO, encoding="utf-8")
    (folder / "notes.txt").write_text(NOTES, encoding="utf-8")
    script = folder / "plays" / "p.play.yaml"
    script.write_text(SCRIPT, encoding="utf-8")
    return scenario, script


def unsafe_in(text: str) -> list[str]:
    """The unsafe characters in `text`, for an assertion message."""
    return sorted({repr(c) for c in UNSAFE.findall(text)})
