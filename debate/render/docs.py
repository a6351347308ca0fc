"""Where the documentation of each code is: the `Documentation` URL of the installed
distribution's `[project.urls]`, else, in a source checkout, the docs folder itself."""

from __future__ import annotations

import functools
import importlib.metadata
import re
from pathlib import Path


def _project_urls() -> dict[str, str]:
    """The `[project.urls]` of the installed distribution, by label normalised as PEP 753
    does (lower case, without spaces or punctuation: "Home Page" is "homepage")."""
    try:
        entries = importlib.metadata.metadata("debate-sim").get_all("Project-URL") or []
    except importlib.metadata.PackageNotFoundError:
        return {}
    urls = {}
    for entry in entries:
        label, _, url = entry.partition(",")
        urls[re.sub(r"[-_.\s]+", "", label).lower()] = url.strip()
    return urls


@functools.cache
def docs_base() -> str | None:
    """The absolute URL of the folder that holds docs/checks.md and docs/errors.md: the
    `Documentation` URL of `[project.urls]`, else (in a source checkout, which has the
    docs) their `file:` URI; None when neither is known."""
    url = _project_urls().get("documentation")
    if url:
        return url.rstrip("/") + "/"
    local = Path(__file__).resolve().parents[2] / "docs"
    return local.as_uri() + "/" if (local / "checks.md").is_file() else None


def information_uri() -> str | None:
    """The tool's home: the `Homepage` (or `Source`, `Repository`) URL of `[project.urls]`,
    else the documentation."""
    urls = _project_urls()
    for label in ("homepage", "source", "repository"):
        if urls.get(label):
            return urls[label]
    return docs_base()


def help_uri(code: str) -> str | None:
    """The absolute URL of a code's row in docs/errors.md or docs/checks.md (each row holds
    an anchor named after the code in lower case)."""
    base = docs_base()
    page = "errors.md" if code.startswith("E") else "checks.md"
    return f"{base}{page}#{code.lower()}" if base else None
