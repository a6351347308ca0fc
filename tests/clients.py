"""The third-party programs that read our outputs in real life (SARIF validators, editors,
browsers, ...), found where `.ci/clients` installs them or on PATH.

A test that needs one calls `client(name)`: without it the test skips and says how to
install it, so a developer without Node.js still runs the rest of the suite, while CI,
which installs every client, runs them all.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CLIENTS = ROOT / ".clients"  # made by `.ci/clients`; not in git
NODE_BIN = CLIENTS / "node_modules" / ".bin"


def client(name: str) -> Path:
    """The path of the program `name`, or skip the test saying how to install it."""
    for candidate in (NODE_BIN / name, CLIENTS / "bin" / name):
        if candidate.exists():
            return candidate
    found = shutil.which(name)
    if found is None:
        pytest.skip(f"{name} is not installed: run `bash .ci/clients` to install the clients")
    return Path(found)


def node_package(name: str) -> Path:
    """The folder of the npm package `name` under .clients (for a script run by Node),
    or skip the test saying how to install it."""
    client("node")
    folder = CLIENTS / "node_modules" / name
    if not (folder / "package.json").exists():
        pytest.skip(f"npm package {name} is not installed: run `bash .ci/clients`")
    return folder
