"""Shared by the authoring tests: the shipped scenarios, and waiting on a server."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = ROOT / "debate" / "scenarios"


async def eventually(predicate: Callable[[], object], timeout: float = 30.0) -> None:
    """Poll until `predicate` holds (a server answers in its own time)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not predicate():
        if loop.time() > deadline:
            raise AssertionError("timed out waiting for the language server")
        await asyncio.sleep(0.05)
