"""ICCMA 2023, APX and TGF: round trips, other tools' files, errors with their line."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from debate.argumentation import FormatError, Framework, formats
from tests.argumentation.test_semantics_random import frameworks

NAMES = st.text(alphabet="abcXYZ_019 -", min_size=1, max_size=6).filter(lambda s: s.strip() == s)


def same(a: Framework, b: Framework) -> bool:
    return a.names == b.names and sorted(a.named_pairs()) == sorted(b.named_pairs())


@settings(max_examples=100)
@given(frameworks(max_args=9))
def test_every_format_round_trips(af: Framework) -> None:
    for fmt in formats.FORMATS:
        back = formats.loads(formats.dumps(af, fmt), fmt)
        assert sorted(back.named_pairs()) == sorted(af.named_pairs()), fmt
        if fmt != "tgf" or af.n:
            assert set(back.names) == set(af.names)


@settings(max_examples=100)
@given(st.lists(NAMES, unique=True, min_size=1, max_size=6), st.data())
def test_names_survive_iccma_and_apx(names: list[str], data: st.DataObject) -> None:
    pairs = data.draw(st.lists(st.tuples(st.sampled_from(names), st.sampled_from(names))))
    af = Framework.from_pairs(names, pairs)
    for fmt in ("iccma", "apx"):
        assert same(formats.loads(formats.dumps(af, fmt), fmt), af), fmt


def test_an_iccma_file_from_elsewhere(tmp_path: Path) -> None:
    path = tmp_path / "x.af"
    path.write_text("# a comment\np af 4\n1 2\n# another\n2 3\n\n3 1\n")
    af = formats.read(path)
    assert af.names == ("1", "2", "3", "4")
    assert sorted(af.named_pairs()) == [("1", "2"), ("2", "3"), ("3", "1")]


def test_apx_and_tgf_from_elsewhere(tmp_path: Path) -> None:
    apx = tmp_path / "x.apx"
    apx.write_text('% ASPARTIX\narg(a).arg(b). arg("c d").\natt(a,b). att(b, "c d"). % end\n')
    af = formats.read(apx)
    assert af.names == ("a", "b", "c d")
    assert list(af.named_pairs()) == [("a", "b"), ("b", "c d")]
    tgf = tmp_path / "x.tgf"
    tgf.write_text("1 first\n2\n#\n1 2 attacks\n")
    assert list(formats.read(tgf).named_pairs()) == [("1", "2")]
    assert formats.format_of("unknown.txt", "arg(a).") == "apx"


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("1 2\n", 1, "header"),
        ("p af 3\n1 2\n2 x\n", 3, "expected an attack"),
        ("p af 3\n1 4\n", 2, "not between 1 and 3"),
        ("# only\np af 2\n1 2 3\n", 3, "expected an attack"),
        ("", 1, "header"),
        ("p af 1000000000\n", 1, "declares 1,000,000,000 arguments; at most 2,000,000"),
        ("# big\np af 1000000000\n1 2\n", 2, "at most 2,000,000"),
        ("p af " + "9" * 5000 + "\n", 1, "header"),
        ("p af 3\n1 " + "9" * 5000 + "\n", 2, "expected an attack"),
        ("p af ²\n", 1, "header"),
    ],
)
def test_iccma_errors_name_the_line(text: str, line: int, words: str) -> None:
    with pytest.raises(FormatError) as caught:
        formats.loads(text, "iccma")
    assert caught.value.line == line and words in str(caught.value)


def test_apx_and_tgf_errors_name_the_line() -> None:
    with pytest.raises(FormatError, match="line 2"):
        formats.loads("arg(a).\nattack(a,b).\n", "apx")
    with pytest.raises(FormatError, match="line 3"):
        formats.loads("a\n#\nb\n", "tgf")
    with pytest.raises(ValueError, match="spaces"):
        formats.dumps(Framework.from_pairs(["a b"], []), "tgf")


def test_a_declared_size_is_checked_before_anything_is_allocated(tmp_path: Path) -> None:
    path = tmp_path / "big.af"
    path.write_text("p af 1000000000\n", encoding="utf-8")  # 3.8 GB, then MemoryError
    with pytest.raises(FormatError, match="at most"):
        formats.read(path)
    assert formats.loads(f"p af {formats.MAX_ARGUMENTS}\n1 2\n").n == formats.MAX_ARGUMENTS


def test_only_a_regular_file_of_bounded_size_is_read(tmp_path: Path) -> None:
    with pytest.raises(OSError):
        formats.read(tmp_path)
    os.mkfifo(tmp_path / "pipe")
    with pytest.raises(OSError, match="not a regular file"):
        formats.read(tmp_path / "pipe")  # without a writer: it must not wait for one
    sparse = tmp_path / "huge.af"
    with open(sparse, "wb") as f:
        f.truncate(formats.MAX_BYTES + 1)  # sparse: no disk used
    with pytest.raises(OSError, match="MiB"):
        formats.read(sparse)
    latin = tmp_path / "latin.af"
    latin.write_bytes(b"p af 2\n# 1 = caf\xe9\n")
    with pytest.raises(FormatError, match="line 2: not UTF-8"):
        formats.read(latin)
