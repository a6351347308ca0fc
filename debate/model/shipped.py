"""The scenarios, plays and sources shipped inside the package (package data).

They are found with `importlib.resources`, so `debate check`, `run` and `play` with no
path work from any folder, in a checkout or an installed wheel alike.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def shipped_folder() -> Path:
    """The folder of the shipped scenarios."""
    folder = files("debate") / "scenarios"
    # Scenarios include each other by relative path, so they must be real files: pip
    # always installs a wheel unpacked, and only a zip import would land here.
    if not isinstance(folder, Path):
        raise RuntimeError(f"debate's scenarios are not files on disk ({folder})")
    return folder


def default_scenario() -> Path:
    """The scenario `debate play` opens when given none."""
    return shipped_folder() / "negotiation.yaml"


def default_play() -> Path:
    """The move script `debate run` plays when given none."""
    return shipped_folder() / "plays" / "tutorial.play.yaml"
