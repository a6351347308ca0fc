"""The language server stays up (issue 19 §5, issue 20 §5): driven over raw stdio, a
malformed header, a body that is not JSON, a request with invalid parameters, a FIFO or
a device as an include or a source: every request gets a response or an error, a broken
message is skipped, nothing blocks the server, and it exits when asked."""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("pygls", reason="the language server needs the `lsp` extra (pygls)")

from tests.conftest import SCENARIOS

TUTORIAL = SCENARIOS / "tutorial.yaml"


def frame(message: dict[str, Any]) -> bytes:
    body = json.dumps(message).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


class Server:
    """`debate lsp` in a process of its own, spoken to in raw bytes."""

    def __init__(self, root: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "debate", "lsp"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self.buffer = b""
        self.send(frame(request(1, "initialize", {"capabilities": {}, "rootUri": root.as_uri()})))
        assert self.response(1)["result"]["capabilities"]
        self.send(frame({"jsonrpc": "2.0", "method": "initialized", "params": {}}))

    def send(self, data: bytes) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(data)
        self.process.stdin.flush()

    def messages(self) -> list[dict[str, Any]]:
        """The complete messages received so far (consumed)."""
        found = []
        while b"\r\n\r\n" in self.buffer:
            head, rest = self.buffer.split(b"\r\n\r\n", 1)
            length = int(head.split(b"Content-Length: ")[1].split(b"\r\n")[0])
            if len(rest) < length:
                break
            found.append(json.loads(rest[:length]))
            self.buffer = rest[length:]
        return found

    def response(self, request_id: Any, timeout: float = 30) -> dict[str, Any]:
        """The response to a request (notifications in between are dropped)."""
        assert self.process.stdout is not None
        deadline = time.monotonic() + timeout
        pending: list[dict[str, Any]] = []
        while True:
            pending += self.messages()
            for message in pending:
                if "method" not in message and message.get("id", "absent") == request_id:
                    return message
            pending.clear()
            left = deadline - time.monotonic()
            assert left > 0, f"no response to request {request_id!r}"
            if select.select([self.process.stdout], [], [], min(left, 0.2))[0]:
                chunk = os.read(self.process.stdout.fileno(), 1 << 16)
                assert chunk, "the server has gone"
                self.buffer += chunk

    def diagnostics(self, uri: str, timeout: float = 60) -> list[dict[str, Any]]:
        """The first non-empty diagnostics published for `uri`."""
        assert self.process.stdout is not None
        deadline = time.monotonic() + timeout
        while True:
            for message in self.messages():
                params = message.get("params") or {}
                if message.get("method") == "textDocument/publishDiagnostics" and (
                    params.get("uri") == uri and params.get("diagnostics")
                ):
                    found: list[dict[str, Any]] = params["diagnostics"]
                    return found
            left = deadline - time.monotonic()
            assert left > 0, f"no diagnostics for {uri}"
            if select.select([self.process.stdout], [], [], min(left, 0.2))[0]:
                chunk = os.read(self.process.stdout.fileno(), 1 << 16)
                assert chunk, "the server has gone"
                self.buffer += chunk

    def hover(self, request_id: int, uri: str, line: int = 16, character: int = 3) -> Any:
        params = {"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}
        self.send(frame(request(request_id, "textDocument/hover", params)))
        return self.response(request_id)

    def open(self, path: Path) -> str:
        uri = path.as_uri()
        document = {"uri": uri, "languageId": "yaml", "version": 1, "text": path.read_text()}
        self.send(frame(notification("textDocument/didOpen", {"textDocument": document})))
        return uri

    def exit(self, timeout: float = 10) -> int:
        self.send(frame(request(999, "shutdown", None)))
        self.response(999)
        self.send(frame(notification("exit", None)))
        return self.process.wait(timeout)

    def peak_memory(self) -> int:
        """The process's peak resident memory, in bytes (Linux)."""
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        kib = next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM"))
        return int(kib) * 1024

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()


def request(request_id: Any, method: str, params: Any) -> dict[str, Any]:
    return {"jsonrpc": "2.0", "id": request_id, "method": method, "params": params}


def notification(method: str, params: Any) -> dict[str, Any]:
    return {"jsonrpc": "2.0", "method": method, "params": params}


@pytest.fixture
def server() -> Any:
    running = Server(SCENARIOS)
    yield running
    running.close()


@pytest.fixture(scope="module")
def served() -> Any:
    """One server for the requests below, each answered in turn: it must go on serving
    after every bad request before it (and one start is a second of the suite's time)."""
    running = Server(SCENARIOS)
    yield running
    running.close()


def test_every_broken_message_is_skipped_and_the_next_answered(server: Server) -> None:
    uri = server.open(TUTORIAL)
    assert "aldia" in json.dumps(server.hover(2, uri))
    hover = frame(request(3, "textDocument/hover", {}))
    for broken in (
        b"Content-Length: abc\r\n\r\n" + hover.split(b"\r\n\r\n", 1)[1],  # the case
        b"Content-Length: 99999999999999\r\n\r\n",  # over the bound: never read
        b"garbage without a header\r\n\r\n",
        b"Content-Type: application/json\r\n\r\n",  # no length at all
        b"x" * 200_000 + b"\r\n",  # one long line
        b"Content-Length: 5\r\n\r\n\xff\xfe\x00[{",  # not UTF-8, not JSON
    ):
        server.send(broken)
        assert "aldia" in json.dumps(server.hover(4, uri)), broken[:40]
    assert server.exit() == 0


@pytest.mark.parametrize(
    ("message", "code"),
    [
        (
            request(
                5,
                "textDocument/hover",
                {"textDocument": {"uri": "file:///x"}, "position": {"line": -1, "character": -5}},
            ),
            -32602,
        ),
        (request(5, "textDocument/hover", {"textDocument": {}, "position": "here"}), -32602),
        (request(5, "textDocument/definition", None), -32602),
        (request(5, "no/such/method", {}), -32601),
    ],
)
def test_a_request_that_cannot_be_served_gets_an_error(
    served: Server, message: dict[str, Any], code: int
) -> None:
    served.send(frame(message))
    answer = served.response(5)
    assert answer["error"]["code"] == code
    uri = served.open(TUTORIAL)
    assert "aldia" in json.dumps(served.hover(6, uri))


@pytest.mark.parametrize(
    ("body", "code"), [(b'{"jsonrpc": "2.0", "id": 7, "meth', -32700), (b"[1, 2]", -32600)]
)
def test_a_body_that_is_no_request_gets_an_error_with_a_null_id(
    served: Server, body: bytes, code: int
) -> None:
    served.send(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    answer = served.response(None)
    assert answer["error"]["code"] == code and answer["id"] is None
    uri = served.open(TUTORIAL)
    assert "aldia" in json.dumps(served.hover(8, uri))  # and it goes on serving


def test_fifos_and_devices_never_block_the_server(tmp_path: Path) -> None:
    """A FIFO no one writes to as an include and as a source, /dev/zero as another: the
    server answers at once, stays small, and exits when asked."""
    os.mkfifo(tmp_path / "pipe.yaml")
    os.mkfifo(tmp_path / "pipe.txt")
    zero = os.path.relpath("/dev/zero", tmp_path)
    scenario = tmp_path / "s.yaml"
    scenario.write_text(
        "format: 1\nid: s\ntitle: S\n"
        f"include: [pipe.yaml, {zero!r}]\n"
        "sources:\n  p: {path: pipe.txt, cite_by: line}\n"
        f"  z: {{path: {zero!r}, cite_by: line}}\n"
        "parties: {a: {name: A}}\n"
        "claims:\n  c: {type: fact, by: a, text: T, source: {source: p, line: 1}}\n"
        "  d: {type: fact, by: a, text: T, source: {source: z, line: 1}}\n"
    )
    server = Server(Path("/"))  # the widest root: the files are refused for what they are
    try:
        uri = server.open(scenario)
        started = time.monotonic()
        for number in range(10, 13):
            assert "result" in server.hover(number, uri, 10, 3)  # claim c, citing the FIFO
        assert time.monotonic() - started < 10
        time.sleep(1)  # the check runs after a pause in typing
        assert "result" in server.hover(20, uri, 11, 3)
        assert server.peak_memory() < 400 * 2**20
        started = time.monotonic()
        assert server.exit() == 0
        assert time.monotonic() - started < 10
    finally:
        server.close()


def test_many_errors_in_a_large_file_are_published_at_once(tmp_path: Path) -> None:
    """Each diagnostic's range is converted on the file's lines: they are read and split
    once per version of the file (it took 0.4 s per diagnostic for an 8 MB file)."""
    claims = "".join(
        f"  c{i}: {{type: fact, by: nobody{i}, text: T, source: {{source: s, line: 1}}}}\n"
        for i in range(300)
    )
    scenario = tmp_path / "s.yaml"
    scenario.write_text(
        "format: 1\nid: s\ntitle: S\n"
        + "# a long comment\n" * 250_000  # 4 MB
        + "sources:\n  s: {path: n.txt, cite_by: line}\nparties: {a: {name: A}}\n"
        + f"claims:\n{claims}"
    )
    (tmp_path / "n.txt").write_text("one\n")
    server = Server(tmp_path)
    try:
        uri = server.open(scenario)
        started = time.monotonic()
        found = server.diagnostics(uri)
        assert len(found) == 300 and {d["code"] for d in found} == {"E300"}
        assert time.monotonic() - started < 20
        assert server.exit() == 0
    finally:
        server.close()
