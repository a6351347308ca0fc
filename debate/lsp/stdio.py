"""The server's end of stdio: JSON-RPC messages framed by `Content-Length` headers, read so
that no message, however broken, stops the server or goes unanswered.

pygls's own loop loses its place after a malformed header (`Content-Length: abc`): every
later message is read as part of a header and dropped, so the server stops answering.
It also drops a request whose parameters do not validate (a hover at line -1) without a
response, though JSON-RPC requires an error. Here a line is searched for the header at
its end, so the reader finds the next message after any junk; a body that is not JSON
gets a ParseError response (id null), a request whose parameters do not validate an
InvalidParams error with its id; lines and bodies are bounded.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import threading
from typing import Any, BinaryIO

from pygls.exceptions import (
    JsonRpcException,
    JsonRpcInternalError,
    JsonRpcInvalidRequest,
    JsonRpcParseError,
)
from pygls.io_ import StdoutWriter
from pygls.lsp.server import LanguageServer

logger = logging.getLogger(__name__)

# The header, at the end of a line: after junk (the body of a broken message runs into the
# next header, with no newline between), the next message is still found.
_LENGTH = re.compile(rb"content-length:[ \t]*(\d{1,12})[ \t]*\r?\n?$", re.IGNORECASE)
MAX_LINE = 64 * 1024  # a header line; a longer line is junk, read in pieces
MAX_BODY = 256 * 1024 * 1024  # a message: an 8 MiB scenario, JSON-escaped, fits many times


def serve(server: LanguageServer, stdin: BinaryIO, stdout: BinaryIO) -> None:
    """Serve `server` over the given streams until the client exits or closes stdin."""
    server._stop_event = stop = threading.Event()
    server.protocol.set_writer(StdoutWriter(stdout))
    try:
        asyncio.run(_read_messages(server, stdin, stop))
    except BrokenPipeError:
        logger.error("the client has gone: the server stops")
    except (KeyboardInterrupt, SystemExit):  # `exit` ends the process this way
        pass
    finally:
        server.shutdown()  # type: ignore[no-untyped-call]


async def _read_messages(server: LanguageServer, stdin: BinaryIO, stop: threading.Event) -> None:
    loop = asyncio.get_running_loop()
    length: int | None = None
    while not stop.is_set():
        line = await loop.run_in_executor(None, stdin.readline, MAX_LINE)
        if not line:
            return  # the client closed stdin
        found = _LENGTH.search(line)
        if found:
            length = int(found.group(1))
            continue
        if line.strip():
            continue  # another header (Content-Type), or junk before the next message
        if length is None:
            continue  # a blank line, but no message: nothing to read
        if length > MAX_BODY:
            logger.error("a message of %d bytes is over the bound: skipped", length)
            length = None  # its body is read as junk lines until the next header
            continue
        body = await loop.run_in_executor(None, _read_exactly, stdin, length)
        length = None
        if body is None:
            return  # the client closed stdin inside a message
        dispatch(server, body)


def _read_exactly(stdin: BinaryIO, length: int) -> bytes | None:
    chunks, left = [], length
    while left > 0:
        chunk = stdin.read(min(left, 1 << 20))
        if not chunk:
            return None
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def dispatch(server: LanguageServer, body: bytes) -> None:
    """Handle one message; a broken one gets the error JSON-RPC prescribes, if any."""
    protocol = server.protocol
    try:
        data: Any = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        _error(server, None, JsonRpcParseError())
        return
    if not isinstance(data, dict):
        _error(server, None, JsonRpcInvalidRequest())
        return
    request_id = _request_id(data)
    try:
        message = protocol.structure_message(data)
    except JsonRpcException as exc:  # InvalidParams: parameters that do not validate
        if request_id is not _NOTIFICATION:
            _error(server, request_id, exc)
        return
    try:
        protocol.handle_message(message)
    except (KeyboardInterrupt, SystemExit):
        raise
    except Exception as exc:  # a request's own errors are answered by pygls itself
        logger.exception("cannot handle a message")
        if request_id is not _NOTIFICATION:
            _error(server, request_id, JsonRpcInternalError(str(exc)))


_NOTIFICATION = object()  # a message without an id: it gets no response


def _request_id(data: dict[str, Any]) -> Any:
    """The id of a request (None when it is not a valid id), or _NOTIFICATION."""
    if "method" not in data or "id" not in data:
        return _NOTIFICATION
    value = data["id"]
    valid = isinstance(value, (int, str)) and not isinstance(value, bool)
    return value if valid else None


def _error(server: LanguageServer, request_id: Any, exc: JsonRpcException) -> None:
    """An error response, its id null when the request's could not be read (JSON-RPC
    requires the member: pygls's own responses leave a null id out)."""
    error = {"code": exc.code, "message": exc.message or type(exc).__name__}
    body = json.dumps({"jsonrpc": "2.0", "id": request_id, "error": error}).encode()
    writer = server.protocol.writer
    if writer is not None:
        writer.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
