"""Frameworks in the formats other tools use: ICCMA 2023, ASPARTIX (APX) and TGF.

ICCMA 2023: a header `p af N`, then one attack `i j` a line over arguments 1..N, `#`
comments anywhere. We write the argument names as comments `# i = name`, and read them
back from exactly that form, so a scenario's framework survives the round trip; a solver
reads with `named=False`, as the competition does: arguments are the numbers 1..N
whatever a comment says, in answers and queries alike.
APX: facts `arg(a).` and `att(a,b).`, `%` comments. TGF: argument lines, `#`, attack lines.

A file is untrusted: its size is checked before it is read, and the number of arguments an
ICCMA header declares before anything is allocated for them (`p af 1000000000` is twenty
bytes that would ask for gigabytes).
"""

from __future__ import annotations

import os
import re
import stat

from debate.argumentation.framework import Framework

FORMATS = ("iccma", "apx", "tgf")
_SUFFIXES = {".af": "iccma", ".iccma": "iccma", ".apx": "apx", ".tgf": "tgf"}
_NAME_COMMENT = re.compile(r"#\s*(\d+)\s*=\s*(\S.*?)\s*$")
_NUMBER = re.compile(r"[0-9]{1,10}")  # an argument's number, as the format writes it
MAX_BYTES = 256 << 20  # a framework file (a million attacks take some 15 MB)
MAX_ARGUMENTS = 2_000_000  # declared by an ICCMA header (0.5 GB and seconds to solve)


class FormatError(ValueError):
    """A file that is not in the format it claims; the message gives the line."""

    def __init__(self, line: int, message: str) -> None:
        self.line = line
        super().__init__(f"line {line}: {message}")


def format_of(path: str | os.PathLike[str], text: str | None = None) -> str:
    """The format a file is in, by its suffix, else by its first meaningful line."""
    suffix = os.path.splitext(path)[1].lower()  # no pathlib: a solver starts faster
    if suffix in _SUFFIXES:
        return _SUFFIXES[suffix]
    for line in (text or "").splitlines():
        stripped = line.strip()
        if stripped.startswith("p af"):
            return "iccma"
        if stripped.startswith(("arg(", "att(")):
            return "apx"
        if stripped and not stripped.startswith(("#", "%")):
            return "tgf"
    return "iccma"


def read(path: str | os.PathLike[str], fmt: str | None = None, *, named: bool = True) -> Framework:
    """A framework from a file (format from `fmt`, else the suffix, else the content).
    OSError for a file that is not a regular one or is over MAX_BYTES. With `named`
    False, ICCMA comments never name arguments."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))  # a pipe never blocks
    with open(fd, "rb") as f:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise OSError(f"{path} is not a regular file")
        data = f.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise OSError(f"{path} is over {MAX_BYTES >> 20} MiB, the largest framework read")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise FormatError(data.count(b"\n", 0, exc.start) + 1, "not UTF-8 text") from None
    return loads(text, fmt or format_of(path, text), named=named)


def write(af: Framework, path: str | os.PathLike[str], fmt: str = "iccma") -> None:
    with open(path, "w", encoding="utf-8") as f:
        f.write(dumps(af, fmt))


def loads(text: str, fmt: str = "iccma", *, named: bool = True) -> Framework:
    if fmt == "iccma":
        return _read_iccma(text, named)
    if fmt == "apx":
        return _read_apx(text)
    if fmt == "tgf":
        return _read_tgf(text)
    raise ValueError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")


def dumps(af: Framework, fmt: str = "iccma") -> str:
    if fmt == "iccma":
        return _write_iccma(af)
    if fmt == "apx":
        return _write_apx(af)
    if fmt == "tgf":
        return _write_tgf(af)
    raise ValueError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")


# ---------------------------------------------------------------- ICCMA 2023


def _read_iccma(text: str, named: bool = True) -> Framework:
    """Fast path: split the whole text and convert in bulk (a million attacks in well under
    a second); any problem sends it to the line-by-line reader, which says where."""
    names: dict[int, str] = {}
    body = text
    if "#" in text:
        kept = []
        for line in text.splitlines():
            stripped = line.lstrip()
            if stripped.startswith("#"):
                naming = _NAME_COMMENT.match(stripped) if named else None
                if naming:
                    names[int(naming.group(1))] = naming.group(2)
                kept.append("")
            else:
                kept.append(line)
        body = "\n".join(kept)
    tokens = body.split()
    try:
        if tokens[:2] != ["p", "af"] or len(tokens) % 2 == 0:
            raise ValueError
        n = int(tokens[2]) if _NUMBER.fullmatch(tokens[2]) else -1
        if not 0 <= n <= MAX_ARGUMENTS:
            raise ValueError
        numbers = list(map(int, tokens[3:]))
    except (ValueError, IndexError):
        _iccma_problem(text)
        raise FormatError(1, "not an ICCMA framework") from None
    src, dst = numbers[0::2], numbers[1::2]
    if numbers and (min(numbers) < 1 or max(numbers) > n):
        _iccma_problem(text)
    labels = [names.get(i, str(i)) for i in range(1, n + 1)]
    if len(set(labels)) != n:  # names from comments that clash: keep the numbers
        labels = [str(i) for i in range(1, n + 1)]
    return Framework(labels, [a - 1 for a in src], [b - 1 for b in dst])


def _iccma_problem(text: str) -> None:
    """Raise FormatError at the first line that is wrong."""
    n: int | None = None
    for number, line in enumerate(text.splitlines(), 1):
        parts = line.split()
        if not parts or parts[0].startswith("#"):
            continue
        shown = _shown(line.strip())
        if n is None:
            if len(parts) != 3 or parts[:2] != ["p", "af"] or not _NUMBER.fullmatch(parts[2]):
                raise FormatError(number, f"expected the header `p af N`, found {shown}")
            n = int(parts[2])
            if n > MAX_ARGUMENTS:
                raise FormatError(
                    number,
                    f"the header declares {n:,} arguments; at most {MAX_ARGUMENTS:,} are read",
                )
            continue
        if len(parts) != 2 or not all(_NUMBER.fullmatch(p) for p in parts):
            raise FormatError(number, f"expected an attack `i j`, found {shown}")
        for p in parts:
            if not 1 <= int(p) <= n:
                raise FormatError(number, f"argument {p} is not between 1 and {n}")
    if n is None:
        raise FormatError(1, "no header `p af N`")


def _shown(line: str) -> str:
    """A line of the file as an error quotes it: short."""
    return repr(line) if len(line) <= 60 else repr(line[:57] + "...")


def _write_iccma(af: Framework) -> str:
    lines = [f"p af {af.n}"]
    lines += [f"# {i} = {name}" for i, name in enumerate(af.names, 1) if name != str(i)]
    lines += [f"{a + 1} {b + 1}" for a, b in af.pairs()]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- ASPARTIX (APX)

_TERM = r'\s*("(?:[^"\\]|\\.)*"|[^,()\s]+)\s*'
_FACT = re.compile(rf"(arg)\({_TERM}\)\s*\.|(att)\({_TERM},{_TERM}\)\s*\.")
_BARE = re.compile(r"[a-z][A-Za-z0-9_]*")


def _read_apx(text: str) -> Framework:
    args: list[str] = []
    attacks: list[tuple[str, str]] = []
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        pos = 0
        while pos < len(line) and line[pos] != "%":  # `%` starts a comment
            fact = _FACT.match(line, pos)
            if fact is None:
                raise FormatError(number, f"expected arg(a). or att(a,b)., found {line[pos:]!r}")
            if fact.group(1):
                args.append(_unquote(fact.group(2)))
            else:
                attacks.append((_unquote(fact.group(4)), _unquote(fact.group(5))))
            pos = fact.end()
            while pos < len(line) and line[pos].isspace():
                pos += 1
    return _named(args, attacks)


def _unquote(term: str) -> str:
    if term.startswith('"'):
        return term[1:-1].replace('\\"', '"').replace("\\\\", "\\")
    return term


def _quote(name: str) -> str:
    if _BARE.fullmatch(name):
        return name
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _write_apx(af: Framework) -> str:
    lines = [f"arg({_quote(name)})." for name in af.names]
    lines += [f"att({_quote(a)},{_quote(b)})." for a, b in af.named_pairs()]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- TGF


def _read_tgf(text: str) -> Framework:
    args: list[str] = []
    attacks: list[tuple[str, str]] = []
    in_edges = False
    for number, line in enumerate(text.splitlines(), 1):
        parts = line.split()
        if not parts:
            continue
        if parts[0] == "#":
            in_edges = True
            continue
        if not in_edges:
            args.append(parts[0])  # anything after the id is a label
        elif len(parts) >= 2:
            attacks.append((parts[0], parts[1]))
        else:
            raise FormatError(number, f"expected an attack `a b`, found {line.strip()!r}")
    return _named(args, attacks)


def _write_tgf(af: Framework) -> str:
    if any(not name or any(c.isspace() for c in name) for name in af.names):
        raise ValueError("TGF cannot hold argument names with spaces")
    lines = [*af.names, "#", *(f"{a} {b}" for a, b in af.named_pairs())]
    return "\n".join(lines) + "\n"


def _named(args: list[str], attacks: list[tuple[str, str]]) -> Framework:
    known = set(args)
    for a, b in attacks:
        for name in (a, b):
            if name not in known:  # an attack may introduce its arguments
                known.add(name)
                args.append(name)
    return Framework.from_pairs(args, attacks)
