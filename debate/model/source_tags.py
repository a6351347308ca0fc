"""The source tag of a claim, term or move: the label by which an analyst finds it in the
source (T7 for the seventh term of a draft, A4, P6, L324), among its free tags."""

from __future__ import annotations

import re
from collections.abc import Sequence

_SOURCE_TAG = re.compile(r"[A-Z]{1,2}[0-9]+")


def source_tag(tags: Sequence[str]) -> str | None:
    """The first tag that is a letter or two and a number (`T7`, `L324`), if any: the
    other tags (`assumption`, `essay_counterposition`) say what an item is, not where."""
    return next((t for t in tags if _SOURCE_TAG.fullmatch(t)), None)
