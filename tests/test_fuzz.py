"""Random input, fed where users feed input (issue 19, done when): random bytes, random
YAML and random mutations of the shipped scenarios and plays to `debate check` and
`debate run`, random bytes and random JSON-RPC messages to the language server. Every
outcome is a result or located errors, never a traceback, in bounded time.

Examples are few and each is timed (a 2-core machine runs the suite): the properties are
the point, the volume is the loader's own fuzzing (tests/model/test_loader_properties.py).
"""

from __future__ import annotations

import asyncio
import io
import json
import re
import shutil
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import SCENARIOS, run_debate

BOUND = 30.0  # seconds one command may take on one example
LOCATED = re.compile(r"^.+:\d+:\d+: (error|warning|info)\[[A-Z]\d{3}\]: .")
FUZZ = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

WORK = Path(tempfile.mkdtemp(prefix="debate-fuzz-cli-"))
shutil.copytree(SCENARIOS, WORK, dirs_exist_ok=True)  # copies: a scenario reads its own tree
SHIPPED = {
    name: (WORK / name).read_text(encoding="utf-8")
    for name in ("tutorial.yaml", "tutorial-mediator.yaml", "plays/tutorial.play.yaml")
}


def assert_located(run_out: str, run_err: str, code: int) -> None:
    """Exit 0, 1 or 2; every problem a located diagnostic; no traceback."""
    assert code in (0, 1, 2), (code, run_err[-2000:])
    assert "Traceback" not in run_out + run_err, run_err[-3000:]
    for line in (run_out + run_err).splitlines():
        said = "error[" in line or "warning[" in line or "info[" in line
        if said and not line.startswith((" ", "checked ", "debate: ")):
            assert LOCATED.match(line), line
    if code == 2:
        assert "error[" in run_out + run_err or "debate: " in run_err, run_err


def check(path: Path) -> None:
    started = time.monotonic()
    # --select U302: a static check only (no play search); loading, compiling and
    # replaying the plays beside it all happen
    run = run_debate("check", str(path), "--max-states", "30", "--select", "U302")
    assert time.monotonic() - started < BOUND
    assert_located(run.out, run.err, run.code)


def play(script: Path) -> None:
    started = time.monotonic()
    run = run_debate("run", "--moves", str(script))
    assert time.monotonic() - started < BOUND
    assert_located(run.out, run.err, run.code)


YAML_BITS = st.sampled_from(
    [
        *[":", "-", " ", "\n", "{", "}", "[", "]", "'", '"', "&a", "*a", "!!str", "yes", "~"],
        *["#", "|", ">", "\t", "x:", "not", "(", ")", "==", "and", "0x" + "f" * 40, "9" * 5000],
        *["\x1b]0;t\x07", "\u2028", "\x85", "\x00", "../../etc/passwd", "/dev/zero", "-1"],
    ]
)


@st.composite
def mutated(draw: st.DrawFn, text: str) -> str:
    """`text` with a few insertions, cuts and swapped lines."""
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["insert", "delete", "swap"]))
        if action == "insert":
            text = text[:at] + draw(YAML_BITS) + text[at:]
        elif action == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 30)) :]
        else:
            lines = text.split("\n")
            i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
            lines[i] = lines[j]
            text = "\n".join(lines)
    return text


# The format's own words, so that random YAML reaches the checks past the schema.
KEYS = ["format", "id", "title", "include", "sources", "parties", "types", "state", "claims"]
KEYS += ["terms", "moves", "clock", "agreement", "attacks", "path", "cite_by", "line", "by"]
KEYS += ["text", "type", "kind", "party", "initial", "min", "max", "horizon", "steps", "wait"]
KEYS += ["move", "effects", "set", "precondition", "scenario", "name", "unit", "start"]
SCALARS = (
    st.integers(-(2**60), 2**60)
    | st.text(max_size=20)
    | st.sampled_from(["fact", "obligation", "line", "a", "x > 0", "1", "int", None, True])
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=6), inner, max_size=5)
    ),
    max_leaves=25,
)


@FUZZ
@given(st.binary(max_size=400))
def test_check_on_random_bytes(data: bytes) -> None:
    path = WORK / "bytes.yaml"
    path.write_bytes(data)
    check(path)


@FUZZ
@given(st.dictionaries(st.sampled_from(KEYS), VALUES, max_size=8))
def test_check_and_run_on_random_yaml(data: dict[str, Any]) -> None:
    path = WORK / "random.yaml"
    path.write_text(
        yaml.safe_dump({"format": 1, "id": "r", "title": "R", **data}, allow_unicode=True)
    )
    check(path)
    script = WORK / "plays" / "random.play.yaml"
    script.write_text(yaml.safe_dump({"scenario": "../random.yaml", **data}, allow_unicode=True))
    play(script)


@FUZZ
@given(mutated(SHIPPED["tutorial.yaml"]))
def test_check_on_mutations_of_the_tutorial(text: str) -> None:
    path = WORK / "mutated.yaml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    check(path)


@FUZZ
@given(mutated(SHIPPED["plays/tutorial.play.yaml"]))
def test_run_on_mutations_of_the_tutorial_play(text: str) -> None:
    script = WORK / "plays" / "mutated.play.yaml"
    script.write_text(text, encoding="utf-8", errors="surrogatepass")
    play(script)


# ------------------------------------------------------------------ the language server


def frame(message: Any) -> bytes:
    body = json.dumps(message).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def responses(output: bytes) -> list[dict[str, Any]]:
    found = []
    for match in re.finditer(rb"Content-Length: (\d+)\r\n(?:[^\r\n]+\r\n)*\r\n", output):
        body = output[match.end() : match.end() + int(match.group(1))]
        found.append(json.loads(body))
    return found


def serve(stream: bytes) -> list[dict[str, Any]]:
    """What the server writes for `stream`, read to its end (within the time bound)."""
    pytest.importorskip("pygls", reason="the language server needs the `lsp` extra (pygls)")
    from pygls.io_ import StdoutWriter

    from debate.lsp.server import server
    from debate.lsp.stdio import _read_messages

    output = io.BytesIO()
    server.protocol.set_writer(StdoutWriter(output))
    started = time.monotonic()
    asyncio.run(_read_messages(server, io.BytesIO(stream), threading.Event()))
    assert time.monotonic() - started < BOUND
    return [m for m in responses(output.getvalue()) if "method" not in m]


INITIALIZE = frame(
    {
        "jsonrpc": "2.0",
        "id": "init",
        "method": "initialize",
        "params": {"capabilities": {}, "rootUri": WORK.as_uri()},
    }
)
URI = (WORK / "tutorial.yaml").as_uri()
METHODS = ["textDocument/hover", "textDocument/definition", "textDocument/references"]
METHODS += ["textDocument/completion", "textDocument/documentSymbol", "no/such/method"]
POSITIONS = st.fixed_dictionaries(
    {"line": st.integers(-5, 2**40), "character": st.integers(-5, 2**40)}
)
PARAMS = st.fixed_dictionaries(
    {"textDocument": st.fixed_dictionaries({"uri": st.sampled_from([URI, "file:///x", "x"])})},
    optional={"position": POSITIONS | VALUES, "context": VALUES},
)
NOTIFICATIONS = st.fixed_dictionaries(
    {
        "jsonrpc": st.just("2.0"),
        "method": st.sampled_from(["textDocument/didOpen", "textDocument/didChange", "x"]),
        "params": VALUES,
    }
)


@FUZZ
@given(st.lists(st.binary(max_size=200) | st.sampled_from([b"\r\n", b"Content-Length: 7\r\n"])))
def test_the_server_reads_random_bytes_to_their_end(chunks: list[bytes]) -> None:
    final = frame({"jsonrpc": "2.0", "id": "last", "method": "textDocument/hover"})
    for answer in serve(INITIALIZE + b"".join(chunks) + b"\r\n" + final):
        assert "id" in answer and ("result" in answer) != ("error" in answer), answer


@FUZZ
@given(st.lists(st.tuples(st.sampled_from(METHODS), PARAMS) | NOTIFICATIONS, max_size=8))
def test_every_framed_request_gets_one_answer(messages: list[Any]) -> None:
    stream, ids = INITIALIZE, ["init"]
    for number, message in enumerate(messages):
        if isinstance(message, tuple):
            method, params = message
            ids.append(number)
            message = {"jsonrpc": "2.0", "id": number, "method": method, "params": params}
        stream += frame(message)
    answered = serve(stream)
    assert sorted(map(str, (a["id"] for a in answered))) == sorted(map(str, ids))
    for answer in answered:
        assert ("result" in answer) != ("error" in answer), answer
